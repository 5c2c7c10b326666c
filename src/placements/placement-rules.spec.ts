import { contractsOverlap, lastDayOf, PlacementSpan, placementTermProblems, PlacementTerms } from './placement-rules';

const fieldsOf = (terms: Partial<PlacementTerms>) =>
  placementTermProblems({
    kind: 'contract',
    contractType: 'cdd',
    startDate: '2026-03-02',
    plannedEndDate: '2026-09-01',
    trialEndDate: null,
    ...terms,
  }).map((problem) => problem.field);

describe('placementTermProblems', () => {
  it.each<[string, Partial<PlacementTerms>, string[]]>([
    ['a CDD', {}, []],
    ['a CDI without end', { contractType: 'cdi', plannedEndDate: null }, []],
    ['a CDI with an end', { contractType: 'cdi' }, ['plannedEndDate']],
    ['a CDI inclusion with an end', { contractType: 'cdi_inclusion' }, ['plannedEndDate']],
    ['a CDD without end', { plannedEndDate: null }, ['plannedEndDate']],
    ['an end before the start', { plannedEndDate: '2026-03-01' }, ['plannedEndDate']],
    ['a one-day contract', { plannedEndDate: '2026-03-02' }, []],
    ['a PMSMP of one month', { kind: 'immersion', contractType: 'pmsmp', plannedEndDate: '2026-04-01' }, []],
    ['a PMSMP one day too long', { kind: 'immersion', contractType: 'pmsmp', plannedEndDate: '2026-04-02' }, ['plannedEndDate']],
    ['a PMSMP from 01-31 to 02-28', { kind: 'immersion', contractType: 'pmsmp', startDate: '2026-01-31', plannedEndDate: '2026-02-28' }, []],
    ['a PMSMP from 01-31 to 03-01', { kind: 'immersion', contractType: 'pmsmp', startDate: '2026-01-31', plannedEndDate: '2026-03-01' }, ['plannedEndDate']],
    ['a PMSMP from 01-28 to 02-28', { kind: 'immersion', contractType: 'pmsmp', startDate: '2026-01-28', plannedEndDate: '2026-02-28' }, ['plannedEndDate']],
    ['a PMSMP without end', { kind: 'immersion', contractType: 'pmsmp', plannedEndDate: null }, ['plannedEndDate']],
    ['a PMSMP as a contract', { kind: 'contract', contractType: 'pmsmp', plannedEndDate: '2026-03-13' }, ['kind']],
    ['a CDD as an immersion', { kind: 'immersion' }, ['kind']],
    ['a PMSMP with a trial period', { kind: 'immersion', contractType: 'pmsmp', plannedEndDate: '2026-03-13', trialEndDate: '2026-03-05' }, ['trialEndDate']],
    ['a CDDI of 4 months', { contractType: 'cddi', plannedEndDate: '2026-07-01' }, []],
    ['a CDDI one day short of 4 months', { contractType: 'cddi', plannedEndDate: '2026-06-30' }, ['plannedEndDate']],
    ['a CDDI of 24 months', { contractType: 'cddi', plannedEndDate: '2028-03-01' }, []],
    ['a CDDI over 24 months', { contractType: 'cddi', plannedEndDate: '2028-03-02' }, ['plannedEndDate']],
    ['a trial period within', { trialEndDate: '2026-04-01' }, []],
    ['a trial period before the start', { trialEndDate: '2026-03-01' }, ['trialEndDate']],
    ['a trial period after the end', { trialEndDate: '2026-09-02' }, ['trialEndDate']],
    ['a CDI trial period', { contractType: 'cdi', plannedEndDate: null, trialEndDate: '2026-07-01' }, []],
  ])('%s', (_, terms, fields) => {
    expect(fieldsOf(terms)).toEqual(fields);
  });
});

describe('contractsOverlap', () => {
  const cdd: PlacementSpan = { kind: 'contract', status: 'planned', startDate: '2027-01-04', plannedEndDate: '2027-03-31', endDate: null };
  const span = (overrides: Partial<PlacementSpan>): PlacementSpan => ({ ...cdd, ...overrides });
  it.each<[string, PlacementSpan, boolean]>([
    ['the same days', span({}), true],
    ['starting on its last day (both ends count)', span({ startDate: '2027-03-31', plannedEndDate: '2027-06-30' }), true],
    ['ending on its first day', span({ startDate: '2026-12-01', plannedEndDate: '2027-01-04' }), true],
    ['the day after it ends', span({ startDate: '2027-04-01', plannedEndDate: '2027-06-30' }), false],
    ['ending the day before it starts', span({ startDate: '2026-12-01', plannedEndDate: '2027-01-03' }), false],
    ['a CDI started before it (no end: runs on)', span({ startDate: '2026-06-01', plannedEndDate: null }), true],
    ['a CDI started after it', span({ startDate: '2027-04-01', plannedEndDate: null }), false],
    ['a CDI ended before it', span({ startDate: '2026-06-01', plannedEndDate: null, status: 'ended', endDate: '2027-01-03' }), false],
    ['a contract ended early, before it', span({ startDate: '2026-10-01', plannedEndDate: '2027-06-30', status: 'ended', endDate: '2026-12-31' }), false],
    ['a PMSMP during it', span({ kind: 'immersion', startDate: '2027-02-01', plannedEndDate: '2027-02-12' }), false],
  ])('a CDD from 4 January to 31 March 2027, and %s → %s', (_name, other, overlaps) => {
    expect(contractsOverlap(cdd, other)).toBe(overlaps);
    expect(contractsOverlap(other, cdd)).toBe(overlaps);
  });

  it('takes the end date of an ended placement, else its planned end', () => {
    expect(lastDayOf(span({ status: 'ended', endDate: '2027-02-10' }))).toBe('2027-02-10');
    expect(lastDayOf(span({ status: 'started' }))).toBe('2027-03-31');
    expect(lastDayOf(span({ plannedEndDate: null }))).toBeNull();
  });
});
