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
