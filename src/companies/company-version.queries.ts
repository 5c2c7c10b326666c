import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Company } from './company.entity';

/** The companies' versioned writes: each takes the structure explicitly and the caller's manager. */

/** Applies the changes and bumps the version only if the company is still at `version`; returns how many rows changed. */
export async function updateCompanyIfAtVersion(
  manager: EntityManager,
  structureId: string,
  companyId: string,
  version: number,
  changes: QueryDeepPartialEntity<Company>,
): Promise<number | undefined> {
  const result = await manager
    .createQueryBuilder()
    .update(Company)
    .set({ ...changes, version: () => 'version + 1' })
    .where('id = :id AND structure_id = :structureId AND version = :version', { id: companyId, structureId, version })
    .execute();
  return result.affected;
}
