import { ConflictException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ValidationFailedException } from '../common/validation';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';
import { User } from '../users/user.entity';

/** Calendar day, as sent by forms and stored in `date` columns. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Owners must be active staff (any role) of the actor's structure; the error names the field. */
export async function assertActiveStaff(
  manager: DataSource | EntityManager,
  actor: Actor,
  fields: Record<string, string | null | undefined>,
): Promise<void> {
  const wanted = Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (!wanted.length) return;
  const found = await manager.getRepository(User).find({
    where: { id: In(wanted.map(([, id]) => id)), structureId: actor.structureId, active: true },
    select: { id: true },
  });
  const known = new Set(found.map((user) => user.id));
  const problems = wanted
    .filter(([, id]) => !known.has(id))
    .map(([field]) => ({ field, message: `${field} must be an active staff member of your structure` }));
  if (problems.length) throw new ValidationFailedException(problems);
}

/**
 * Reads a row of the actor's structure for update (row lock in the caller's transaction) and checks
 * the version the edit is based on: a stale one answers 409 naming the current version.
 */
export async function lockAtVersion<T extends StructureOwned & { version: number }>(
  repository: ScopedRepository<T>,
  actor: Actor,
  id: string,
  version: number | undefined,
  label: string,
): Promise<T> {
  await repository.get(actor, id); // 404 for a missing row or another structure's
  const row = await repository.query(actor, 'row').andWhere('row.id = :id', { id }).setLock('pessimistic_write').getOneOrFail();
  if (version !== undefined && version !== row.version) {
    throw new ConflictException(`version: this ${label} was changed meanwhile (now at version ${row.version}); reload it and try again`);
  }
  return row;
}
