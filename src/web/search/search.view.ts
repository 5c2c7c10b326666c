import { RomeAppellation } from '../../reference/rome';
import { SEARCH_MIN_LENGTH, SearchHit, SearchResults } from '../../search/search.service';

export interface SearchGroupView {
  key: string;
  title: string;
  hits: SearchHit[];
}

const GROUPS: ReadonlyArray<{ key: keyof Omit<SearchResults, 'q'>; title: string }> = [
  { key: 'companies', title: 'Entreprises' },
  { key: 'contacts', title: 'Contacts' },
  { key: 'candidates', title: 'Candidats' },
  { key: 'leads', title: 'Pistes' },
];

/** The results grouped in the header's order, empty groups left out, and what to say when nothing is found. */
export function searchView(results: SearchResults) {
  const groups: SearchGroupView[] = GROUPS.map(({ key, title }) => ({ key, title, hits: results[key] })).filter((group) => group.hits.length);
  const tooShort = results.q.length < SEARCH_MIN_LENGTH;
  return {
    q: results.q,
    groups,
    count: groups.reduce((sum, group) => sum + group.hits.length, 0),
    empty: tooShort ? (results.q ? 'Tapez au moins deux caractères.' : '') : groups.length ? '' : `Rien ne correspond à « ${results.q} ».`,
  };
}

/** The ROME picker's proposals: each fills the code field it was opened from. */
export function romeChoicesView(q: string, found: RomeAppellation[], target: string) {
  return {
    q,
    target,
    choices: found.map((entry) => ({ ...entry, text: `${entry.label} (${entry.romeCode}${entry.romeLabel ? ` – ${entry.romeLabel}` : ''})` })),
    empty: q.trim().length < 2 ? 'Tapez au moins deux caractères d’un métier.' : found.length ? '' : `Aucun métier ne correspond à « ${q.trim()} ».`,
  };
}

/** The id of the code field a ROME picker fills: an element id of the page, nothing else. */
export function pickerTarget(value: unknown): string {
  return typeof value === 'string' && /^[a-zA-Z][\w-]{0,80}$/.test(value) ? value : '';
}
