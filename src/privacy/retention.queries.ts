import { EntityManager } from 'typeorm';
import { RETENTION_RULES, RetentionRule, RetentionRuleName, SqlParams } from './retention-rules';

/**
 * The retention scan's SQL (src/privacy/retention.service.ts). The scan is one of the few
 * cross-structure paths: it walks every structure unless `structureIds` narrows it (tests); what
 * touches one person's rows takes that person's structure explicitly.
 */

/** One warning still holding (its day on or after the day due now), for the managers' list. */
export interface AnnouncedRow {
  subject_type: 'candidate' | 'contact';
  rule: RetentionRuleName;
  id: string;
  name: string;
  company_name: string | null;
  exit_date: string | null;
  last_active_on: string | null;
  warned_for: string;
  retention_warned_at: Date;
  owner_id: string | null;
  owner_name: string | null;
}

export interface WarnedRow {
  id: string;
  structure_id: string;
  name: string;
  /** The candidate's owner; for a contact, the company's owner. */
  owner_id: string | null;
  exit_date: string | null;
  last_active_on: string | null;
  company_name: string | null;
  warned_for: string;
  months: number;
  structure_name: string;
}

export interface WarningRecipient {
  id: string;
  email: string;
  first_name: string;
}

/**
 * The anonymisations announced in a structure and still to come: a warning that new activity or
 * a longer setting has overtaken is left out (the person will be warned again).
 */
export async function announcedAnonymisations(manager: EntityManager, structureId: string, limit: number, timeZone: string): Promise<AnnouncedRow[]> {
  const p = new SqlParams({ tz: timeZone, structureId, limit });
  const parts = RETENTION_RULES.map((rule) => {
    const contact = rule.subject === 'contact';
    return `SELECT '${rule.subject}'::text AS subject_type, '${rule.name}'::text AS rule, c.id,
                     ${contact ? `concat_ws(' ', c.first_name, c.last_name)` : `c.first_name || ' ' || c.last_name`} AS name,
                     ${contact ? 'co.name' : 'NULL'} AS company_name, ${contact ? 'NULL' : 'c.exit_date::text'} AS exit_date,
                     d.last_active_on::text AS last_active_on, c.retention_warned_for, c.retention_warned_at,
                     ${contact ? 'co.owner_id' : 'c.owner_id'} AS owner_id
                ${rule.from(p)}
                ${contact ? 'JOIN company co ON co.id = c.company_id' : ''}
               WHERE c.structure_id = ${p.ref('structureId', 'uuid')} AND c.retention_warned_for IS NOT NULL
                 AND ${rule.eligible} AND c.retention_warned_for >= d.due_on`;
  });
  return (await manager.query(
    `SELECT x.subject_type, x.rule, x.id, x.name, x.company_name, x.exit_date, x.last_active_on,
              x.retention_warned_for::text AS warned_for, x.retention_warned_at, x.owner_id,
              u.first_name || ' ' || u.last_name AS owner_name
         FROM (${parts.join(' UNION ALL ')}) x
         LEFT JOIN app_user u ON u.id = x.owner_id AND u.structure_id = ${p.ref('structureId', 'uuid')}
        ORDER BY x.retention_warned_for, x.name, x.id
        LIMIT ${p.ref('limit', 'int')}`,
    p.values,
  )) as AnnouncedRow[];
}

/** The scan narrowed to `structureIds` when given (its `structureIds` parameter). */
function scope(p: SqlParams, structureIds: string[] | undefined): string {
  return structureIds ? `AND c.structure_id = ANY(${p.ref('structureIds', 'uuid[]')})` : '';
}

/**
 * Claims up to `batch` people of the rule to warn after id `after` (SKIP LOCKED: two workers never
 * warn twice): marks them warned at `now` for the day announced, and returns them.
 */
