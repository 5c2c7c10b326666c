import { journalFilterOptions, journalPageHref, journalPager, journalParams, parseJournalFilters } from './journal.view';

const ID = '11111111-1111-4111-8111-111111111111';

describe('the journal filters from the query string', () => {
  // [case, raw, expected (the fields that matter)]
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['nothing asked', {}, { entity: undefined, kind: '', actorId: '', entityId: '', from: '', to: '', alert: undefined, pageNumber: 1 }],
    ['a known entity and kind', { entite: 'company', quoi: 'consultations' }, { entity: 'company', kind: 'consultations' }],
    ['an unknown entity or kind is ignored', { entite: 'session', quoi: 'tout' }, { entity: undefined, kind: '' }],
    ['a person and a record by id', { personne: ID, fiche: ` ${ID} ` }, { actorId: ID, entityId: ID }],
    ['a malformed id is ignored', { personne: 'moi', fiche: '42' }, { actorId: '', entityId: '' }],
    ['days that exist', { du: '2027-02-01', au: '2027-02-28' }, { from: '2027-02-01', to: '2027-02-28', alert: undefined }],
    ['a day that does not exist is left out', { du: '2027-02-30', au: '2027-03-01' }, { from: '', to: '2027-03-01' }],
    [
      'days in the wrong order: neither applied, with a word',
      { du: '2027-03-01', au: '2027-02-01' },
      { from: '', to: '', alert: 'La date de fin précède la date de début : les dates n’ont pas été appliquées.' },
    ],
    ['a page number', { page: '3' }, { pageNumber: 3 }],
    ['page 0: page 1', { page: '0' }, { pageNumber: 1 }],
    ['a fraction: page 1', { page: '2.5' }, { pageNumber: 1 }],
    ['words: page 1', { page: 'deux' }, { pageNumber: 1 }],
    ['page beyond 100 000: page 1', { page: '100001' }, { pageNumber: 1 }],
  ];
  it.each(cases)('%s', (_case, raw, expected) => {
    const filters = parseJournalFilters(raw);
    const shown: Record<string, unknown> = { ...filters, kind: filters.kindEntry.value };
    for (const [key, value] of Object.entries(expected)) expect([key, shown[key]]).toEqual([key, value]);
  });

  it('maps the « quoi » filter to the service’s kind', () => {
    expect(parseJournalFilters({ quoi: 'modifications' }).kindEntry.kind).toBe('changes');
    expect(parseJournalFilters({ quoi: 'consultations' }).kindEntry.kind).toBe('sensitive_reads');
    expect(parseJournalFilters({}).kindEntry.kind).toBeUndefined();
  });
});

describe('the journal’s links', () => {
  // [case, raw, page, href]
  const cases: Array<[string, Record<string, unknown>, number, string]> = [
    ['page 1 without filters', {}, 1, '/journal'],
    ['page 2 without filters', {}, 2, '/journal?page=2'],
    ['filters in a fixed order, then the page', { au: '2027-02-28', quoi: 'modifications', entite: 'candidate', fiche: ID }, 3, `/journal?quoi=modifications&entite=candidate&fiche=${ID}&au=2027-02-28&page=3`],
  ];
  it.each(cases)('%s', (_case, raw, page, href) => {
    expect(journalPageHref(journalParams(parseJournalFilters(raw)), page)).toBe(href);
  });
});

describe('the journal’s pager (50 events a page)', () => {
  // [case, total, page, pageCount, previous, next]
  const cases: Array<[string, number, number, number, string | null, string | null]> = [
    ['no event: one empty page', 0, 1, 1, null, null],
    ['exactly one page', 50, 1, 1, null, null],
    ['the first of two', 51, 1, 2, null, '/journal?page=2'],
    ['the last of two', 51, 2, 2, '/journal', null],
    ['a middle page', 500, 5, 10, '/journal?page=4', '/journal?page=6'],
    ['beyond the last page: back only', 10, 4, 1, '/journal?page=3', null],
  ];
  it.each(cases)('%s', (_case, total, page, pageCount, previous, next) => {
    const pager = journalPager(total, page, new URLSearchParams());
    expect(pager).toEqual({ pageNumber: page, pageCount, several: pageCount > 1, previousHref: previous, nextHref: next });
  });
});

describe('the journal’s filter choices', () => {
  it('names the team, a deactivated member marked, and the chosen entries', () => {
    const filters = parseJournalFilters({ entite: 'user', personne: ID });
    const options = journalFilterOptions(filters, [
      { id: ID, firstName: 'Awa', lastName: 'Diallo', active: true },
      { id: 'b', firstName: 'Paul', lastName: 'Martin', active: false },
    ]);
    expect(options.actors).toEqual([
      { value: '', label: 'Tout le monde', selected: false },
      { value: ID, label: 'Awa Diallo', selected: true },
      { value: 'b', label: 'Paul Martin (désactivé·e)', selected: false },
    ]);
    expect(options.entities.filter((entry) => entry.selected)).toEqual([{ value: 'user', label: 'Comptes', selected: true }]);
    expect(options.kinds.map((entry) => entry.label)).toEqual(['Tous', 'Modifications', 'Consultations des informations confidentielles']);
  });
});
