import { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Refusal } from '../refusals/index';
import { ConflictRefusal } from '../refusals/refused';
import { Actor } from './actor';
import { ScopedRepository } from './scoped-repository';
import { StructureOwned } from './structure-owned.entity-base';

/*
 * Optimistic concurrency, one way for every domain: an edit carries the version it was based on,
 * and a write on a row someone else changed meanwhile answers 409 with the domain's own refusal
 * code (company.stale_version, candidate.stale_version, ...) naming the current version.
 */

type Versioned = StructureOwned & { version: number };

/** The domain's 409 for a row changed meanwhile, built from the row as it is now. */
export type StaleRefusal<T> = (current: T) => ConflictRefusal;

/** The usual stale-version 409: the domain's refusal, and an English message naming the row (`company "Lambert"`). */
export function staleVersion(refusal: Refusal, row: string, current: number): ConflictRefusal {
  return new ConflictRefusal(refusal, `version: ${row} was changed meanwhile (now at version ${current}); reload it and try again`, 'version');
}

/**
 * Throws the domain's refusal unless the row is still at the version the edit is based on;
 * `expected` undefined means the caller asked for no check.
 */
export function assertVersion(current: number, expected: number | undefined, stale: () => ConflictRefusal): void {
  if (expected !== undefined && expected !== current) throw stale();
}

/**
 * Reads a row of the actor's structure for update (row lock in the caller's transaction) and checks
 * the version the edit is based on (none when `version` is undefined). Missing or another
 * structure's: 404.
 */
export async function lockAtVersion<T extends Versioned>(
  repository: ScopedRepository<T>,
  actor: Actor,
  id: string,
  version: number | undefined,
  stale: StaleRefusal<T>,
): Promise<T> {
  await repository.get(actor, id);
  const row = await repository.query(actor, 'row').andWhere('row.id = :id', { id }).setLock('pessimistic_write').getOneOrFail();
  assertVersion(row.version, version, () => stale(row));
  return row;
}

/**
 * Applies the changes and bumps the version in one statement, only if the row is still at
 * `version`; otherwise reads the row as it is now and throws the domain's refusal.
 */
export async function updateAtVersion<T extends Versioned>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  structureId: string,
  id: string,
  version: number,
  changes: QueryDeepPartialEntity<T>,
  stale: StaleRefusal<T>,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' } as QueryDeepPartialEntity<T>)
    .where('id = :id AND structure_id = :structureId AND version = :version', { id, structureId, version })
    .execute();
  if (!result.affected) {
    const current = await manager.getRepository(entity).findOneByOrFail({ id, structureId } as FindOptionsWhere<T>);
    throw stale(current);
  }
}
