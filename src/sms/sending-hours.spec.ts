import { nextSendingInstant } from './sending-hours';

const PARIS = 'Europe/Paris';

describe('nextSendingInstant (Europe/Paris)', () => {
  it.each([
    // [case, now (UTC), sent at (UTC)]
    ['Tuesday 10:00 leaves at once', '2026-12-08T09:00:00Z', '2026-12-08T09:00:00Z'],
    ['08:00 exactly leaves at once', '2026-12-08T07:00:00Z', '2026-12-08T07:00:00Z'],
    ['07:59 waits for 08:00 the same day', '2026-12-08T06:59:00Z', '2026-12-08T07:00:00Z'],
    ['just after midnight waits for 08:00 the same day', '2026-12-08T00:05:00Z', '2026-12-08T07:00:00Z'],
    ['19:59 leaves at once', '2026-12-08T18:59:00Z', '2026-12-08T18:59:00Z'],
    ['19:59:59 leaves at once', '2026-12-08T18:59:59Z', '2026-12-08T18:59:59Z'],
    ['20:00 exactly waits for the next morning', '2026-12-08T19:00:00Z', '2026-12-09T07:00:00Z'],
    ['Tuesday 21:00 waits for Wednesday 08:00', '2026-12-08T20:00:00Z', '2026-12-09T07:00:00Z'],
    ['Friday 21:00 waits for Monday 08:00', '2026-12-11T20:00:00Z', '2026-12-14T07:00:00Z'],
    ['Saturday noon waits for Monday 08:00', '2026-12-12T11:00:00Z', '2026-12-14T07:00:00Z'],
    ['Sunday 07:00 waits for Monday 08:00', '2026-12-13T06:00:00Z', '2026-12-14T07:00:00Z'],
    ['Christmas Eve 21:00 waits for Monday 28 (Christmas Friday, weekend)', '2026-12-24T20:00:00Z', '2026-12-28T07:00:00Z'],
    ['New Year’s Eve 20:30 waits for Monday 4 January', '2026-12-31T19:30:00Z', '2027-01-04T07:00:00Z'],
    ['14 July 10:00 waits for 15 July 08:00', '2027-07-14T08:00:00Z', '2027-07-15T06:00:00Z'],
    ['13 July 21:00 skips 14 July', '2027-07-13T19:00:00Z', '2027-07-15T06:00:00Z'],
    ['Friday before Whit Monday 2027, 20:00, waits for Tuesday', '2027-05-14T18:00:00Z', '2027-05-18T06:00:00Z'],
    ['Whit Monday 2027 noon waits for Tuesday', '2027-05-17T10:00:00Z', '2027-05-18T06:00:00Z'],
    // Last Sunday of March 2026: 02:00 CET becomes 03:00 CEST; 08:00 is 07:00 UTC before, 06:00 UTC after.
    ['Friday 21:00 CET before the March change waits for Monday 08:00 CEST', '2026-03-27T20:00:00Z', '2026-03-30T06:00:00Z'],
    ['the March change night itself waits for Monday 08:00 CEST', '2026-03-29T00:30:00Z', '2026-03-30T06:00:00Z'],
    // 2027: the change weekend is Easter, so Easter Monday is off too.
    ['Friday 21:00 before the March change and Easter 2027 waits for Tuesday', '2027-03-26T20:00:00Z', '2027-03-30T06:00:00Z'],
    // Last Sunday of October 2026: 03:00 CEST becomes 02:00 CET.
    ['Friday 22:00 CEST before the October change waits for Monday 08:00 CET', '2026-10-23T20:00:00Z', '2026-10-26T07:00:00Z'],
    ['Saturday 19:00 CEST before the October change waits for Monday 08:00 CET', '2026-10-24T17:00:00Z', '2026-10-26T07:00:00Z'],
    ['Monday after the October change, 07:30 CET waits for 08:00 CET', '2026-10-26T06:30:00Z', '2026-10-26T07:00:00Z'],
    // 2027: the October change is followed by Toussaint, Monday 1 November.
    ['Friday 20:30 CEST before the October change and Toussaint 2027 waits for Tuesday', '2027-10-29T18:30:00Z', '2027-11-02T07:00:00Z'],
    ['19:59 CEST on a summer Friday leaves at once', '2026-07-03T17:59:00Z', '2026-07-03T17:59:00Z'],
    ['20:00 CEST on a summer Friday waits for Monday', '2026-07-03T18:00:00Z', '2026-07-06T06:00:00Z'],
  ])('%s', (_case, now, sentAt) => {
    expect(nextSendingInstant(new Date(now), PARIS).toISOString()).toBe(new Date(sentAt).toISOString());
  });

  it('gives back the very instant when it may leave', () => {
    const now = new Date('2026-12-08T09:00:00.123Z');
    expect(nextSendingInstant(now, PARIS)).toBe(now);
  });
});
