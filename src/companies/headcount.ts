/** INSEE "tranches d'effectifs salariés" as SIRENE publishes them (`trancheEffectifsUniteLegale`). */
export const HEADCOUNT_BANDS = [
  { code: 'NN', label: 'Non renseigné / unités non employeuses' },
  { code: '00', label: '0 salarié' },
  { code: '01', label: '1 ou 2 salariés' },
  { code: '02', label: '3 à 5 salariés' },
  { code: '03', label: '6 à 9 salariés' },
  { code: '11', label: '10 à 19 salariés' },
  { code: '12', label: '20 à 49 salariés' },
  { code: '21', label: '50 à 99 salariés' },
  { code: '22', label: '100 à 199 salariés' },
  { code: '31', label: '200 à 249 salariés' },
  { code: '32', label: '250 à 499 salariés' },
  { code: '41', label: '500 à 999 salariés' },
  { code: '42', label: '1 000 à 1 999 salariés' },
  { code: '51', label: '2 000 à 4 999 salariés' },
  { code: '52', label: '5 000 à 9 999 salariés' },
  { code: '53', label: '10 000 salariés et plus' },
] as const;

export type HeadcountBand = (typeof HEADCOUNT_BANDS)[number]['code'];

export const HEADCOUNT_CODES: readonly HeadcountBand[] = HEADCOUNT_BANDS.map((band) => band.code);

/** The French label of a band code; undefined for a code INSEE does not define. */
export function headcountLabel(code: string): string | undefined {
  return HEADCOUNT_BANDS.find((band) => band.code === code)?.label;
}
