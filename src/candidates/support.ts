import { CANDIDATE, LEAD, PLACEMENT } from '../refusals/index';
import { because, ConflictRefusal } from '../refusals/refused';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';
import { rowForUpdate } from './candidates.queries';

/**
 * Reads a row of the actor's structure for update (row lock in the caller's transaction) and checks
 * the version the edit is based on: a stale one answers 409 naming the current version.
 */
export async function lockAtVersion<T extends StructureOwned & { version: number }>(
  repository: ScopedRepository<T>,
  actor: Actor,
  id: string,
  version: number | undefined,
  label: 'candidate' | 'placement' | 'job lead',
): Promise<T> {
  await repository.get(actor, id); // 404 for a missing row or another structure's
  const row = await rowForUpdate(repository, actor, id);
  if (version !== undefined && version !== row.version) {
    const refusal =
      label === 'placement'
        ? because(PLACEMENT.staleVersion, { version: row.version })
        : label === 'job lead'
          ? because(LEAD.staleVersion, { version: row.version })
          : because(CANDIDATE.staleVersion, { version: row.version });
    throw new ConflictRefusal(refusal, `version: this ${label} was changed meanwhile (now at version ${row.version}); reload it and try again`, 'version');
  }
  return row;
}
