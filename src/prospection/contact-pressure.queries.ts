import { EntityManager } from 'typeorm';
import { CONTACT_TYPES, MonthContacts } from './contact-pressure';

/** Contact pressure's SQL: each question takes the structure explicitly and the manager to run on. */

/**
 * The company's contacts between two instants, and who made the last one: its calls, e-mails,
 * meetings and visits, and the encounter invitations e-mailed to its contacts.
 */
export async function contactsBetween(manager: EntityManager, structureId: string, companyId: string, start: Date, end: Date): Promise<MonthContacts> {
  const [row] = (await manager.query(
    `WITH contacts AS (
       SELECT a.occurred_at AS at, a.created_at AS written_at, a.author_id AS by_id
         FROM activity a
        WHERE a.structure_id = $1 AND a.company_id = $2 AND a.type = ANY($3::text[])
          AND a.occurred_at >= $4 AND a.occurred_at < $5
       UNION ALL
       SELECT p.invited_at, p.invited_at, p.invited_by
         FROM encounter_participant p JOIN contact ct ON ct.id = p.contact_id
        WHERE p.structure_id = $1 AND ct.structure_id = $1 AND ct.company_id = $2 AND p.party = 'contact'
          AND p.invited_sequence IS NOT NULL AND p.invited_at >= $4 AND p.invited_at < $5
     )
     SELECT count(*)::int AS count,
            (array_agg(c.at ORDER BY c.at DESC, c.written_at DESC))[1] AS last_at,
            (array_agg(u.first_name || ' ' || u.last_name ORDER BY c.at DESC, c.written_at DESC))[1] AS last_by
       FROM contacts c
       LEFT JOIN app_user u ON u.id = c.by_id`,
    [structureId, companyId, CONTACT_TYPES, start, end],
  )) as Array<{ count: number; last_at: Date | null; last_by: string | null }>;
  return { count: row.count, last: row.last_at ? { by: row.last_by, at: row.last_at } : null };
}

/**
 * The Paris days of the company's unanswered calls after `after`, since it last answered (a call
 * with another outcome, a meeting, a visit) and since someone last ended its rest by hand.
 */
export async function unansweredCallDays(
  manager: EntityManager,
  structureId: string,
  companyId: string,
  after: Date,
  timeZone: string,
): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT to_char(a.occurred_at AT TIME ZONE $4, 'YYYY-MM-DD') AS day
       FROM activity a
      WHERE a.structure_id = $1 AND a.company_id = $2 AND a.type = 'call' AND a.outcome = 'no_answer'
        AND a.occurred_at > $3
        AND a.occurred_at > COALESCE(GREATEST(
              (SELECT c.rest_ended_at FROM company c WHERE c.id = $2 AND c.structure_id = $1),
              (SELECT max(b.occurred_at) FROM activity b
                WHERE b.structure_id = $1 AND b.company_id = $2
                  AND (b.type IN ('meeting', 'visit') OR (b.type = 'call' AND b.outcome IS NOT NULL AND b.outcome <> 'no_answer')))
            ), '-infinity'::timestamptz)
      ORDER BY a.occurred_at`,
    [structureId, companyId, after, timeZone],
  )) as Array<{ day: string }>;
  return rows.map((row) => row.day);
}

/** A staff member's name, for the sentence naming who recorded an employer's wish. */
export async function staffName(manager: EntityManager, structureId: string, userId: string): Promise<string | null> {
  const [row] = (await manager.query(`SELECT first_name || ' ' || last_name AS name FROM app_user WHERE id = $1 AND structure_id = $2`, [userId, structureId])) as Array<{
    name: string;
  }>;
  return row?.name ?? null;
}

/** Among these contacts, the companies that asked never to be contacted (one row each), with who recorded it and when. */
export async function noContactCompaniesOf(
  manager: EntityManager,
  structureId: string,
  contactIds: string[],
): Promise<Array<{ id: string; name: string; no_contact_set_by: string | null; no_contact_set_at: Date | null; version: number }>> {
  return (await manager.query(
    `SELECT DISTINCT c.id, c.name, c.no_contact_set_by, c.no_contact_set_at, c.version
       FROM contact p JOIN company c ON c.id = p.company_id AND c.structure_id = $1
      WHERE p.structure_id = $1 AND p.id = ANY($2::uuid[]) AND c.no_contact
      ORDER BY c.name, c.id`,
    [structureId, contactIds],
  )) as Array<{ id: string; name: string; no_contact_set_by: string | null; no_contact_set_at: Date | null; version: number }>;
}
