import { EntityManager } from 'typeorm';

/** The structure row's SQL, for the domains that serialise their edits on it. */

/** Locks the structure's row until the transaction ends: concurrent edits of what it owns wait in line. */
export async function lockStructureRow(manager: EntityManager, structureId: string): Promise<void> {
  await manager.query(`SELECT id FROM structure WHERE id = $1 FOR UPDATE`, [structureId]);
}
