import { AUDITED_ENTITIES, AuditedEntity } from '../../audit/audit-event.entity';
import { AuditKind } from '../../audit/dto/audit.dto';
import { isCalendarDay } from '../../common/dates';
import { option, Raw, text, UUID } from '../kit/forms';

/*
 * The audit journal's filters and pages, in the page's words. Pure functions.
 */

export const JOURNAL_PAGE_SIZE = 50;

/** The « quoi » filter, in the page's words. */
export const KINDS: Array<{ value: string; label: string; kind?: AuditKind }> = [
  { value: '', label: 'Tous' },
  { value: 'modifications', label: 'Modifications', kind: 'changes' },
  { value: 'consultations', label: 'Consultations des informations confidentielles', kind: 'sensitive_reads' },
];

const ENTITY_FILTER_LABELS: Record<AuditedEntity, string> = {
  company: 'Entreprises',
  candidate: 'Candidats',
  placement: 'Placements',
  user: 'Comptes',
  structure: 'Réglages de la structure',
  proposal: 'Mises en relation',
};

/** A day typed in a date field that exists, or '' (the filter is then left out). */
export function day(value: string): string {
  return isCalendarDay(value) ? value : '';
}

export interface JournalFilters {
  entity: AuditedEntity | undefined;
  kindEntry: (typeof KINDS)[number];
  actorId: string;
  entityId: string;
  from: string;
  to: string;
  /** Why some typed filter was not applied. */
  alert: string | undefined;
  pageNumber: number;
}

/** The journal's filters from its query string: anything malformed is left out (dates in the wrong order, with a word). */
export function parseJournalFilters(raw: Raw): JournalFilters {
  const entity = AUDITED_ENTITIES.find((value) => value === text(raw.entite));
  const kindEntry = KINDS.find((entry) => entry.value === text(raw.quoi)) ?? KINDS[0];
  const actorId = UUID.test(text(raw.personne)) ? text(raw.personne) : '';
  const entityId = UUID.test(text(raw.fiche)) ? text(raw.fiche) : '';
  let from = day(text(raw.du));
  let to = day(text(raw.au));
  let alert: string | undefined;
  if (from && to && from > to) {
    alert = 'La date de fin précède la date de début : les dates n’ont pas été appliquées.';
    from = '';
    to = '';
  }
  const requested = Number(text(raw.page));
  const pageNumber = Number.isInteger(requested) && requested >= 1 && requested <= 100000 ? requested : 1;
  return { entity, kindEntry, actorId, entityId, from, to, alert, pageNumber };
}

/** The filters in use as the journal's query string (without the page). */
export function journalParams(filters: JournalFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.kindEntry.value) params.set('quoi', filters.kindEntry.value);
  if (filters.entity) params.set('entite', filters.entity);
  if (filters.actorId) params.set('personne', filters.actorId);
  if (filters.entityId) params.set('fiche', filters.entityId);
  if (filters.from) params.set('du', filters.from);
  if (filters.to) params.set('au', filters.to);
  return params;
}

/** Page n of the journal with the same filters (page 1 has no `page`). */
export function journalPageHref(params: URLSearchParams, n: number): string {
  const search = new URLSearchParams(params);
  if (n > 1) search.set('page', String(n));
  const string = search.toString();
  return `/journal${string ? `?${string}` : ''}`;
}

/** The pager: how many pages, and the links to the previous and next ones. */
export function journalPager(total: number, pageNumber: number, params: URLSearchParams) {
  const pageCount = Math.max(1, Math.ceil(total / JOURNAL_PAGE_SIZE));
  return {
    pageNumber,
    pageCount,
    several: pageCount > 1,
    previousHref: pageNumber > 1 ? journalPageHref(params, pageNumber - 1) : null,
    nextHref: pageNumber < pageCount ? journalPageHref(params, pageNumber + 1) : null,
  };
}

/** The choices of the filter form. */
export function journalFilterOptions(filters: JournalFilters, team: Array<{ id: string; firstName: string; lastName: string; active: boolean }>) {
  return {
    kinds: KINDS.map((entry) => option(entry.value, entry.label, filters.kindEntry.value)),
    entities: [option('', 'Toutes', filters.entity ?? ''), ...AUDITED_ENTITIES.map((value) => option(value, ENTITY_FILTER_LABELS[value], filters.entity ?? ''))],
    actors: [
      option('', 'Tout le monde', filters.actorId),
      ...team.map((user) => option(user.id, `${user.firstName} ${user.lastName}${user.active ? '' : ' (désactivé·e)'}`, filters.actorId)),
    ],
  };
}
