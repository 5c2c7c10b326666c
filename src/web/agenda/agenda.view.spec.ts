import { AgendaEncounterRow, AgendaMeetingRow } from '../../encounters/agenda.queries';
import { agendaQueryOf, agendaView, encounterItems, meetingItems, mondayOf, weekDays, weekTitle } from './agenda.view';

const PARIS = 'Europe/Paris';

function encounter(startsAt: string, endsAt: string, extra: Partial<AgendaEncounterRow> = {}): AgendaEncounterRow {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    kind: 'job_dating',
    title: 'Job dating logistique',
    starts_at: new Date(startsAt),
    ends_at: new Date(endsAt),
    status: 'planned',
    place: 'Salle des fêtes',
    host_company_name: null,
    company_names: ['Boulangerie Martin', 'Transports Durand'],
    staff_names: ['Awa Diallo', 'Marc Petit'],
    ...extra,
  };
}

function meeting(day: string, time: string, extra: Partial<AgendaMeetingRow> = {}): AgendaMeetingRow {
  return {
    company_id: '22222222-2222-4222-8222-222222222222',
    company_name: 'Menuiserie Leroy',
    address: '3 rue des Lilas',
    postcode: '69003',
    commune: 'Lyon',
    day,
    time,
    note: null,
    staff_name: 'Awa Diallo',
    ...extra,
  };
}

describe('mondayOf', () => {
  it.each([
    ['a Monday is its own week', '2027-03-29', '2027-03-29'],
    ['Sunday of the spring change belongs to the week before', '2027-03-28', '2027-03-22'],
    ['Wednesday', '2027-03-31', '2027-03-29'],
    ['Sunday of the autumn change ends its week', '2027-10-31', '2027-10-25'],
    ['across the new year', '2027-01-01', '2026-12-28'],
  ])('%s', (_case, day, monday) => {
    expect(mondayOf(day)).toBe(monday);
  });
});

describe('agendaQueryOf', () => {
  it.each([
    ['nothing: this week, everyone', {}, { monday: '2027-03-29', staffId: null }],
    ['any day of a week: its Monday', { semaine: '2027-10-28' }, { monday: '2027-10-25', staffId: null }],
    ['an impossible day: this week', { semaine: '2027-02-30' }, { monday: '2027-03-29', staffId: null }],
    ['a person', { personne: 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA' }, { monday: '2027-03-29', staffId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' }],
    ['not an id: everyone', { personne: "1' OR 1=1" }, { monday: '2027-03-29', staffId: null }],
  ])('%s', (_case, raw, expected) => {
    expect(agendaQueryOf(raw, '2027-03-31')).toEqual(expected);
  });
});

describe('day bucketing on the Paris wall clock', () => {
  // Summer time starts on Sunday 28 March 2027 at 02:00 (UTC+1 → UTC+2); it ends on Sunday 31 October 2027 at 03:00.
  it.each([
    ['Monday after the spring change, 00:30 (22:30 UTC the day before)', '2027-03-28T22:30:00Z', '2027-03-29', '00:30'],
    ['Sunday of the spring change, 23:30 summer time', '2027-03-28T21:30:00Z', '2027-03-28', '23:30'],
    ['Sunday of the spring change, 03:00 right after the jump', '2027-03-28T01:00:00Z', '2027-03-28', '03:00'],
    ['Sunday of the spring change, 01:30 still winter time', '2027-03-28T00:30:00Z', '2027-03-28', '01:30'],
    ['Sunday of the autumn change, first 02:30 (summer)', '2027-10-31T00:30:00Z', '2027-10-31', '02:30'],
    ['Sunday of the autumn change, second 02:30 (winter)', '2027-10-31T01:30:00Z', '2027-10-31', '02:30'],
    ['Sunday of the autumn change, 23:30 winter time', '2027-10-31T22:30:00Z', '2027-10-31', '23:30'],
    ['Monday after the autumn change, 00:30 (23:30 UTC the day before)', '2027-10-31T23:30:00Z', '2027-11-01', '00:30'],
    ['Monday 25 October 2027, 09:00 summer time', '2027-10-25T07:00:00Z', '2027-10-25', '09:00'],
  ])('%s', (_case, startsAt, day, time) => {
    const [item] = encounterItems([encounter(startsAt, new Date(new Date(startsAt).getTime() + 3_600_000).toISOString())], PARIS);
    expect({ day: item.day, startTime: item.startTime }).toEqual({ day, startTime: time });
  });

  it('puts the autumn change Sunday’s two 02:30 in the order they happen, in the week of 25 October 2027', () => {
    const items = encounterItems(
      [
        encounter('2027-10-31T01:30:00Z', '2027-10-31T02:00:00Z', { title: 'Second' }),
        encounter('2027-10-31T00:30:00Z', '2027-10-31T01:00:00Z', { title: 'First' }),
        encounter('2027-11-01T08:00:00Z', '2027-11-01T09:00:00Z', { title: 'Next week' }),
      ],
      PARIS,
    );
    const days = weekDays('2027-10-25', '2027-10-27', items);
    expect(days.map((day) => day.day)).toEqual(['2027-10-25', '2027-10-26', '2027-10-27', '2027-10-28', '2027-10-29', '2027-10-30', '2027-10-31']);
    expect(days[6].items.map((item) => item.title)).toEqual(['First', 'Second']);
    expect(days.flatMap((day) => day.items).map((item) => item.title)).not.toContain('Next week');
    expect(days[2].today).toBe(true);
    expect(days.filter((day) => day.empty)).toHaveLength(6);
  });

  it('keeps the Sunday of the spring change out of the week of 29 March 2027', () => {
    const items = encounterItems([encounter('2027-03-28T21:30:00Z', '2027-03-28T22:00:00Z', { title: 'Sunday' }), encounter('2027-03-28T22:30:00Z', '2027-03-28T23:00:00Z', { title: 'Monday' })], PARIS);
    const days = weekDays('2027-03-29', '2027-03-29', items);
    expect(days[0].items.map((item) => item.title)).toEqual(['Monday']);
    expect(days.flatMap((day) => day.items)).toHaveLength(1);
  });
});

