import { frenchLongDate } from '../../common/french';
import { headcountLabel } from '../../companies/headcount';
import type { LookupAnswer, LookupProposal } from '../../companies/lookup/company-lookup.dto';
import { DIRECTORY_QUERY_MIN } from '../../companies/lookup/company-directory';
import { because } from '../../refusals/refused';
import { DIRECTORY } from '../../refusals/index';
import { frenchOf } from '../../refusals/french';
import { Raw, text, Values } from '../kit/forms';

/** What the look-up was asked, from the new company form's fields. */
export interface LookupAsked {
  name: string;
  postcode: string;
  commune: string;
}

export function lookupAskedOf(raw: Raw | Values): LookupAsked {
  return { name: text(raw.name).trim(), postcode: text(raw.postcode).trim(), commune: text(raw.commune).trim() };
}

/** Whether the asked name can be looked up: 3 characters at least, and a postcode of 5 digits when one is typed. */
export function lookupQueryOf(asked: LookupAsked): { q: string; postcode?: string; commune?: string } | null {
  if (asked.name.length < DIRECTORY_QUERY_MIN || asked.name.length > 200) return null;
  if (/^\d{5}$/.test(asked.postcode)) return { q: asked.name, postcode: asked.postcode };
  return { q: asked.name, commune: asked.commune && asked.commune.length <= 100 ? asked.commune : undefined };
}

export interface ProposalView {
  siret: string;
  name: string;
  place: string;
  address: string | null;
  activity: string | null;
  headcount: string | null;
  closed: boolean;
  /** The company of the structure it already is: a link instead of a choice. */
  existing: { href: string; name: string; how: string } | null;
}

export interface LookupView {
  /** The region's one sentence (what was found, nothing, or why nothing could be asked). */
  sentence: string;
  proposals: ProposalView[];
  unavailable: boolean;
}

function proposalView(proposal: LookupProposal): ProposalView {
  return {
    siret: proposal.siret,
    name: proposal.name,
    place: [proposal.postcode, proposal.commune].filter(Boolean).join(' '),
    address: proposal.address,
    activity: proposal.nafCode ? [proposal.nafCode, proposal.sectorLabel].filter(Boolean).join(' – ') : null,
    headcount: proposal.headcountBand ? (headcountLabel(proposal.headcountBand) ?? null) : null,
    closed: proposal.closed,
    existing: proposal.existing
      ? {
          href: `/entreprises/${proposal.existing.id}`,
          name: proposal.existing.name,
          how: proposal.existing.matchedBy === 'siret' ? 'même SIRET' : 'même nom et même code postal',
        }
      : null,
  };
}

/**
 * The look-up region under the name field: null before anything worth asking was typed; else a
 * sentence and the proposals. The directory's silence is one sentence, never an error page.
 */
export function lookupView(asked: LookupAsked, answer: LookupAnswer | null): LookupView | null {
  if (!answer) {
    return asked.name.length > 0 && asked.name.length < DIRECTORY_QUERY_MIN
      ? { sentence: `Saisissez au moins ${DIRECTORY_QUERY_MIN} caractères du nom pour chercher dans l’annuaire des entreprises.`, proposals: [], unavailable: false }
      : null;
  }
  if (answer.status !== 'ok') return { sentence: answer.message ?? '', proposals: [], unavailable: true };
  const where = /^\d{5}$/.test(asked.postcode) ? ` au ${asked.postcode}` : asked.commune ? ` à ${asked.commune}` : '';
  if (answer.proposals.length === 0) {
    return { sentence: `Aucun établissement de l’annuaire ne correspond à « ${asked.name} »${where}.`, proposals: [], unavailable: false };
  }
  const count = answer.proposals.length;
  return {
    sentence: `${count} établissement${count > 1 ? 's' : ''} de l’annuaire pour « ${asked.name} »${where} : choisissez-en un pour remplir la fiche.`,
    proposals: answer.proposals.map(proposalView),
    unavailable: false,
  };
}

/** The form's fields filled from the chosen establishment; what the person typed elsewhere is kept. */
export function filledFrom(values: Values, proposal: LookupProposal): Values {
  return {
    ...values,
    name: proposal.name,
    siret: proposal.siret,
    nafCode: proposal.nafCode ?? '',
    sectorLabel: '',
    headcountBand: proposal.headcountBand ?? '',
    address: proposal.address ?? '',
    postcode: proposal.postcode ?? '',
    commune: proposal.commune ?? '',
  };
}

/** The directory did not answer a choice: the form stays as typed, with the one sentence. */
export function directoryUnavailable(): LookupView {
  return { sentence: frenchOf(because(DIRECTORY.unavailable)), proposals: [], unavailable: true };
}

/** The chosen establishment is no longer in the directory (it answered, without it). */
export function choiceGone(): LookupView {
  return { sentence: 'Cet établissement n’est plus dans l’annuaire des entreprises : cherchez à nouveau.', proposals: [], unavailable: false };
}

/** What the company page says of the directory: the closed establishment, and the last refresh. */
export function directoryFactsView(
  company: { siret: string | null; establishmentClosed: boolean; establishmentClosedOn: string | null; directoryCheckedAt: Date | string | null },
  timeZone: string,
) {
  const checked = company.directoryCheckedAt ? new Date(company.directoryCheckedAt) : null;
  return {
    closed: company.establishmentClosed
      ? `l’annuaire des entreprises l’indique fermé${company.establishmentClosedOn ? ` depuis le ${frenchLongDate(company.establishmentClosedOn)}` : ''}.`
      : null,
    canRefresh: Boolean(company.siret),
    checked: checked
      ? `Dernière mise à jour depuis l’annuaire le ${frenchLongDate(new Intl.DateTimeFormat('sv-SE', { timeZone }).format(checked))}.`
      : null,
  };
}
