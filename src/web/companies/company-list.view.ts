import { CompanySort } from '../../companies/company-sort';
import { Raw, text } from '../kit/forms';

/** The list's orders as its address says them (`?tri=`), `-` first for the reverse. */
const SORT_KEYS: Record<string, CompanySort> = {
  nom: 'name',
  commune: 'commune',
  etape: 'stage',
  referent: 'owner',
  echeance: 'due',
};

export interface ListSort {
  /** As in the address: `nom`, `-echeance`… */
  key: string;
  sort: CompanySort;
}

/** The order asked for, by name when none or an unknown one is asked. */
export function listSortOf(raw: Raw): ListSort {
  const key = text(raw.tri);
  const descending = key.startsWith('-');
  const name = descending ? key.slice(1) : key;
  if (!Object.prototype.hasOwnProperty.call(SORT_KEYS, name)) return { key: 'nom', sort: 'name' };
  return { key, sort: (descending ? `-${SORT_KEYS[name]}` : SORT_KEYS[name]) as CompanySort };
}

/** The list's address: filters, order (when not by name) and page. */
export function listHref(filterQuery: string, sortKey: string, page = 1): string {
  const params = new URLSearchParams(filterQuery);
  if (sortKey !== 'nom') params.set('tri', sortKey);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/entreprises${query ? `?${query}` : ''}`;
}

const HEADERS: ReadonlyArray<{ column: string; label: string }> = [
  { column: 'nom', label: 'Nom' },
  { column: 'commune', label: 'Commune' },
  { column: 'etape', label: 'Étape' },
  { column: 'referent', label: 'Référent·e' },
  { column: 'echeance', label: 'Prochaine action' },
];

/**
 * The table's headers: each a link that sorts by its column, or reverses the order when it is
 * already the one; `aria-sort` says the current order to screen readers.
 */
export function sortHeaders(filterQuery: string, current: string) {
  return HEADERS.map(({ column, label }) => {
    const ascending = current === column;
    const descending = current === `-${column}`;
    return {
      label,
      href: listHref(filterQuery, ascending ? `-${column}` : column),
      ariaSort: ascending ? 'ascending' : descending ? 'descending' : 'none',
      arrow: ascending ? '▲' : descending ? '▼' : '',
      hint: ascending ? `Trier par ${label.toLowerCase()}, ordre décroissant` : `Trier par ${label.toLowerCase()}`,
    };
  });
}

/** The list's address as the bulk form carries it back (`liste`): its filters, order and page only. */
export function listReturn(filterQuery: string, sortKey: string, page: number): string {
  return listHref(filterQuery, sortKey, page).replace(/^\/entreprises\??/, '');
}

/** The list a bulk post came from, read back from its `liste` field (nothing else of it is trusted). */
export function listQueryOf(value: unknown): Raw {
  return Object.fromEntries(new URLSearchParams(text(value).slice(0, 1000)));
}

/** After a bulk change: back to the same list, saying how many companies changed (`?modifiees=3`). */
export function changedHref(listAddress: string, updated: number): string {
  return `${listAddress}${listAddress.includes('?') ? '&' : '?'}modifiees=${updated}`;
}

/** The flash of `?modifiees=`: « 3 entreprises modifiées. » */
export function changedNotice(raw: Raw): string | null {
  const value = text(raw.modifiees);
  if (!/^\d{1,3}$/.test(value)) return null;
  const count = Number(value);
  if (count === 0) return 'Aucune entreprise modifiée : elles étaient déjà toutes ainsi.';
  return count === 1 ? '1 entreprise modifiée.' : `${count} entreprises modifiées.`;
}

/**
 * The stages a selection may be moved to from the list: not « Rendez-vous fixé », which asks each
 * company's meeting date and time (on the board or the company page). A closed stage asks a reason.
 */
export function bulkStageOptions(stages: ReadonlyArray<{ id: string; name: string; kind: string; key: string | null; archivedAt: Date | null }>) {
  return stages
    .filter((stage) => !stage.archivedAt && stage.key !== 'meeting_booked')
    .map((stage) => ({ id: stage.id, label: stage.kind === 'open' ? stage.name : `${stage.name} (raison demandée)` }));
}
