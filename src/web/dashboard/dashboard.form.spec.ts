import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { ValidationFailedException } from '../../common/validation';
import { drillQueryOf, filterForm, filterQueryString, isReportRefusal, parseDashboardFilters, parseTargets, presetOf, presetPeriod, scriptOptions, staffOptions, targetsRefusal } from './dashboard.form';

const STAFF = '11111111-1111-4111-8111-111111111111';

describe('preset periods, relative to a Paris calendar day', () => {
  // [preset, today, from, to]
  const cases: Array<[string, string, string | null, string | null]> = [
    ['mois', '2027-03-15', '2027-03-01', '2027-03-15'],
    ['mois-dernier', '2027-03-15', '2027-02-01', '2027-02-28'],
    ['mois-dernier', '2027-01-10', '2026-12-01', '2026-12-31'],
    ['trimestre', '2027-05-20', '2027-04-01', '2027-05-20'],
    ['trimestre', '2027-12-31', '2027-10-01', '2027-12-31'],
    ['annee', '2027-08-08', '2027-01-01', '2027-08-08'],
    ['12-mois', '2027-03-15', '2026-03-16', '2027-03-15'],
    ['12-mois: the 29th of February a year later', '2028-02-29', '2027-03-01', '2028-02-29'],
    ['an unknown preset', '2027-03-15', null, null],
  ];
  it.each(cases)('%s (%s)', (preset, today, from, to) => {
    const period = presetPeriod(preset.split(':')[0].replace('an unknown preset', 'autre'), today);
    expect(period).toEqual(from === null ? null : { from, to });
  });

  it('names the preset a period is, or none', () => {
    expect(presetOf({ from: '2027-03-01', to: '2027-03-15' }, '2027-03-15')).toBe('mois');
    expect(presetOf({ from: '2027-03-02', to: '2027-03-15' }, '2027-03-15')).toBeNull();
  });
});

describe('the dashboard filters from the query string', () => {
  // [case, raw, canPickStaff, values shown (besides empty ones), query]
  const cases: Array<[string, Record<string, unknown>, boolean, Record<string, string>, Record<string, string>]> = [
    ['nothing asked', {}, true, {}, {}],
    ['typed dates, trimmed', { from: ' 2027-01-01 ', to: '2027-01-31' }, true, { from: '2027-01-01', to: '2027-01-31' }, { from: '2027-01-01', to: '2027-01-31' }],
    ['a preset wins over typed dates', { periode: 'mois', from: '2026-01-01' }, true, { from: '2027-03-01', to: '2027-03-15' }, { from: '2027-03-01', to: '2027-03-15' }],
    ['a manager picks a staff member', { staffId: STAFF }, true, { staffId: STAFF }, { staffId: STAFF }],
    ['staff never pick one', { staffId: STAFF, naf: '56.10A' }, false, { naf: '56.10A' }, { naf: '56.10A' }],
    ['a list or an object is no value', { naf: ['a', 'b'], territory: { x: 1 } }, true, {}, {}],
    ['a bad date goes to the service, which names it', { from: 'hier' }, true, { from: 'hier' }, { from: 'hier' }],
  ];
  it.each(cases)('%s', (_case, raw, canPickStaff, shown, query) => {
    const filters = parseDashboardFilters(raw, '2027-03-15', canPickStaff);
    expect(Object.fromEntries(Object.entries(filters.values).filter(([, value]) => value !== ''))).toEqual(shown);
    expect(filters.query).toEqual(query);
  });

  it('keeps at most 200 characters of a value', () => {
    expect(parseDashboardFilters({ naf: 'x'.repeat(300) }, '2027-03-15', true).values.naf).toHaveLength(200);
  });
});

describe('the filters as a query string for links', () => {
  // [case, query, period, expected]
  const cases: Array<[string, Record<string, string>, { from: string; to: string } | null, string]> = [
    ['no filter', {}, null, ''],
    ['the period the service understood wins', { from: '2027-01-01' }, { from: '2027-01-01', to: '2027-01-31' }, 'from=2027-01-01&to=2027-01-31'],
    ['other filters follow, in order', { naf: '56', staffId: STAFF, interval: 'week' }, null, `staffId=${STAFF}&naf=56&interval=week`],
  ];
  it.each(cases)('%s', (_case, query, period, expected) => {
    expect(filterQueryString(query, period)).toBe(expected);
  });
});

