import { DataSource } from 'typeorm';
import { applyCompanyFilter } from '../companies/company-query';
import { Company } from '../companies/company.entity';
import { CompanyFilterDto } from '../companies/dto/company.dto';
import { ExportQuery } from './dto/board.dto';

/** The board's and its export's SQL: each question takes the structure explicitly. */

/** Companies per stage among those the filter selects. */
export async function filteredStageCounts(
  dataSource: DataSource,
  structureId: string,
  filter: CompanyFilterDto,
  today: string,
): Promise<Array<{ stage_id: string; count: number }>> {
  return applyCompanyFilter(dataSource.getRepository(Company).createQueryBuilder('c').where('c.structure_id = :structureId', { structureId }), structureId, filter, today)
    .select('c.stage_id', 'stage_id')
    .addSelect('count(*)::int', 'count')
    .groupBy('c.stage_id')
    .getRawMany<{ stage_id: string; count: number }>();
}

/** Companies per stage as the triggers keep them counted (a few rows, however large the structure). */
export async function keptStageCounts(dataSource: DataSource, structureId: string): Promise<Array<{ stage_id: string; count: number }>> {
  return dataSource.query<Array<{ stage_id: string; count: number }>>(`SELECT stage_id, companies AS count FROM company_stage_count WHERE structure_id = $1`, [
    structureId,
  ]);
}

/** The next `limit` companies to export (by name, then id, after `after`), as flat rows. */
export async function exportBatch(
  dataSource: DataSource,
  structureId: string,
  filter: ExportQuery,
  today: string,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<Array<Record<string, unknown>>> {
  const query = applyCompanyFilter(
    dataSource
      .getRepository(Company)
      .createQueryBuilder('c')
      .select([])
      .addSelect(['c.id AS id', 'c.name AS name', 'c.siret AS siret', 'c.naf_code AS naf_code', 'c.sector_label AS sector_label'])
      .addSelect(['c.headcount_band AS headcount_band', 'c.address AS address', 'c.postcode AS postcode', 'c.commune AS commune'])
      .addSelect(['c.territory AS territory', 'c.phone AS phone', 'c.website AS website', 'c.source AS source', 'c.tags AS tags'])
      .addSelect(['s.name AS stage', 'c.next_action_type AS next_action_type', 'c.next_action_due AS next_action_due'])
      .addSelect(`o.first_name || ' ' || o.last_name`, 'owner')
      .innerJoin('pipeline_stage', 's', 's.id = c.stage_id')
      .leftJoin('app_user', 'o', 'o.id = c.owner_id')
      .where('c.structure_id = :structureId', { structureId }),
    structureId,
    filter,
    today,
  );
  if (filter.stageId) query.andWhere('c.stage_id = :stageId', { stageId: filter.stageId });
  if (after) query.andWhere('(c.name, c.id) > (:afterName, CAST(:afterId AS uuid))', { afterName: after.name, afterId: after.id });
  return query.orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC').limit(limit).getRawMany<Record<string, unknown>>();
}
