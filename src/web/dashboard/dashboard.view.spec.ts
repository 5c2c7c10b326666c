import { funnelSteps } from '../../reports/funnel-report';
import { ratio } from '../../reports/sql-params';
import { COMPANY_SOURCE_LABELS } from '../../companies/company.entity';
import { FunnelReport, StepCounts } from '../../reports/report-types';
import { dayFr } from '../board/board.view';
import { drillValueFr } from './dashboard-drill.view';
import { csvHref, filtersText, linkWith, percentFr, scopeLabel, targetFields } from './dashboard.view';

/** What Intl's fr-FR percent puts before the sign (ICU's CLDR data: a no-break space). */
const NBSP = '\u00a0';

describe('rates are rounded once, at display', () => {
  // [case, count, of, shown]
  const cases: Array<[string, number, number, string]> = [
    ['7 meetings out of 13 calls: 53.846 %, not 53.85 % rounded up again', 7, 13, '53,8'],
    ['1 need out of 3 meetings', 1, 3, '33,3'],
    ['2 contracts held out of 3', 2, 3, '66,7'],
    ['an exact half', 1, 2, '50'],
    ['every check-in answered', 8, 8, '100'],
    ['nobody answered', 0, 5, '0'],
    ['1 out of 2000: a twentieth of a percent rounds up once', 1, 2000, '0,1'],
    ['3 out of 8: 37.5 % shown as is', 3, 8, '37,5'],
    ['1 out of 7: 14.2857 %', 1, 7, '14,3'],
    ['6 hires out of 11 proposals: 54.545 %, not 54.55 % then 54.6 %', 6, 11, '54,5'],
    ['15 contracts held out of 19: 78.947 %, not 78.95 % then 79 %', 15, 19, '78,9'],
    ['4 out of 21: 19.048 %, not 19.05 % then 19.1 %', 4, 21, '19'],
    ['1 answer out of 22 check-ins: 4.545 %', 1, 22, '4,5'],
    ['683 out of 2000: 34.15 % exactly, rounded half up once', 683, 2000, '34,2'],
  ];
  it.each(cases)('%s', (_case, count, of, shown) => {
    expect(percentFr(ratio(count, of))).toBe(`${shown}${NBSP}%`);
  });

  it('shows a dash when there is nothing to divide by', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(percentFr(ratio(3, 0))).toBe('—');
  });

  it('gives the funnel’s conversions as exact fractions, so the page rounds them once', () => {
    const counts: StepCounts = {
      contacted: 13,
      meeting_held: 7,
      need_found: 3,
      candidate_proposed: 3,
      hired: 1,
      retained_1m: 2,
      retained_3m: 0,
      retained_6m: 0,
      eligible_1m: 3,
      eligible_3m: 0,
      eligible_6m: 0,
    };
    const shown = Object.fromEntries(funnelSteps(counts, {}).map((step) => [step.key, percentFr(step.conversion)]));
    expect(shown).toEqual({
      contacted: '—',
      meeting_held: `53,8${NBSP}%`,
      need_found: `42,9${NBSP}%`,
      candidate_proposed: `100${NBSP}%`,
      hired: `33,3${NBSP}%`,
      retained_1m: `66,7${NBSP}%`,
      retained_3m: '—',
      retained_6m: '—',
    });
  });
});

