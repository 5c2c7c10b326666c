import { CompanyFilterDto } from '../../companies/dto/company.dto';
import { Raw, text, UUID } from '../kit/forms';

type FilterKey = 'q' | 'owner' | 'sector' | 'territory' | 'tag';

export interface ParsedFilters {
  filter: CompanyFilterDto;
  /** The filters as the form shows them. */
  values: Record<FilterKey, string> & { overdue: boolean };
  /** The active filters as a query string (no leading `?`), for the export link and "voir plus". */
  query: string;
  active: boolean;
  problems: string[];
}

/**
 * The board filters from a page's query string. Unlike the JSON API, a page never answers 400 for
 * a filter: an unusable one is dropped and named in French.
 */
export function parseBoardFilters(raw: Raw): ParsedFilters {
  const problems: string[] = [];
  const limits: Record<Exclude<FilterKey, 'owner'>, number> = { q: 100, sector: 100, territory: 100, tag: 50 };
  const values = { q: '', owner: '', sector: '', territory: '', tag: '', overdue: false };
  for (const key of Object.keys(limits) as Array<keyof typeof limits>) {
    values[key] = text(raw[key]).slice(0, limits[key]);
  }
  const owner = text(raw.owner);
  if (owner === 'none' || UUID.test(owner)) values.owner = owner.toLowerCase();
  else if (owner) problems.push('Le filtre « Référent·e » n’est pas reconnu : il a été ignoré.');
  values.overdue = ['true', '1', 'on'].includes(text(raw.overdue));

  const filter: CompanyFilterDto = {};
  const params = new URLSearchParams();
  for (const key of ['q', 'owner', 'sector', 'territory', 'tag'] as const) {
    if (values[key]) {
      filter[key] = values[key];
      params.set(key, values[key]);
    }
  }
  if (values.overdue) {
    filter.overdue = true;
    params.set('overdue', 'true');
  }
  return { filter, values, query: params.toString(), active: params.toString() !== '', problems };
}

/** The cursor of a column's "voir plus", when it looks like one. */
export function columnCursor(raw: Raw): string | undefined {
  const cursor = text(raw.cursor);
  return /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? cursor : undefined;
}
