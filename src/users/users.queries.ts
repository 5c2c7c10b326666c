import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { User } from './user.entity';

/** The accounts' query builders: each reads through the actor's structure's scoped repository. */

/** The account, locked for update until the caller's transaction ends; throws when it is gone. */
export async function userForUpdate(users: ScopedRepository<User>, actor: Actor, id: string): Promise<User> {
  return users.query(actor, 'u').andWhere('u.id = :id', { id }).setLock('pessimistic_write').getOneOrFail();
}
