import { EntityManager } from 'typeorm';

/** A contact's addresses on the structure's suppression list: each question takes the structure explicitly. */

/** Puts the contact's address (lower-cased) on the structure's suppression list, once. */
export async function suppressContactAddress(manager: EntityManager, structureId: string, email: string, contactId: string): Promise<void> {
  await manager.query(`INSERT INTO email_suppression (structure_id, email, contact_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    structureId,
    email,
    contactId,
  ]);
}

/** Takes the address (lower-cased) off the structure's suppression list. */
export async function releaseSuppressedAddress(manager: EntityManager, structureId: string, email: string): Promise<void> {
  await manager.query(`DELETE FROM email_suppression WHERE structure_id = $1 AND email = $2`, [structureId, email]);
}
