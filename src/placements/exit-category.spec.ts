import { ContractType, ExitCategory } from './contract-types';
import { exitCategoryOf } from './exit-category';

describe('exitCategoryOf (DGEFP sorties dynamiques)', () => {
  const table: Array<[ContractType, string, string | null, ExitCategory | null]> = [
    ['cdi', '2026-01-15', null, 'durable_employment'],
    ['cdi_inclusion', '2026-01-15', null, 'durable_employment'],
    // The 6-month boundary: 2026-01-15 → 2026-07-14 is exactly 6 months.
    ['cdd', '2026-01-15', '2026-07-14', 'durable_employment'],
    ['cdd', '2026-01-15', '2026-07-13', 'transition_employment'],
    ['cdd', '2026-01-15', '2027-01-14', 'durable_employment'],
    ['cdd', '2026-01-15', '2026-02-14', 'transition_employment'],
    ['cdd_usage', '2026-01-15', '2026-07-14', 'durable_employment'],
    ['cdd_usage', '2026-01-15', '2026-03-31', 'transition_employment'],
    ['interim', '2026-01-15', '2026-07-14', 'durable_employment'],
    ['interim', '2026-01-15', '2026-07-13', 'transition_employment'],
    // Month ends: 2026-08-31 + 6 months ends on the last day of February.
    ['cdd', '2026-08-31', '2027-02-28', 'durable_employment'],
    ['cdd', '2026-08-31', '2027-02-27', 'transition_employment'],
    // Apprenticeship and professionalisation follow the CDD rule (a fixed-term employment contract).
    ['apprenticeship', '2026-09-01', '2028-08-31', 'durable_employment'],
    ['apprenticeship', '2026-09-01', '2027-01-31', 'transition_employment'],
    ['professionalisation', '2026-09-01', '2027-02-28', 'durable_employment'],
    ['professionalisation', '2026-09-01', '2027-02-27', 'transition_employment'],
    // Hiring by another SIAE.
    ['cddi', '2026-01-15', '2026-07-14', 'positive_exit'],
    ['cddi', '2026-01-15', '2028-01-14', 'positive_exit'],
    // Subsidised contract with an ordinary employer (entreprise adaptée), whatever its length.
    ['cdd_tremplin', '2026-01-15', '2027-01-14', 'transition_employment'],
    // An immersion is not an exit.
    ['pmsmp', '2026-01-15', '2026-01-28', null],
  ];

  it.each(table)('%s from %s to %s → %s', (contractType, startDate, plannedEndDate, expected) => {
    expect(exitCategoryOf({ contractType, startDate, plannedEndDate })).toBe(expected);
  });
});
