/**
 * The one port through which Tremplin asks the public company directory (« Recherche
 * d'entreprises ») about establishments. The production adapter speaks its HTTP API
 * (recherche-entreprises.adapter.ts); development and tests point the same adapter at the local
 * recorded server (src/dev/company-directory-server.ts); without COMPANY_DIRECTORY_URL the
 * look-up is off.
 */

/** One establishment as the directory describes it, in our company fields. */
export interface DirectoryEstablishment {
  siret: string;
  siren: string;
  /** The establishment's sign when it has one, else the legal unit's full name. */
  name: string;
  /** NAF rév. 2 in INSEE's written form (`47.11D`); null when absent or not a rév. 2 code. */
  nafCode: string | null;
  /** INSEE headcount band code (`11`…), null when absent or unknown. */
  headcountBand: string | null;
  /** The street line, without the postcode and commune. */
  address: string | null;
  postcode: string | null;
  commune: string | null;
  /** The establishment is closed (`etat_administratif: "F"`). */
  closed: boolean;
  /** When it closed, if the directory says (`YYYY-MM-DD`). */
  closedOn: string | null;
  headOffice: boolean;
}

export interface DirectoryQuery {
  /** Words of the name (at least 3 characters), or a SIRET. */
  q: string;
  postcode?: string;
  commune?: string;
}

export interface DirectorySearch {
  establishments: DirectoryEstablishment[];
  /** Legal units matching, as the directory counts them. */
  total: number;
}

export interface CompanyDirectory {
  /** Throws DirectoryUnavailable when the directory cannot answer now. */
  search(query: DirectoryQuery): Promise<DirectorySearch>;
  /** The establishment with this SIRET, or null when the directory knows none; throws DirectoryUnavailable. */
  establishment(siret: string): Promise<DirectoryEstablishment | null>;
}

/** Injection token of the CompanyDirectory. */
export const COMPANY_DIRECTORY = Symbol('COMPANY_DIRECTORY');

/** The directory could not answer (off, time-out, network, 5xx, 429): the caller says so and carries on. */
export class DirectoryUnavailable extends Error {
  override readonly name = 'DirectoryUnavailable';

  constructor(
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`company directory unavailable (${status === undefined ? reason : `HTTP ${status}, ${reason}`})`);
  }
}

/** Shortest query the directory accepts. */
export const DIRECTORY_QUERY_MIN = 3;
