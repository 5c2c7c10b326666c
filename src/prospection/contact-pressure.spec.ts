import { capWarningOf, isAnswered, isContact, isResting, isUnansweredAttempt, monthOf, restAfter } from './contact-pressure';

const PARIS = 'Europe/Paris';

describe('what counts', () => {
  it.each([
    ['call', true],
    ['email', true],
    ['meeting', true],
    ['visit', true],
    ['note', false],
    ['event', false],
    ['other', false],
  ])('%s is a contact: %s', (type, expected) => {
    expect(isContact(type)).toBe(expected);
  });

  it.each([
    ['call', 'no_answer', true, false],
    ['call', 'call_back', false, true],
    ['call', 'refused', false, true],
    ['call', 'meeting_booked', false, true],
    ['call', 'need_found', false, true],
    ['call', null, false, false],
    ['meeting', null, false, true],
    ['visit', null, false, true],
    ['email', null, false, false],
    ['note', null, false, false],
  ] as const)('%s with outcome %s: attempt %s, answered %s', (type, outcome, attempt, answered) => {
    expect(isUnansweredAttempt(type, outcome)).toBe(attempt);
    expect(isAnswered(type, outcome)).toBe(answered);
  });
});

describe('monthOf (Paris calendar month)', () => {
  it.each([
    ['31 March 23:30 Paris (21:30 UTC, summer time) is in March', '2027-03-31T21:30:00Z', '2027-03', '2027-02-28T23:00:00.000Z', '2027-03-31T22:00:00.000Z'],
    ['1 April 00:30 Paris (31 March 22:30 UTC) is in April', '2027-03-31T22:30:00Z', '2027-04', '2027-03-31T22:00:00.000Z', '2027-04-30T22:00:00.000Z'],
    ['31 December 23:30 Paris is in December', '2026-12-31T22:30:00Z', '2026-12', '2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z'],
    ['1 January 00:10 Paris is in January of the next year', '2026-12-31T23:10:00Z', '2027-01', '2026-12-31T23:00:00.000Z', '2027-01-31T23:00:00.000Z'],
    ['29 February in a leap year', '2028-02-29T12:00:00Z', '2028-02', '2028-01-31T23:00:00.000Z', '2028-02-29T23:00:00.000Z'],
  ])('%s', (_case, instant, month, start, end) => {
    const found = monthOf(PARIS, new Date(instant));
    expect(found.month).toBe(month);
    expect(found.start.toISOString()).toBe(start);
    expect(found.end.toISOString()).toBe(end);
  });
});

describe('capWarningOf', () => {
  const last = { by: 'Léa Martin', at: new Date('2026-12-03T09:00:00Z') };
  it.each([
    ['no cap: never', null, 12, null],
    ['cap 2, none yet', 2, 0, null],
    ['cap 2, one already: the second is allowed', 2, 1, null],
    ['cap 2, two already: the third warns', 2, 2, { max: 2, count: 2, by: 'Léa Martin', on: '2026-12-03' }],
    ['cap 1, three already (warned before, went ahead)', 1, 3, { max: 1, count: 3, by: 'Léa Martin', on: '2026-12-03' }],
  ])('%s', (_case, cap, count, expected) => {
    expect(capWarningOf(cap, { count, last: count ? last : null }, PARIS)).toEqual(expected);
  });

  it('names the day in Paris: 23:30 on 31 March is 31 March', () => {
    expect(capWarningOf(1, { count: 1, last: { by: 'Karim', at: new Date('2027-03-31T21:30:00Z') } }, PARIS)?.on).toBe('2027-03-31');
  });
});

describe('restAfter (6 unanswered calls in 3 months by default)', () => {
  const settings = { attempts: 6, months: 3 };
  it.each([
    ['no calls', [], null],
    ['five calls: not yet', ['2026-10-01', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29'], null],
    [
      'the sixth call starts a rest until its day + 3 months',
      ['2026-10-01', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29', '2026-11-05'],
      { until: '2027-02-05', count: 6, lastDay: '2026-11-05' },
    ],
    [
      'the sixth call on 30 November rests until 28 February (shorter month)',
      ['2026-09-01', '2026-10-01', '2026-10-15', '2026-11-02', '2026-11-20', '2026-11-30'],
      { until: '2027-02-28', count: 6, lastDay: '2026-11-30' },
    ],
    [
      'a call exactly 3 months before the last is out of the window',
      ['2026-09-06', '2026-10-01', '2026-10-15', '2026-11-02', '2026-11-20', '2026-12-06'],
      null,
    ],
    [
      'a call the day after is in',
      ['2026-09-07', '2026-10-01', '2026-10-15', '2026-11-02', '2026-11-20', '2026-12-06'],
      { until: '2027-03-06', count: 6, lastDay: '2026-12-06' },
    ],
    [
      'six calls the same day count',
      ['2026-12-01', '2026-12-01', '2026-12-01', '2026-12-01', '2026-12-01', '2026-12-01'],
      { until: '2027-03-01', count: 6, lastDay: '2026-12-01' },
    ],
    [
      'order does not matter (a call typed in afterwards)',
      ['2026-11-05', '2026-10-01', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29'],
      { until: '2027-02-05', count: 6, lastDay: '2026-11-05' },
    ],
    [
      'the 31 May + 3 months is 31 August',
      ['2027-03-01', '2027-04-01', '2027-05-01', '2027-05-10', '2027-05-20', '2027-05-31'],
      { until: '2027-08-31', count: 6, lastDay: '2027-05-31' },
    ],
  ])('%s', (_case, days, expected) => {
    expect(restAfter(days, settings)).toEqual(expected);
  });

  it('follows the structure’s settings (3 calls in 1 month)', () => {
    expect(restAfter(['2027-01-31', '2027-02-10', '2027-02-27'], { attempts: 3, months: 1 })).toEqual({ until: '2027-03-27', count: 3, lastDay: '2027-02-27' });
    expect(restAfter(['2027-01-27', '2027-02-10', '2027-02-27'], { attempts: 3, months: 1 })).toBeNull();
  });
});

describe('isResting', () => {
  it.each([
    [null, '2026-12-06', false],
    ['2027-02-05', '2027-02-04', true],
    ['2027-02-05', '2027-02-05', false],
    ['2027-02-05', '2027-02-06', false],
  ])('resting until %s, on %s: %s', (until, today, expected) => {
    expect(isResting(until, today)).toBe(expected);
  });
});
