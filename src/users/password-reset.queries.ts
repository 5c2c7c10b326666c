import { EntityManager } from 'typeorm';

/** The password-reset links' SQL: each question takes the structure or the link's hash explicitly. */

export interface ResetLinkRow {
  id: string;
  structureId: string;
  userId: string;
  role: 'staff' | 'manager' | 'admin';
  firstName: string;
  active: boolean;
  expiresAt: Date;
  usedAt: Date | null;
}

/** A new link for `userId`; the ones not used yet stop working (only the latest e-mail opens). */
export async function insertResetLink(
  manager: EntityManager,
  link: { structureId: string; userId: string; tokenHash: string; expiresAt: Date; createdBy: string; now: Date },
): Promise<void> {
  await manager.query(`UPDATE password_reset SET used_at = $3 WHERE structure_id = $1 AND user_id = $2 AND used_at IS NULL`, [
    link.structureId,
    link.userId,
    link.now,
  ]);
  await manager.query(
    `INSERT INTO password_reset (structure_id, user_id, token_hash, expires_at, created_by) VALUES ($1, $2, $3, $4, $5)`,
    [link.structureId, link.userId, link.tokenHash, link.expiresAt, link.createdBy],
  );
}

/** The link whose secret hashes to `tokenHash`, with its account; `lock` locks the link's row. */
export async function findResetLink(manager: EntityManager, tokenHash: string, lock = false): Promise<ResetLinkRow | null> {
  const rows = (await manager.query(
    `SELECT r.id, r.structure_id AS "structureId", r.user_id AS "userId", u.role, u.first_name AS "firstName", u.active,
            r.expires_at AS "expiresAt", r.used_at AS "usedAt"
       FROM password_reset r
       JOIN app_user u ON u.id = r.user_id AND u.structure_id = r.structure_id
      WHERE r.token_hash = $1
      ${lock ? 'FOR UPDATE OF r' : ''}`,
    [tokenHash],
  )) as ResetLinkRow[];
  return rows[0] ?? null;
}

/** Spends the link, sets the password and ends every session of the account. */
export async function spendResetLink(
  manager: EntityManager,
  link: { id: string; structureId: string; userId: string },
  passwordHash: string,
  now: Date,
): Promise<void> {
  await manager.query(`UPDATE password_reset SET used_at = $2 WHERE id = $1`, [link.id, now]);
  await manager.query(`UPDATE app_user SET password_hash = $3, failed_login_count = 0, locked_until = NULL, updated_at = now() WHERE id = $1 AND structure_id = $2`, [
    link.userId,
    link.structureId,
    passwordHash,
  ]);
  await manager.query(`DELETE FROM session WHERE user_id = $1`, [link.userId]);
}
