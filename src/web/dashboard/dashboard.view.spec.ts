import { funnelSteps } from '../../reports/funnel-report';
import { ratio } from '../../reports/sql-params';
import { StepCounts } from '../../reports/report-types';
import { percentFr } from './dashboard.view';

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