describe('the query of a list behind a number', () => {
  it('adds the metric and the list’s own filled-in parameters to the shared filters', () => {
    const raw = { metric: 'funnel.hired', week: '2027-03-08', party: '', from: '2027-03-01', nope: 'x' };
    const drill = drillQueryOf(raw, parseDashboardFilters(raw, '2027-03-15', true));
    expect(drill.query).toEqual({ from: '2027-03-01', metric: 'funnel.hired', week: '2027-03-08' });
    expect(drill.own).toEqual({ metric: 'funnel.hired', bucket: '', week: '2027-03-08', contractType: '', category: '', party: '', kind: '' });
  });
});

describe('the targets form', () => {
  const invalid = 'Indiquez un nombre entier entre 0 et 1 000, ou laissez vide pour ne pas fixer d’objectif.';
  // [case, posted, targets, errors]
  const cases: Array<[string, Record<string, unknown>, Record<string, number | null> | null, Record<string, string>]> = [
    ['empty: no target', {}, { call: null, meeting: null, visit: null, event: null }, {}],
    ['whole numbers up to 1000', { call: '25', meeting: ' 3 ', visit: '0', event: '1000' }, { call: 25, meeting: 3, visit: 0, event: 1000 }, {}],
    ['over 1000', { call: '1001' }, null, { call: invalid }],
    ['negative, decimal or words', { call: '-1', meeting: '2.5', visit: 'dix' }, null, { call: invalid, meeting: invalid, visit: invalid }],
  ];
  it.each(cases)('%s', (_case, posted, targets, errors) => {
    const parsed = parseTargets(posted);
    expect(parsed.errors).toEqual(errors);
    if (targets) expect(parsed.targets).toEqual(targets);
  });

  it('shows a refused form again with what was typed and the problems', () => {
    const parsed = parseTargets({ call: 'dix', meeting: '4' });
    const state = targetsRefusal(new ValidationFailedException([]), STAFF, parsed);
    expect(state.refused).toEqual({ who: STAFF, values: { call: 'dix', meeting: '4', visit: '', event: '' }, errors: { call: invalid } });
    expect(state.alert).toBe('Les objectifs n’ont pas été enregistrés : voir les messages à côté des champs.');
  });
});

describe('refusals the report pages explain', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['a bad filter (400)', new BadRequestException(), true],
    ['someone else’s figures (403)', new ForbiddenException(), true],
    ['a missing list (404) is an error page', new NotFoundException(), false],
    ['anything else is an error page', new Error('boom'), false],
  ];
  it.each(cases)('%s', (_case, error, explained) => {
    expect(isReportRefusal(error)).toBe(explained);
  });
});

describe('the filter choices', () => {
  const users = [
    { id: 'a', firstName: 'Awa', lastName: 'Diallo', active: true },
    { id: 'b', firstName: 'Paul', lastName: 'Martin', active: false },
    { id: 'c', firstName: 'Léa', lastName: 'Roux', active: false },
  ];
  it('lists the active team, and a deactivated member only when chosen', () => {
    expect(staffOptions(users, 'b').map((entry) => [entry.value, entry.label, entry.selected])).toEqual([
      ['', 'Toute l’équipe', false],
      ['a', 'Awa Diallo', false],
      ['b', 'Paul Martin (compte désactivé)', true],
    ]);
  });

  it('names each script version', () => {
    expect(scriptOptions([{ id: 'v', title: 'Restauration', number: 2 }], '')).toEqual([
      { value: '', label: 'Toutes les versions', selected: true },
      { value: 'v', label: 'Restauration — version 2', selected: false },
    ]);
  });

  it('says whether any filter is in use', () => {
    const none = { errors: {}, alert: '' };
    expect(filterForm(parseDashboardFilters({}, '2027-03-15', true), none, [], []).active).toBe(false);
    expect(filterForm(parseDashboardFilters({ interval: 'week' }, '2027-03-15', true), none, [], []).active).toBe(true);
  });
});
