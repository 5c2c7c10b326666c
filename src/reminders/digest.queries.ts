import { EntityManager } from 'typeorm';
import { AlertKind } from '../alerts/staff-alert.entity';
import { OPEN_LEAD_STATUSES } from '../leads/dto/lead.dto';
import { NextActionType } from '../prospection/cadence';

/**
 * The daily digest's SQL: who is due (across structures, the scan narrowed by `structureIds` when
 * given), the day's claim in `digest_log`, and what one recipient's digest lists in their structure.
 */

/** A check-in still unanswered this long after it was sent appears in its owner's digest. */
export const UNANSWERED_CHECK_IN_DAYS = 2;

export interface DigestRecipient {
  id: string;
  structureId: string;
  structureName: string;
  email: string;
  firstName: string;
  digestTime: string;
  proposalTargetDays: number;
}

/** Active users with the digest on and nothing logged for `day` yet. */
export async function pendingDigestRecipients(manager: EntityManager, day: string, structureIds?: string[]): Promise<DigestRecipient[]> {
  return manager.query(
    `SELECT u.id, u.structure_id AS "structureId", s.name AS "structureName", u.email,
              u.first_name AS "firstName", u.digest_time::text AS "digestTime",
              s.proposal_target_days AS "proposalTargetDays"
         FROM app_user u
         JOIN structure s ON s.id = u.structure_id
        WHERE u.active AND u.digest_enabled
          AND ($2::uuid[] IS NULL OR u.structure_id = ANY($2::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM digest_log d WHERE d.user_id = u.id AND d.day = $1::date)
        ORDER BY u.digest_time, u.id`,
    [day, structureIds ?? null],
  );
}

/** Claims the user's digest for `day`; false when a run already did. */
export async function claimDigestDay(manager: EntityManager, userId: string, day: string): Promise<boolean> {
  const claimed: unknown[] = await manager.query(
    `INSERT INTO digest_log (user_id, day) VALUES ($1, $2::date) ON CONFLICT DO NOTHING RETURNING user_id`,
    [userId, day],
  );
  return claimed.length > 0;
}

/** The outbox row the user's digest for `day` went out as. */
export async function setDigestOutbox(manager: EntityManager, userId: string, day: string, outboxId: string): Promise<void> {
  await manager.query(`UPDATE digest_log SET outbox_id = $3 WHERE user_id = $1 AND day = $2::date`, [
    userId,
    day,
    outboxId,
  ]);
}

export interface DigestActionRow {
  id: string;
  name: string;
  type: NextActionType;
  due: string;
}

/** The recipient's next actions due on `day` or before. */
export async function digestActions(manager: EntityManager, recipient: DigestRecipient, day: string): Promise<DigestActionRow[]> {
  return manager.query(
    `SELECT c.id, c.name, c.next_action_type AS type, c.next_action_due::text AS due
         FROM company c
        WHERE c.structure_id = $1 AND c.next_action_owner_id = $2
          AND c.next_action_type IS NOT NULL AND c.next_action_due <= $3::date
          -- Resting companies, and those that asked never to be contacted, are on no list to call.
          AND NOT c.no_contact AND (c.resting_until IS NULL OR c.resting_until <= $3::date)
        ORDER BY c.next_action_due, c.name, c.id`,
    [recipient.structureId, recipient.id, day],
  );
}

export interface DigestLeadRow {
  id: string;
  job_title: string;
  company_name: string;
  spotted: string;
}

/** The recipient's open leads nobody was proposed on, spotted before `cutoff`. */
export async function digestOverdueLeads(manager: EntityManager, recipient: DigestRecipient, cutoff: string, timeZone: string): Promise<DigestLeadRow[]> {
  return manager.query(
    `SELECT l.id, l.job_title, co.name AS company_name, (l.spotted_at AT TIME ZONE $4)::date::text AS spotted
         FROM job_lead l
         JOIN company co ON co.id = l.company_id AND co.structure_id = l.structure_id
        WHERE l.structure_id = $1 AND l.owner_id = $2
          AND l.status = ANY($5::text[]) AND l.first_proposed_at IS NULL
          AND (l.spotted_at AT TIME ZONE $4)::date < $3::date
        ORDER BY l.spotted_at, l.id`,
    [recipient.structureId, recipient.id, cutoff, timeZone, [...OPEN_LEAD_STATUSES]],
  );
}

export interface DigestAlertRow {
  kind: AlertKind;
  message: string;
  raised: string;
}

/** The recipient's open alerts. */
export async function digestOpenAlerts(manager: EntityManager, recipient: DigestRecipient, timeZone: string): Promise<DigestAlertRow[]> {
  return manager.query(
    `SELECT a.kind, a.message, (a.created_at AT TIME ZONE $3)::date::text AS raised
         FROM staff_alert a
        WHERE a.structure_id = $1 AND a.user_id = $2 AND a.resolved_at IS NULL
        ORDER BY a.created_at, a.id`,
    [recipient.structureId, recipient.id, timeZone],
  );
}

export interface DigestCheckInRow {
  person: string;
  company_name: string;
  party: string;
  sent: string;
}

/** The check-ins of the recipient's placements sent and still unanswered UNANSWERED_CHECK_IN_DAYS after, at `now`. */
export async function digestUnansweredCheckIns(manager: EntityManager, recipient: DigestRecipient, now: Date, timeZone: string): Promise<DigestCheckInRow[]> {
  return manager.query(
    `SELECT ca.first_name || ' ' || ca.last_name AS person, co.name AS company_name, ci.party,
              (ci.sent_at AT TIME ZONE $4)::date::text AS sent
         FROM check_in ci
         JOIN placement p ON p.id = ci.placement_id AND p.structure_id = ci.structure_id
         JOIN candidate ca ON ca.id = p.candidate_id AND ca.structure_id = ci.structure_id
         JOIN company co ON co.id = p.company_id AND co.structure_id = ci.structure_id
        WHERE ci.structure_id = $1 AND p.owner_id = $2
          AND ci.status = 'sent' AND ci.answered_at IS NULL
          AND ci.sent_at <= $3::timestamptz - make_interval(days => ${UNANSWERED_CHECK_IN_DAYS})
        ORDER BY ci.sent_at, ci.id`,
    [recipient.structureId, recipient.id, now.toISOString(), timeZone],
  );
}
