import { EntityManager } from 'typeorm';
import { CheckInContext } from './check-in-alerts';

/** The SQL behind check-in alerts: a check-in's context, and the unanswered ones to alert about (every structure). */

/** Reads a check-in with its placement, person, company and structure; `lock` locks the check-in row. */
export async function loadCheckInContext(
  manager: EntityManager,
  checkInId: string,
  lock = false,
): Promise<CheckInContext | null> {
  const rows = (await manager.query(
    `SELECT ci.id, ci.structure_id AS "structureId", s.name AS "structureName", ci.placement_id AS "placementId",
            ci.party, ci.step, ci.status, ci.sent_at AS "sentAt",
            c.first_name AS "candidateFirstName", c.last_name AS "candidateLastName", co.name AS "companyName",
            ct.first_name AS "contactFirstName", ct.last_name AS "contactLastName"
       FROM check_in ci
       JOIN structure s ON s.id = ci.structure_id
       JOIN placement p ON p.id = ci.placement_id AND p.structure_id = ci.structure_id
       JOIN candidate c ON c.id = p.candidate_id AND c.structure_id = ci.structure_id
       JOIN company co ON co.id = p.company_id AND co.structure_id = ci.structure_id
       LEFT JOIN contact ct ON ct.id = p.employer_contact_id AND ct.structure_id = ci.structure_id
      WHERE ci.id = $1
      ${lock ? 'FOR UPDATE OF ci' : ''}`,
    [checkInId],
  )) as CheckInContext[];
  return rows[0] ?? null;
}

/**
 * Marks, and returns, at most `batch` sent check-ins still unanswered after their structure's
 * `check_in_no_answer_days` at `now`, skipping rows another worker holds.
 */
export async function claimUnansweredCheckIns(manager: EntityManager, now: Date, batch: number): Promise<Array<{ id: string }>> {
  const [rows] = (await manager.query(
    `UPDATE check_in SET no_answer_alerted_at = $1
            WHERE id IN (
              SELECT ci.id FROM check_in ci
                JOIN structure s ON s.id = ci.structure_id
               WHERE ci.status = 'sent' AND ci.answered_at IS NULL AND ci.no_answer_alerted_at IS NULL
                 AND ci.sent_at IS NOT NULL
                 AND ci.sent_at + make_interval(days => s.check_in_no_answer_days) <= $1
               ORDER BY ci.sent_at
               LIMIT ${batch}
               FOR UPDATE OF ci SKIP LOCKED)
            RETURNING id`,
    [now],
  )) as [Array<{ id: string }>, number];
  return rows;
}