export async function claimPeopleToWarn(
  manager: EntityManager,
  rule: RetentionRule,
  p: SqlParams,
  structureIds: string[] | undefined,
  batch: number,
): Promise<WarnedRow[]> {
  const [today, days] = [p.ref('today', 'date'), p.ref('warningDays', 'int')];
  const contact = rule.subject === 'contact';
  const name = contact ? `concat_ws(' ', c.first_name, c.last_name)` : `c.first_name || ' ' || c.last_name`;
  const [rows] = (await manager.query(
    `WITH due AS (
             SELECT c.id, c.structure_id, ${name} AS name, ${contact ? 'co.owner_id' : 'c.owner_id'} AS owner_id,
                    ${contact ? 'NULL' : 'c.exit_date::text'} AS exit_date, d.last_active_on::text AS last_active_on,
                    ${contact ? 'co.name' : 'NULL'} AS company_name, ${rule.months} AS months, s.name AS structure_name,
                    GREATEST(d.due_on, ${today} + ${days}) AS warned_for
               ${rule.from(p)}
               ${contact ? 'JOIN company co ON co.id = c.company_id' : ''}
              WHERE ${rule.eligible} AND ${rule.prefilter(p)} AND c.id > ${p.ref('after', 'uuid')} ${scope(p, structureIds)}
                AND d.due_on - ${days} <= ${today}
                AND (c.retention_warned_for IS NULL OR c.retention_warned_for < d.due_on)
              ORDER BY c.id
              LIMIT ${batch}
              FOR UPDATE OF c SKIP LOCKED)
           UPDATE ${rule.subject} c SET retention_warned_at = ${p.ref('now', 'timestamptz')}, retention_warned_for = due.warned_for
             FROM due
            WHERE c.id = due.id
           RETURNING due.id, due.structure_id, due.name, due.owner_id, due.exit_date, due.last_active_on, due.company_name,
                     due.months, due.structure_name, due.warned_for::text AS warned_for`,
    p.values,
  )) as [WarnedRow[], number];
  return rows;
}

/** The account `userId` of the structure, if active. */
export async function activeRecipient(manager: EntityManager, structureId: string, userId: string): Promise<WarningRecipient[]> {
  return (await manager.query(`SELECT id, email, first_name FROM app_user WHERE id = $1 AND structure_id = $2 AND active`, [
    userId,
    structureId,
  ])) as WarningRecipient[];
}

/** The structure's active accounts of a role, oldest first. */
export async function activeRecipientsWithRole(manager: EntityManager, structureId: string, role: string): Promise<WarningRecipient[]> {
  return (await manager.query(
    `SELECT id, email, first_name FROM app_user WHERE structure_id = $1 AND active AND role = $2 ORDER BY created_at, id`,
    [structureId, role],
  )) as WarningRecipient[];
}

/** A `retention_warning` alert to `userId` about the person `subjectId` of the rule's table. */
export async function insertRetentionWarning(
  manager: EntityManager,
  subject: RetentionRule['subject'],
  alert: { structureId: string; userId: string; subjectId: string; message: string },
): Promise<void> {
  await manager.query(
    `INSERT INTO staff_alert (structure_id, user_id, ${subject}_id, kind, message) VALUES ($1, $2, $3, 'retention_warning', $4)`,
    [alert.structureId, alert.userId, alert.subjectId, alert.message],
  );
}

/** The rule's people due on the scan's `today`: eligible, warned, and the day announced reached. */
export function dueCondition(rule: RetentionRule, p: SqlParams): string {
  const today = p.ref('today', 'date');
  return `${rule.eligible} AND d.due_on <= ${today}
        AND c.retention_warned_for IS NOT NULL AND c.retention_warned_for <= ${today} AND c.retention_warned_for >= d.due_on`;
}

/** Up to `batch` ids of people due after id `after`, in id order. */
export async function dueIds(manager: EntityManager, rule: RetentionRule, p: SqlParams, structureIds: string[] | undefined, batch: number): Promise<string[]> {
  return ((await manager.query(
    `SELECT c.id ${rule.from(p)} WHERE ${dueCondition(rule, p)} AND c.id > ${p.ref('after', 'uuid')} ${scope(p, structureIds)}
          ORDER BY c.id LIMIT ${batch}`,
    p.values,
  )) as Array<{ id: string }>).map((row) => row.id);
}

/** Locks the person `id` (its parameter) if still due and nobody holds them; false otherwise. */
export async function lockIfDue(manager: EntityManager, rule: RetentionRule, p: SqlParams): Promise<boolean> {
  const query = `SELECT c.id ${rule.from(p)} WHERE c.id = ${p.ref('id', 'uuid')} AND ${dueCondition(rule, p)} FOR UPDATE OF c SKIP LOCKED`;
  const locked = (await manager.query(query, p.values)) as Array<{ id: string }>;
  return locked.length > 0;
}

/** Nobody is to act on an erased contact's open warnings any more. */
export async function resolveContactAlerts(manager: EntityManager, structureId: string, contactId: string, now: Date): Promise<void> {
  await manager.query(
    `UPDATE staff_alert SET resolved_at = $2, updated_at = now() WHERE contact_id = $1 AND structure_id = $3 AND resolved_at IS NULL`,
    [contactId, now, structureId],
  );
}
