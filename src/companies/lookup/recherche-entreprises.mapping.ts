import { HEADCOUNT_CODES } from '../headcount';
import { isKnownNafCode, normalizeNafCode } from '../naf';
import { DirectoryEstablishment, DirectorySearch } from './company-directory';

/**
 * The documented shape of `GET /search` of « Recherche d'entreprises »
 * (https://recherche-entreprises.api.gouv.fr/docs/), reduced to what Tremplin reads. Every field
 * may be missing or null: the directory's answers are read defensively.
 */
export interface ApiEstablishment {
  siret?: string | null;
  adresse?: string | null;
  code_postal?: string | null;
  libelle_commune?: string | null;
  /** The commune's INSEE code (not its postcode). */
  commune?: string | null;
  latitude?: string | number | null;
  longitude?: string | number | null;
  activite_principale?: string | null;
  etat_administratif?: string | null;
  date_fermeture?: string | null;
  est_siege?: boolean | null;
  tranche_effectif_salarie?: string | null;
  liste_enseignes?: string[] | null;
  nom_commercial?: string | null;
}

export interface ApiLegalUnit {
  siren?: string | null;
  nom_complet?: string | null;
  nom_raison_sociale?: string | null;
  activite_principale?: string | null;
  tranche_effectif_salarie?: string | null;
  etat_administratif?: string | null;
  siege?: ApiEstablishment | null;
  matching_etablissements?: ApiEstablishment[] | null;
}

export interface ApiSearchAnswer {
  results?: ApiLegalUnit[] | null;
  total_results?: number | null;
  page?: number;
  per_page?: number;
  total_pages?: number;
}

const clean = (value: string | null | undefined): string | null => {
  const trimmed = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  return trimmed === '' ? null : trimmed;
};

/** A NAF code we can store: rév. 2 only (the directory may still carry rév. 1 codes of old closed units). */
export function nafOf(value: string | null | undefined): string | null {
  const normalized = value ? normalizeNafCode(value) : null;
  return normalized && isKnownNafCode(normalized) ? normalized : null;
}

/** An INSEE band code we know; `NN` (not an employer, or unknown) counts as known. */
export function headcountOf(value: string | null | undefined): string | null {
  return value && (HEADCOUNT_CODES as readonly string[]).includes(value) ? value : null;
}

/**
 * The street line of the directory's one-line address: « 12 RUE DE LA PAIX 59000 LILLE » without
 * its postcode and commune, which have fields of their own.
 */
export function streetOf(adresse: string | null | undefined, postcode: string | null, commune: string | null): string | null {
  let line = clean(adresse);
  if (!line) return null;
  if (postcode) {
    const at = line.lastIndexOf(postcode);
    if (at >= 0 && (commune === null || line.slice(at + postcode.length).trim().toUpperCase().startsWith(commune.toUpperCase()))) {
      line = line.slice(0, at).trim();
    }
  }
  return line === '' ? null : line;
}

/** One establishment of a legal unit, in our fields; null when it has no usable SIRET. */
export function establishmentOf(unit: ApiLegalUnit, place: ApiEstablishment): DirectoryEstablishment | null {
  const siret = clean(place.siret)?.replace(/\s/g, '') ?? '';
  if (!/^\d{14}$/.test(siret)) return null;
  const postcode = clean(place.code_postal);
  const commune = clean(place.libelle_commune);
  const sign = clean(place.liste_enseignes?.[0]) ?? clean(place.nom_commercial);
  const closedOn = clean(place.date_fermeture);
  return {
    siret,
    siren: siret.slice(0, 9),
    name: sign ?? clean(unit.nom_complet) ?? clean(unit.nom_raison_sociale) ?? siret,
    nafCode: nafOf(place.activite_principale ?? unit.activite_principale),
    headcountBand: headcountOf(place.tranche_effectif_salarie),
    address: streetOf(place.adresse, postcode && /^\d{5}$/.test(postcode) ? postcode : null, commune),
    postcode: postcode && /^\d{5}$/.test(postcode) ? postcode : null,
    commune,
    closed: place.etat_administratif === 'F',
    closedOn: closedOn && /^\d{4}-\d{2}-\d{2}$/.test(closedOn) ? closedOn : null,
    headOffice: place.est_siege ?? place.siret === unit.siege?.siret,
  };
}

/**
 * The establishments an answer proposes: for each legal unit, those that matched the query and its
 * filters (`matching_etablissements`), else its head office; once each, in the directory's order.
 */
export function establishmentsOf(answer: ApiSearchAnswer): DirectorySearch {
  const seen = new Set<string>();
  const establishments: DirectoryEstablishment[] = [];
  for (const unit of answer.results ?? []) {
    const matching = (unit.matching_etablissements ?? []).filter(Boolean);
    const places = matching.length ? matching : unit.siege ? [unit.siege] : [];
    for (const place of places) {
      const establishment = establishmentOf(unit, place);
      if (!establishment || seen.has(establishment.siret)) continue;
      seen.add(establishment.siret);
      establishments.push(establishment);
    }
  }
  return { establishments, total: typeof answer.total_results === 'number' ? answer.total_results : establishments.length };
}
