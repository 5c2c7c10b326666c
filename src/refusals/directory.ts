import { refusal, refusalWith, RefusalDef } from './define';

/** The public company directory (« Recherche d'entreprises »): look-ups and refreshes from it. */
export const DIRECTORY = {
  /** A look-up needs 3 to 200 characters (the directory refuses shorter queries). */
  queryTooShort: refusalWith<{ field: string }>()('directory.query_too_short'),
  postcodeInvalid: refusalWith<{ field: string }>()('directory.postcode_invalid'),
  communeInvalid: refusalWith<{ field: string }>()('directory.commune_invalid'),
  /** The directory did not answer in time, or failed: nothing was changed. */
  unavailable: refusal('directory.unavailable'),
  /** COMPANY_DIRECTORY_URL is not set on this installation. */
  off: refusal('directory.off'),
  /** A refresh needs the company's SIRET. */
  noSiret: refusal('directory.no_siret'),
  /** The directory knows no establishment with this SIRET. */
  siretUnknown: refusalWith<{ siret: string }>()('directory.siret_unknown'),
} as const satisfies Record<string, RefusalDef>;
