import { SelectQueryBuilder } from 'typeorm';
import { Company } from './company.entity';

/** The orders of the companies list: a column, `-` first for the reverse. */
export const COMPANY_SORTS = ['name', '-name', 'commune', '-commune', 'stage', '-stage', 'owner', '-owner', 'due', '-due'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

/** What each order sorts on (on `cardQuery`'s aliases: `c` company, `s` stage, `o` owner). */
const SORT_COLUMNS: Record<string, string[]> = {
  name: ['c.search_name'],
  commune: ['c.search_commune', 'c.search_name'],
  stage: ['s.position', 'c.search_name'],
  owner: [`lower(o.last_name || ' ' || o.first_name)`, 'c.search_name'],
  due: ['c.next_action_due', 'c.search_name'],
};

/**
 * Orders a companies query; blanks (no commune, no owner, no next action) always last, whichever
 * way; the id last, so pages never overlap.
 */
export function orderCompanies(query: SelectQueryBuilder<Company>, sort: CompanySort): SelectQueryBuilder<Company> {
  const descending = sort.startsWith('-');
  const columns = SORT_COLUMNS[descending ? sort.slice(1) : sort];
  columns.forEach((column, index) => {
    const direction = index === 0 && descending ? 'DESC' : 'ASC';
    if (index === 0) query.orderBy(column, direction, 'NULLS LAST');
    else query.addOrderBy(column, direction, 'NULLS LAST');
  });
  return query.addOrderBy('c.id', 'ASC');
}