describe('whose figures, and the filters in words', () => {
  const STAFF = '11111111-1111-4111-8111-111111111111';
  const funnelOf = (scope: 'own' | 'structure', filters: Partial<FunnelReport['filters']>) =>
    ({
      scope,
      filters: { staffId: null, naf: null, territory: null, source: null, scriptVersionId: null, ...filters },
      byStaff: [{ staffId: STAFF, name: 'Awa Diallo' }],
    }) as unknown as FunnelReport;

  // [case, scope, filters, scope label, words]
  const cases: Array<[string, 'own' | 'structure', Record<string, string>, string, string[]]> = [
    ['staff see their own figures', 'own', {}, 'Mes chiffres', []],
    ['a manager, the whole structure', 'structure', {}, 'Toute la structure', []],
    ['a manager, one person', 'structure', { staffId: STAFF }, 'Chiffres de Awa Diallo', ['Chargé·e : Awa Diallo']],
    ['a sector and a territory', 'structure', { naf: '56.10A', territory: 'Lille' }, 'Toute la structure', ['Secteur (NAF) : 56.10A', 'Territoire : Lille']],
    ['a known source in words', 'structure', { source: 'network' }, 'Toute la structure', [`Origine : ${COMPANY_SOURCE_LABELS.network}`]],
    ['an unknown source as typed', 'structure', { source: 'constructor' }, 'Toute la structure', ['Origine : constructor']],
    ['a script version', 'own', { scriptVersionId: STAFF }, 'Mes chiffres', ['Une version d’argumentaire']],
  ];
  it.each(cases)('%s', (_case, scope, filters, label, words) => {
    const funnel = funnelOf(scope, filters);
    expect(scopeLabel(funnel)).toBe(label);
    expect(filtersText(funnel)).toEqual(words);
  });
});

describe('links to the lists and the CSV', () => {
  // [case, base, first, filters, expected]
  const cases: Array<[string, string, Record<string, string | null>, string, string]> = [
    ['own parameters first', '/tableau-de-bord/liste', { metric: 'funnel.hired', week: '2027-03-08' }, 'from=2027-03-01', '/tableau-de-bord/liste?metric=funnel.hired&week=2027-03-08&from=2027-03-01'],
    ['empty ones left out', '/tableau-de-bord/liste', { metric: 'funnel.hired', kind: null, party: '' }, '', '/tableau-de-bord/liste?metric=funnel.hired'],
    ['no parameter at all', '/tableau-de-bord/rapport', {}, '', '/tableau-de-bord/rapport?'],
  ];
  it.each(cases)('%s', (_case, base, first, filters, expected) => {
    expect(linkWith(base, first, filters)).toBe(expected);
  });

  it('opens the CSV of a table with the same filters', () => {
    expect(csvHref('funnel', 'from=2027-03-01')).toBe('/api/reports/export.csv?table=funnel&from=2027-03-01');
  });
});

describe('the target fields of a person', () => {
  const current = { call: '20', meeting: '', visit: '2', event: '' };
  it('shows the current targets', () => {
    expect(targetFields('defaults', current, 'par défaut', undefined)[0]).toEqual({
      type: 'call',
      label: 'Appels',
      accessibleLabel: 'Appels par semaine – par défaut',
      value: '20',
      error: '',
    });
  });

  it('shows what was typed on the refused form only', () => {
    const refused = { who: 'u1', values: { call: 'dix', meeting: '', visit: '', event: '' }, errors: { call: 'Indiquez un nombre.' } };
    expect(targetFields('u1', current, 'Awa', refused).map((field) => [field.value, field.error])).toEqual([
      ['dix', 'Indiquez un nombre.'],
      ['', ''],
      ['', ''],
      ['', ''],
    ]);
    expect(targetFields('u2', current, 'Paul', refused).map((field) => [field.value, field.error])).toEqual([
      ['20', ''],
      ['', ''],
      ['2', ''],
      ['', ''],
    ]);
  });
});

describe('a value of a list behind a number', () => {
  // [case, value, labels, shown]
  const cases: Array<[string, unknown, Record<string, string> | undefined, string]> = [
    ['nothing', null, undefined, '—'],
    ['empty', '', undefined, '—'],
    ['yes', true, undefined, 'Oui'],
    ['no', false, undefined, 'Non'],
    ['a number in French', 1.25, undefined, '1,3'],
    ['a coded value in words', 'early', { early: 'Anticipée (rupture)' }, 'Anticipée (rupture)'],
    ['a day', '2027-01-06', undefined, dayFr('2027-01-06')],
    ['a moment, in Paris', '2027-01-06T08:30:00.000Z', undefined, '06/01/2027 09:30'],
    ['any other text as is', 'Boulangerie', undefined, 'Boulangerie'],
  ];
  it.each(cases)('%s', (_case, value, labels, shown) => {
    expect(drillValueFr(value, 'Europe/Paris', labels)).toBe(shown);
  });
});
