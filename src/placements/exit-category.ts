import type { ContractType, ExitCategory } from './contract-types';
import { lastsAtLeastMonths } from './periods';

/** What the derivation needs from a placement. */
export interface PlacementLike {
  contractType: ContractType;
  startDate: string;
  plannedEndDate: string | null;
}

/** Fixed-term contracts that count as durable from 6 months of planned duration (DOMAIN.md: CDD or temp work). */
const FIXED_TERM_BY_DURATION: ReadonlySet<ContractType> = new Set<ContractType>([
  'cdd',
  'cdd_usage',
  'interim',
  // Choice: an apprenticeship or a professionalisation contract is a fixed-term employment contract
  // with an ordinary employer (the employer's hiring aid does not make it a « contrat aidé », and the
  // person is an employee, not a trainee), so it follows the CDD rule: 6 months or more of planned
  // duration is durable employment, less is transition employment.
  'apprenticeship',
  'professionalisation',
]);

/**
 * The DGEFP exit category (sorties dynamiques) a placement leads to, from its contract type and its
 * planned duration; null when it is not an exit at all (a PMSMP immersion is not a contract).
 * - CDI, CDI inclusion → emploi durable.
 * - CDD, CDD d'usage, intérim, apprentissage, professionnalisation: 6 months or more of planned
 *   duration (2026-01-15 → 2026-07-14 is 6 months) → emploi durable; less → emploi de transition.
 * - CDDI: a CDDI is only signed by an SIAE, so it is a hiring by another SIAE → sortie positive.
 * - CDD Tremplin (entreprise adaptée, part of the ordinary labour market): a subsidised contract with
 *   an ordinary employer → emploi de transition, whatever its duration.
 */
export function exitCategoryOf(placement: PlacementLike): ExitCategory | null {
  const { contractType, startDate, plannedEndDate } = placement;
  switch (contractType) {
    case 'pmsmp':
      return null;
    case 'cdi':
    case 'cdi_inclusion':
      return 'durable_employment';
    case 'cddi':
      return 'positive_exit';
    case 'cdd_tremplin':
      return 'transition_employment';
    default:
      if (!FIXED_TERM_BY_DURATION.has(contractType)) return null;
      // A fixed-term contract always has a planned end (the API requires it); without one, nothing proves 6 months.
      if (!plannedEndDate) return 'transition_employment';
      return lastsAtLeastMonths(startDate, plannedEndDate, 6) ? 'durable_employment' : 'transition_employment';
  }
}
