import { EntityManager } from 'typeorm';
import { CheckIn } from './check-in.entity';

/** The check-in steps' SQL: sending one step, and what staff read and do on them. */

/** The placement a check-in belongs to (none when the row is gone). */
export async function placementIdOfCheckIn(manager: EntityManager, checkInId: string): Promise<string | undefined> {
  const [ref] = (await manager.query(`SELECT placement_id FROM check_in WHERE id = $1`, [checkInId])) as { placement_id: string }[];
  return ref?.placement_id;
}

/** Share-locks a placement's row until the transaction ends: it cannot end or move meanwhile. */
export async function shareLockPlacement(manager: EntityManager, placementId: string): Promise<void> {
  await manager.query(`SELECT 1 FROM placement WHERE id = $1 FOR SHARE`, [placementId]);
}

/** A check-in by id, locked for update until the transaction ends. */
export async function lockedCheckIn(manager: EntityManager, checkInId: string): Promise<CheckIn | null> {
  return manager
    .getRepository(CheckIn)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.id = :id', { id: checkInId })
    .getOne();
}

/** A step of the structure's placement, locked for update until the transaction ends. */
export async function lockedStepOf(manager: EntityManager, structureId: string, placementId: string, checkInId: string): Promise<CheckIn | null> {
  return manager
    .getRepository(CheckIn)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.id = :id AND c.placementId = :placementId AND c.structureId = :structureId', { id: checkInId, placementId, structureId })
    .getOne();
}

/** The contact of a lead (null when it has none; none when the lead is gone). */
export async function leadContactId(manager: EntityManager, leadId: string): Promise<string | null | undefined> {
  const [lead] = (await manager.query(`SELECT contact_id FROM job_lead WHERE id = $1`, [leadId])) as { contact_id: string | null }[];
  return lead?.contact_id;
}

/** The candidate's answered employee check-ins, newest answer first, with the placement's job and company. */
export async function answeredCheckInsOfCandidate(
  manager: EntityManager,
  structureId: string,
  candidateId: string,
): Promise<Array<{ id: string; jobTitle: string; companyName: string }>> {
  return (await manager.query(
    `SELECT ci.id, p.job_title AS "jobTitle", co.name AS "companyName"
         FROM check_in ci
         JOIN placement p ON p.id = ci.placement_id AND p.structure_id = ci.structure_id
         JOIN company co ON co.id = p.company_id AND co.structure_id = ci.structure_id
        WHERE ci.structure_id = $1 AND p.candidate_id = $2 AND ci.party = 'employee' AND ci.status = 'answered'
        ORDER BY ci.answered_at DESC, ci.id`,
    [structureId, candidateId],
  )) as Array<{ id: string; jobTitle: string; companyName: string }>;
}

/** Resolves the open call-task alerts of a check-in, as done by `userId` at `now`. */
export async function resolveCallTaskAlerts(manager: EntityManager, structureId: string, checkInId: string, now: Date, userId: string): Promise<void> {
  await manager.query(
    `UPDATE staff_alert SET resolved_at = $3, resolved_by = $4, updated_at = now()
         WHERE check_in_id = $1 AND structure_id = $2 AND kind = 'call_task' AND resolved_at IS NULL`,
    [checkInId, structureId, now, userId],
  );
}
