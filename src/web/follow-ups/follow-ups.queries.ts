import { EntityManager } from 'typeorm';

/** The work lists' SQL beside the company cards: each question takes the structure explicitly. */

/**
 * The phone to call per company: its main contact's (decision maker first, then the oldest
 * contact with a phone, never an erased one), else the company's switchboard (null when neither).
 */
export async function callPhonesOf(manager: EntityManager, structureId: string, companyIds: string[]): Promise<Array<{ id: string; phone: string | null }>> {
  return (await manager.query(
    `SELECT c.id,
              COALESCE((SELECT p.phone FROM contact p
                         WHERE p.company_id = c.id AND p.structure_id = c.structure_id AND p.erased_at IS NULL
                           AND NULLIF(btrim(p.phone), '') IS NOT NULL
                         ORDER BY p.decision_maker DESC, p.created_at ASC, p.id ASC LIMIT 1),
                       NULLIF(btrim(c.phone), '')) AS phone
         FROM company c
        WHERE c.structure_id = $1 AND c.id = ANY($2::uuid[])`,
    [structureId, companyIds],
  )) as Array<{ id: string; phone: string | null }>;
}

/** How many next actions of the owner are due on or before `today` (a calendar day). */
export async function dueActionCount(manager: EntityManager, structureId: string, ownerId: string, today: string): Promise<number> {
  const [{ count }] = (await manager.query(
    `SELECT count(*)::int AS count FROM company
        WHERE structure_id = $1 AND next_action_owner_id = $2 AND next_action_due <= $3
          AND NOT no_contact AND (resting_until IS NULL OR resting_until <= $3)`,
    [structureId, ownerId, today],
  )) as Array<{ count: number }>;
  return count;
}
