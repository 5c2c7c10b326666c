/** Contract types (DOMAIN.md), PMSMP included although it is an immersion, not a contract. */
export const CONTRACT_TYPES = [
  'cdi',
  'cdi_inclusion',
  'cdd',
  'cdd_usage',
  'cddi',
  'cdd_tremplin',
  'interim',
  'apprenticeship',
  'professionalisation',
  'pmsmp',
] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const CONTRACT_TYPE_LABELS: Record<ContractType, string> = {
  cdi: 'CDI',
  cdi_inclusion: 'CDI inclusion',
  cdd: 'CDD',
  cdd_usage: 'CDD d’usage',
  cddi: 'CDDI (insertion)',
  cdd_tremplin: 'CDD Tremplin',
  interim: 'Intérim / mission',
  apprenticeship: 'Apprentissage',
  professionalisation: 'Contrat de professionnalisation',
  pmsmp: 'Immersion (PMSMP)',
};

export const SHIFT_PATTERNS = ['day', '2x8', '3x8', 'night', 'weekend'] as const;
export type ShiftPattern = (typeof SHIFT_PATTERNS)[number];

export const SHIFT_LABELS: Record<ShiftPattern, string> = {
  day: 'Journée',
  '2x8': '2x8',
  '3x8': '3x8',
  night: 'Nuit',
  weekend: 'Week-end',
};

/** DGEFP categories of exits from an insertion path ("sorties dynamiques" are the first three). */
export const EXIT_CATEGORIES = ['durable_employment', 'transition_employment', 'positive_exit', 'other'] as const;
export type ExitCategory = (typeof EXIT_CATEGORIES)[number];

/**
 * The « sorties dynamiques » as the DGEFP counts them: emploi durable, emploi de transition and
 * sorties positives; only « autres sorties » are not.
 */
export const DYNAMIC_EXIT_CATEGORIES: readonly ExitCategory[] = ['durable_employment', 'transition_employment', 'positive_exit'];

export const EXIT_CATEGORY_LABELS: Record<ExitCategory, string> = {
  durable_employment: 'Emploi durable',
  transition_employment: 'Emploi de transition',
  positive_exit: 'Sortie positive',
  other: 'Autre sortie',
};
