import { DataSource, EntityManager, In } from 'typeorm';
import { ValidationFailedException } from '../common/validation';
import { Actor } from '../tenancy/actor';
import { User } from './user.entity';
import { USER } from '../refusals/index';
import { because } from '../refusals/refused';

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
    .map(([field]) => ({ field, message: `${field} must be an active staff member of your structure`, ...because(USER.staffInactive) }));
  if (problems.length) throw new ValidationFailedException(problems);
}
