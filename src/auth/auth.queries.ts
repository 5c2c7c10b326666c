import { EntityManager } from 'typeorm';
import { Role } from '../tenancy/actor';
import { User } from '../users/user.entity';

/**
 * The sign-in's SQL. Signing in comes before any structure is known: these questions find the
 * account by its e-mail, the session by its token's hash, and the user by id.
 */

/** The account with this (normalised) e-mail, its password hash included. */
export async function userWithPasswordByEmail(manager: EntityManager, email: string): Promise<User | null> {
  return manager.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
}

/** The account by id, its password hash included; throws when it is gone. */
export async function userWithPasswordById(manager: EntityManager, userId: string): Promise<User> {
  return manager.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: userId }).getOneOrFail();
}

/**
 * Counts a failed sign-in in one UPDATE (parallel guesses cannot slip past the limit): at
 * `maxFailures` the count restarts and the account is locked until `lockUntil`. Returns the lock.
 */
export async function countLoginFailure(manager: EntityManager, userId: string, maxFailures: number, lockUntil: Date): Promise<Date | null | undefined> {
  const rows: Array<{ locked_until: Date | null }> = await manager
    .query(
      `UPDATE app_user
          SET failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
              locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
        WHERE id = $1
        RETURNING locked_until`,
      [userId, maxFailures, lockUntil],
    )
    .then((result: [Array<{ locked_until: Date | null }>, number]) => result[0]);
  return rows[0]?.locked_until;
}

/** A session row with its active user's structure and role. */
export interface SessionRow {
  id: string;
  user_id: string;
  session_structure_id: string;
  structure_id: string;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
  role: Role;
}

/** The session whose token hashes to `tokenHash`, if its user is active (expired ones included). */
export async function activeSessionByTokenHash(manager: EntityManager, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = (await manager.query(
    `SELECT s.id, s.user_id, s.structure_id AS session_structure_id, u.structure_id, s.csrf_token, s.created_at, s.expires_at, u.role
         FROM session s JOIN app_user u ON u.id = s.user_id AND u.active
        WHERE s.token_hash = $1`,
    [tokenHash],
  )) as SessionRow[];
  return row;
}

/** Ends every session of the user but `keepSessionId` (every one when null). */
export async function endSessionsBut(manager: EntityManager, userId: string, keepSessionId: string | null): Promise<void> {
  await manager.query(`DELETE FROM session WHERE user_id = $1 AND id IS DISTINCT FROM $2`, [userId, keepSessionId]);
}
