import { EntityManager } from 'typeorm';

/** The failed sends' SQL: each question takes the structure explicitly. */

/** A check-in or e-mail that kept failing to leave. */
export interface FailedSend {
  what: string;
  recipient: string | null;
  dueAt: Date;
  attempts: number;
  error: string | null;
}

/** The structure's check-ins and e-mails that kept failing, latest due first, at most `limit`. */
export async function failedSendsOf(manager: EntityManager, structureId: string, limit: number): Promise<FailedSend[]> {
  return (await manager.query(
    `SELECT * FROM (
         SELECT 'Point de suivi ' || c.step || ' (' || CASE c.party WHEN 'employee' THEN 'salarié' ELSE 'employeur' END
                || ') · ' || cand.first_name || ' ' || cand.last_name || ' chez ' || co.name AS what,
                c.recipient, c.due_at AS "dueAt", c.attempts, c.last_error AS error
         FROM check_in c
         JOIN placement p ON p.id = c.placement_id
         JOIN candidate cand ON cand.id = p.candidate_id
         JOIN company co ON co.id = p.company_id
         WHERE c.structure_id = $1 AND c.status = 'failed'
         UNION ALL
         SELECT 'E-mail « ' || m.template || ' »', m.recipient, m.created_at, m.attempts, m.last_error
         FROM mail_outbox m WHERE m.structure_id = $1 AND m.status = 'failed'
       ) failed ORDER BY "dueAt" DESC LIMIT $2`,
    [structureId, limit],
  )) as FailedSend[];
}