describe('meetingItems', () => {
  it.each([
    ['an ordinary day: one hour', '2027-03-30', '14:00', '14:00', '15:00'],
    ['the night of the spring change: 01:30 + 1 h is 03:30', '2027-03-28', '01:30', '01:30', '03:30'],
    ['the night of the autumn change: the first 02:00, an hour later it is 02:00 again', '2027-10-31', '02:00', '02:00', '02:00'],
    ['late evening', '2027-10-25', '23:30', '23:30', '00:30'],
  ])('%s', (_case, day, time, startTime, endTime) => {
    const [item] = meetingItems([meeting(day, time)], PARIS);
    expect(item).toMatchObject({ day, startTime, endTime, kindLabel: 'Rendez-vous', title: 'Menuiserie Leroy', meeting: true, place: '3 rue des Lilas, 69003 Lyon' });
    expect(item.href).toBe('/entreprises/22222222-2222-4222-8222-222222222222');
  });
});

describe('encounterItems', () => {
  it('says the kind, the companies, the place, who and links to the encounter', () => {
    const [item] = encounterItems([encounter('2027-03-30T08:00:00Z', '2027-03-30T10:00:00Z')], PARIS);
    expect(item).toMatchObject({
      day: '2027-03-30',
      startTime: '10:00',
      endTime: '12:00',
      kindLabel: 'Job dating',
      title: 'Job dating logistique',
      companies: 'Boulangerie Martin, Transports Durand',
      place: 'Salle des fêtes',
      who: 'Awa Diallo, Marc Petit',
      href: '/rencontres/11111111-1111-4111-8111-111111111111',
      cancelled: false,
    });
  });

  it.each([
    ['at the host company', { place: null, host_company_name: 'Boulangerie Martin' }, 'chez Boulangerie Martin'],
    ['no place known', { place: null, host_company_name: null }, null],
  ])('place: %s', (_case, extra, place) => {
    expect(encounterItems([encounter('2027-03-30T08:00:00Z', '2027-03-30T10:00:00Z', extra)], PARIS)[0].place).toBe(place);
  });

  it('marks a cancelled encounter', () => {
    const [item] = encounterItems([encounter('2027-03-30T08:00:00Z', '2027-03-30T10:00:00Z', { status: 'cancelled', kind: 'company_visit', staff_names: [] })], PARIS);
    expect(item).toMatchObject({ cancelled: true, kindLabel: 'Visite d’entreprise', who: null });
  });
});

describe('weekTitle', () => {
  it.each([
    ['2027-03-29', 'Semaine du 29 mars au 4 avril 2027'],
    ['2027-10-25', 'Semaine du 25 octobre au 31 octobre 2027'],
    ['2026-12-28', 'Semaine du 28 décembre 2026 au 3 janvier 2027'],
  ])('%s', (monday, title) => {
    expect(weekTitle(monday)).toBe(title);
  });
});

describe('agendaView', () => {
  const team = [
    { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', firstName: 'Awa', lastName: 'Diallo', active: true },
    { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', firstName: 'Marc', lastName: 'Petit', active: false },
  ];

  it('links the weeks around, keeping the person, and offers everyone first', () => {
    const view = agendaView({ monday: '2027-10-25', today: '2027-03-31', staffId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', team, items: [] });
    expect(view.previousHref).toBe('/agenda?semaine=2027-10-18&personne=aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    expect(view.nextHref).toBe('/agenda?semaine=2027-11-01&personne=aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    expect(view.thisWeekHref).toBe('/agenda?semaine=2027-03-29&personne=aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    expect(view.isThisWeek).toBe(false);
    expect(view.person).toBe('Awa Diallo');
    // A former colleague is not offered.
    expect(view.staffOptions.map((entry) => [entry.label, entry.selected])).toEqual([
      ['Tout le monde', false],
      ['Awa Diallo', true],
    ]);
    expect(view.days.every((day) => day.empty)).toBe(true);
  });

  it('this week, everyone', () => {
    const view = agendaView({ monday: '2027-03-29', today: '2027-03-31', staffId: null, team, items: [] });
    expect(view.isThisWeek).toBe(true);
    expect(view.person).toBeNull();
    expect(view.staffOptions[0]).toEqual({ value: '', label: 'Tout le monde', selected: true });
  });
});
