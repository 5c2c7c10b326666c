import { CalendarEvent, feedIcs, invitationIcs, uidHost } from './ics';

// An independent reader of what we write (tests only); its CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

const PARIS = 'Europe/Paris';
const STAMP = new Date('2027-03-01T09:00:00Z');

function meeting(start: string, end: string, extra: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: 'encounter-7f3a@tremplin.example.org',
    sequence: 3,
    start: new Date(start),
    end: new Date(end),
    summary: 'Job dating chez Boulangerie Martin',
    organizer: { name: 'Claire Martin', email: 'claire@jardins.example.org' },
    attendees: [{ name: 'Awa Diallo', email: 'awa@example.org' }],
    stamp: STAMP,
    ...extra,
  };
}

/** The calendar and its first event, as ical.js reads them (time zones registered from the file's VTIMEZONE). */
function read(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevent = calendar.getFirstSubcomponent('vevent');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

/** The wall-clock time ical.js reads (HH:MM on YYYY-MM-DD) and the instant it converts it to. */
function localAndInstant(time: { toString(): string; toJSDate(): Date }) {
  return { local: time.toString(), instant: time.toJSDate().toISOString() };
}

describe('invitationIcs', () => {
  it('round-trips UID, SEQUENCE, METHOD, STATUS and the product of a request, with stamp in UTC', () => {
    const ics = invitationIcs('REQUEST', meeting('2027-06-15T08:00:00Z', '2027-06-15T10:00:00Z'), PARIS);
    const { calendar, vevent, event } = read(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Tremplin//Tremplin//FR');
    expect(event.uid).toBe('encounter-7f3a@tremplin.example.org');
    expect(event.sequence).toBe(3);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(ics).toContain('DTSTAMP:20270301T090000Z');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
  });

  it('invites each attendee to answer, and names the organiser', () => {
    const { vevent } = read(invitationIcs('REQUEST', meeting('2027-06-15T08:00:00Z', '2027-06-15T10:00:00Z'), PARIS));
    const attendee = vevent.getFirstProperty('attendee');
    expect(attendee.getFirstValue().toLowerCase()).toBe('mailto:awa@example.org');
    expect(attendee.getParameter('cn')).toBe('Awa Diallo');
    expect(attendee.getParameter('rsvp')).toBe('TRUE');
    expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(vevent.getFirstProperty('organizer').getParameter('cn')).toBe('Claire Martin');
  });

  it('cancels with the same UID, METHOD:CANCEL and STATUS:CANCELLED', () => {
    const { calendar, vevent, event } = read(invitationIcs('CANCEL', meeting('2027-06-15T08:00:00Z', '2027-06-15T10:00:00Z', { sequence: 4 }), PARIS));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe('encounter-7f3a@tremplin.example.org');
    expect(event.sequence).toBe(4);
  });

  // Each case: UTC instants in, the Paris wall-clock times the file must say, back to the same instants.
  it.each([
    ['a summer day (UTC+2)', '2027-07-08T07:30:00Z', '2027-07-08T09:00:00Z', '2027-07-08T09:30:00', '2027-07-08T11:00:00'],
    ['a winter day (UTC+1)', '2027-01-12T13:00:00Z', '2027-01-12T14:00:00Z', '2027-01-12T14:00:00', '2027-01-12T15:00:00'],
    // Last Sunday of March 2027: at 01:00 UTC Paris jumps from 02:00 to 03:00.
    ['across the March change: 01:30 UTC is 03:30 summer time', '2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z', '2027-03-28T01:30:00', '2027-03-28T03:30:00'],
    ['the first summer hour of March 28th: 03:00 Paris', '2027-03-28T01:00:00Z', '2027-03-28T02:00:00Z', '2027-03-28T03:00:00', '2027-03-28T04:00:00'],
    ['the hour after the October change: 03:00 winter time', '2027-10-31T02:00:00Z', '2027-10-31T03:00:00Z', '2027-10-31T03:00:00', '2027-10-31T04:00:00'],
  ])('writes %s in Paris time and reads back the same instants', (_case, start, end, localStart, localEnd) => {
    const ics = invitationIcs('REQUEST', meeting(start, end), PARIS);
    const { event } = read(ics);
    expect(ics).toContain(`DTSTART;TZID=Europe/Paris:${localStart.replace(/[-:]/g, '')}`);
    expect(localAndInstant(event.startDate)).toEqual({ local: localStart, instant: new Date(start).toISOString() });
    expect(localAndInstant(event.endDate)).toEqual({ local: localEnd, instant: new Date(end).toISOString() });
  });

  // Last Sunday of October 2027: 02:30 Paris happens twice, at 00:30 and 01:30 UTC. A TZID time
  // cannot say which (RFC 5545 means the first, ical.js reads the second): such events go in UTC.
  it.each([
    ['the first 02:30 (summer time)', '2027-10-31T00:30:00Z', '2027-10-31T00:45:00Z', 'DTSTART:20271031T003000Z'],
    ['the second 02:30 (winter time)', '2027-10-31T01:30:00Z', '2027-10-31T01:45:00Z', 'DTSTART:20271031T013000Z'],
    ['a meeting from 01:30 summer time to the second 02:30', '2027-10-30T23:30:00Z', '2027-10-31T01:30:00Z', 'DTSTART:20271030T233000Z'],
  ])('writes %s of October 31st 2027 so that it reads back as the same instant', (_case, start, end, line) => {
    const ics = invitationIcs('REQUEST', meeting(start, end), PARIS);
    expect(ics).toContain(line);
    const { event } = read(ics);
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(start).toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(new Date(end).toISOString());
  });

  it('escapes commas, semicolons, newlines and keeps accents intact', () => {
    const summary = 'Visite, atelier; « café » à l’Été\nDeuxième ligne';
    const location = '12, rue de l’Église; bâtiment B';
    const description = 'Apportez :\n- une pièce d’identité, svp;\n- votre bonne humeur\\';
    const ics = invitationIcs('REQUEST', meeting('2027-06-15T08:00:00Z', '2027-06-15T10:00:00Z', { summary, location, description }), PARIS);
    expect(ics).toContain('SUMMARY:Visite\\, atelier\\; « café » à l’Été\\nDeuxième ligne');
    const { event } = read(ics);
    expect(event.summary).toBe(summary);
    expect(event.location).toBe(location);
    expect(event.description).toBe(description);
  });

  it('folds long lines at 75 octets, even between accented letters, and they unfold intact', () => {
    const description = 'Équipe déjà sûre: '.repeat(20);
    const ics = invitationIcs('REQUEST', meeting('2027-06-15T08:00:00Z', '2027-06-15T10:00:00Z', { description }), PARIS);
    const lines = ics.split('\r\n');
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(3);
    expect(lines.filter((line) => Buffer.byteLength(line, 'utf8') > 75)).toEqual([]);
    expect(read(ics).event.description).toBe(description);
  });
});

describe('feedIcs', () => {
  it('publishes named events without RSVP, and an all-day call on its Paris day', () => {
    const timed = meeting('2027-10-30T07:30:00Z', '2027-10-30T08:30:00Z', { uid: 'meeting-1@tremplin.example.org', sequence: 0, attendees: [] });
    // 23:30 UTC on October 31st (winter time) is already November 1st in Paris.
    const call = meeting('2027-10-31T23:30:00Z', '2027-10-31T23:30:00Z', { uid: 'call-1@tremplin.example.org', sequence: 0, summary: 'Appeler Boulangerie Martin', allDay: true, attendees: [] });
    const ics = feedIcs('Tremplin — Claire Martin', [timed, call], PARIS);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Tremplin — Claire Martin');
    expect(ics).not.toContain('RSVP');
    const [first, second] = calendar.getAllSubcomponents('vevent').map((vevent: unknown) => new ICAL.Event(vevent));
    expect(first.uid).toBe('meeting-1@tremplin.example.org');
    expect(localAndInstant(first.startDate)).toEqual({ local: '2027-10-30T09:30:00', instant: '2027-10-30T07:30:00.000Z' });
    expect(second.startDate.isDate).toBe(true);
    expect(second.startDate.toString()).toBe('2027-11-01');
    expect(second.endDate.toString()).toBe('2027-11-02');
    expect(ics).toContain('DTSTART;VALUE=DATE:20271101');
  });

  it('is a valid empty calendar when there is nothing planned', () => {
    const calendar = new ICAL.Component(ICAL.parse(feedIcs('Tremplin — Claire Martin', [], PARIS)));
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
  });
});

describe('uidHost', () => {
  it.each([
    ['https://tremplin.example.org', 'tremplin.example.org'],
    ['http://localhost:3000/', 'localhost'],
    ['https://crm.jardins-du-lien.fr/app', 'crm.jardins-du-lien.fr'],
  ])('%s → %s', (url, host) => expect(uidHost(url)).toBe(host));
});
