import { COMPANY } from '../refusals/index';
import { because, ConflictRefusal } from '../refusals/refused';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { staleVersion, updateAtVersion } from '../tenancy/optimistic-version';
import { Company } from './company.entity';
import { CompanyFilterDto } from './dto/company.dto';
import { normalizeSearchText } from './company-name';
import { CALLABLE_COMPANY } from '../prospection/contact-pressure';

/** Escapes LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * The one translation of the board/list filters into SQL, on a query whose company alias is `c`.
 * Text search: a SIRET or postcode prefix when digits are typed, otherwise every word must appear
 * in the name or the commune (accents and case ignored; trigram indexes keep it fast).
 */
export function applyCompanyFilter<T extends object>(
  query: SelectQueryBuilder<T>,
  structureId: string,
  filter: CompanyFilterDto,
  today: string,
): SelectQueryBuilder<T> {
  const q = filter.q?.trim();
  if (q) {
    const digits = q.replace(/[\s.]/g, '');
    if (/^\d{2,14}$/.test(digits)) {
      query.andWhere(`(c.siret LIKE :digits OR c.postcode LIKE :digits)`, { digits: `${digits}%` });
    } else {
      const words = normalizeSearchText(q).split(' ').filter(Boolean).slice(0, 6);
      if (words.length) {
        // The words are looked up in company_search, whose trigram indexes PostgreSQL may use (see
        // its migration), once per statement (an uncorrelated ARRAY is an InitPlan); the companies
        // found are then read by id under the company table's own policy.
        const each = words.map((_, index) => `(s.search_name LIKE :w${index} OR s.search_commune LIKE :w${index})`);
        query.andWhere(
          `c.id = ANY(ARRAY(SELECT s.company_id FROM company_search s WHERE s.structure_id = :searchStructureId AND ${each.join(' AND ')}))`,
          { searchStructureId: structureId, ...Object.fromEntries(words.map((word, index) => [`w${index}`, `%${likeEscape(word)}%`])) },
        );
      }
    }
  }
  if (filter.owner === 'none') query.andWhere('c.owner_id IS NULL');
  else if (filter.owner) query.andWhere('c.owner_id = :owner', { owner: filter.owner });
  if (filter.sector) {
    const sector = filter.sector.trim();
    if (/^\d{2}(\.\d{0,2}[A-Za-z]?)?$/.test(sector)) {
      query.andWhere('c.naf_code LIKE :naf', { naf: `${likeEscape(sector.toUpperCase())}%` });
    } else {
      query.andWhere('c.sector_label ILIKE :sectorLabel', { sectorLabel: `%${likeEscape(sector)}%` });
    }
  }
  if (filter.territory) query.andWhere('c.territory ILIKE :territory', { territory: likeEscape(filter.territory) });
  if (filter.tag) query.andWhere(':tag = ANY(c.tags)', { tag: filter.tag });
  // Overdue means « to call and late »: not a resting company, nor one that asked never to be contacted.
  if (filter.overdue) query.andWhere('c.next_action_due < :today', { today }).andWhere(CALLABLE_COMPANY, { today });
  return query;
}

/**
 * Whether `applyCompanyFilter` would narrow the companies at all: an unfiltered board takes its
 * column counts from `company_stage_count` instead of counting the structure's companies.
 */
export function narrowsCompanies(filter: CompanyFilterDto): boolean {
  return Boolean(filter.q?.trim() || filter.owner || filter.sector || filter.territory || filter.tag || filter.overdue);
}

/** The 409 of a write based on an old version of the company (someone else changed it meanwhile). */
export function staleCompany(company: Pick<Company, 'name' | 'version'>): ConflictRefusal {
  return staleVersion(because(COMPANY.staleVersion, { name: company.name, version: company.version }), `company "${company.name}"`, company.version);
}

/**
 * Applies the changes and bumps the version, only if the row is still at `version` (optimistic
 * concurrency); otherwise answers the 409 naming the current version.
 */
export function updateCompanyAtVersion(
  manager: EntityManager,
  structureId: string,
  company: Pick<Company, 'id'>,
  version: number,
  changes: Partial<Company>,
): Promise<void> {
  return updateAtVersion(manager, Company, structureId, company.id, version, changes, staleCompany);
}
