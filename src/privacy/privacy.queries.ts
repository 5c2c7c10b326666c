import { EntityManager } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity';
import { CheckIn } from '../checkins/check-in.entity';
import { AlertKind } from '../alerts/staff-alert.entity';
import { Contact } from '../contacts/contact.entity';

/**
 * The privacy pages' SQL (retention settings, exports, erasures, the log of requests): each question
 * takes the structure explicitly and runs on the manager it is given (the caller's transaction).
 */

export interface RetentionSettingsRow {
  retention_months: number;
  inactivity_retention_months: number;
}

/** The structure's retention periods; `lock` locks its row for an update. */
export async function retentionSettingsOf(manager: EntityManager, structureId: string, lock = false): Promise<RetentionSettingsRow> {
  const [row] = (await manager.query(
    lock
      ? `SELECT retention_months, inactivity_retention_months FROM structure WHERE id = $1 FOR UPDATE`
      : `SELECT retention_months, inactivity_retention_months FROM structure WHERE id = $1`,
    [structureId],
  )) as RetentionSettingsRow[];
  return row;
}

export async function updateRetentionSettings(manager: EntityManager, structureId: string, retentionMonths: number, inactivityRetentionMonths: number): Promise<void> {
  await manager.query(`UPDATE structure SET retention_months = $2, inactivity_retention_months = $3, updated_at = now() WHERE id = $1`, [
    structureId,
    retentionMonths,
    inactivityRetentionMonths,
  ]);
}

export interface ProposalExportRow {
  id: string;
  lead_id: string;
  job_title: string;
  company_id: string;
  company_name: string;
  proposed_at: Date;
  proposed_by: string;
  outcome: string;
  outcome_reason: string | null;
  outcome_at: Date | null;
}

/** The candidate's proposals with their lead's job and company, oldest first. */
export async function proposalsOfCandidate(manager: EntityManager, structureId: string, candidateId: string): Promise<ProposalExportRow[]> {
  return (await manager.query(
    `SELECT p.id, p.lead_id, l.job_title, co.id AS company_id, co.name AS company_name, p.proposed_at, p.proposed_by,
                p.outcome, p.outcome_reason, p.outcome_at
           FROM proposal p JOIN job_lead l ON l.id = p.lead_id JOIN company co ON co.id = l.company_id
          WHERE p.candidate_id = $1 AND p.structure_id = $2 ORDER BY p.proposed_at`,
    [candidateId, structureId],
  )) as ProposalExportRow[];
}

export interface EncounterExportRow {
  encounter_id: string;
  kind: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  encounter_status: string;
  status: string;
  outcome: string | null;
  outcome_on: string | null;
  outcome_note: string | null;
}

/** The encounters the person was invited to, with their attendance and what followed. */
export async function encountersOfCandidate(manager: EntityManager, structureId: string, candidateId: string): Promise<EncounterExportRow[]> {
  return (await manager.query(
    `SELECT e.id AS encounter_id, e.kind, e.title, e.starts_at, e.ends_at, e.place, e.status AS encounter_status,
            p.status, p.outcome, to_char(p.outcome_on, 'YYYY-MM-DD') AS outcome_on, p.outcome_note
       FROM encounter_participant p JOIN encounter e ON e.id = p.encounter_id AND e.structure_id = $2
      WHERE p.candidate_id = $1 AND p.structure_id = $2 ORDER BY e.starts_at`,
    [candidateId, structureId],
  )) as EncounterExportRow[];
}

export interface AlertExportRow {
  id: string;
  kind: AlertKind;
  message: string;
  created_at: Date;
  resolved_at: Date | null;
  user_id: string | null;
  resolution_note: string | null;
}

/** The alerts about the candidate or their placements, oldest first. */
export async function alertsAboutCandidate(manager: EntityManager, structureId: string, candidateId: string): Promise<AlertExportRow[]> {
  return (await manager.query(
    `SELECT a.id, a.kind, a.message, a.created_at, a.resolved_at, a.user_id, a.resolution_note
           FROM staff_alert a
          WHERE a.structure_id = $1 AND (a.candidate_id = $2 OR a.placement_id IN (SELECT id FROM placement WHERE candidate_id = $2))
          ORDER BY a.created_at, a.id`,
    [structureId, candidateId],
  )) as AlertExportRow[];
}

export interface ContactActivityRow {
  id: string;
  company_id: string;
  type: string;
  outcome: string | null;
  occurred_at: Date;
  author_id: string | null;
  text: string | null;
  refusal_reason: string | null;
}

/** The activities with the contact, oldest first. */
export async function activitiesWithContact(manager: EntityManager, structureId: string, contactId: string): Promise<ContactActivityRow[]> {
  return (await manager.query(
    `SELECT id, company_id, type, outcome, occurred_at, author_id, text, refusal_reason
           FROM activity WHERE contact_id = $1 AND structure_id = $2 ORDER BY occurred_at, id`,
    [contactId, structureId],
  )) as ContactActivityRow[];
}

export interface ContactLeadRow {
  id: string;
  company_id: string;
  company_name: string;
  job_title: string;
  contract_type: string;
  requirements: string[];
  adaptations: string[];
  status: string;
  spotted_at: Date;
  start_date: string | null;
}

/** The leads the contact is the contact of, oldest first. */
export async function leadsOfContact(manager: EntityManager, structureId: string, contactId: string): Promise<ContactLeadRow[]> {
  return (await manager.query(
    `SELECT l.id, l.company_id, co.name AS company_name, l.job_title, l.contract_type, l.requirements, l.adaptations, l.status,
                l.spotted_at, l.start_date::text AS start_date
           FROM job_lead l JOIN company co ON co.id = l.company_id
          WHERE l.contact_id = $1 AND l.structure_id = $2 ORDER BY l.spotted_at, l.id`,
    [contactId, structureId],
  )) as ContactLeadRow[];
}

export interface ContactPlacementRow {
  id: string;
  company_id: string;
  job_title: string;
  contract_type: string;
  start_date: string;
  end_date: string | null;
  status: string;
}

/** The placements the contact follows for the employer, without the employee. */
export async function placementsFollowedByContact(manager: EntityManager, structureId: string, contactId: string): Promise<ContactPlacementRow[]> {
  return (await manager.query(
    `SELECT p.id, p.company_id, p.job_title, p.contract_type, p.start_date::text AS start_date, p.end_date::text AS end_date, p.status
           FROM placement p WHERE p.employer_contact_id = $1 AND p.structure_id = $2 ORDER BY p.start_date, p.id`,
    [contactId, structureId],
  )) as ContactPlacementRow[];
}

/** The employer-side follow-ups sent to `email`, by due date. */
export async function employerCheckInsTo(manager: EntityManager, structureId: string, email: string): Promise<CheckIn[]> {
  return manager
    .getRepository(CheckIn)
    .createQueryBuilder('ci')
    .where(`ci.structure_id = :structureId AND ci.party = 'employer' AND lower(btrim(ci.recipient)) = lower(btrim(:email))`, {
      structureId,
      email,
    })
    .orderBy('ci.due_at', 'ASC')
    .getMany();
}

/** The candidate's row, locked for the transaction. */
export async function lockCandidate(manager: EntityManager, structureId: string, id: string): Promise<Candidate | null> {
  return manager
    .getRepository(Candidate)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.id = :id AND c.structure_id = :structureId', { id, structureId })
    .getOne();
}

/** The contact's row, locked for the transaction. */
export async function lockContact(manager: EntityManager, structureId: string, id: string): Promise<Contact | null> {
  return manager
    .getRepository(Contact)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.id = :id AND c.structure_id = :structureId', { id, structureId })
    .getOne();
}

/** When the candidate was anonymised (read back in the erasure's transaction). */
export async function candidateAnonymisedAt(manager: EntityManager, id: string): Promise<Date> {
  const [row] = (await manager.query(`SELECT anonymised_at FROM candidate WHERE id = $1`, [id])) as Array<{ anonymised_at: Date }>;
  return row.anonymised_at;
}

/** When the contact was erased (read back in the erasure's transaction). */
export async function contactErasedAt(manager: EntityManager, id: string): Promise<Date> {
  const [row] = (await manager.query(`SELECT erased_at FROM contact WHERE id = $1`, [id])) as Array<{ erased_at: Date }>;
  return row.erased_at;
}

export interface RequestRow {
  id: string;
  subject_type: 'candidate' | 'contact';
  subject_id: string;
  subject_name: string | null;
  kind: 'export' | 'erasure' | 'retention';
  reason: string | null;
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
}

const SELECT_REQUESTS = `SELECT r.id, r.subject_type, r.subject_id, r.kind, r.reason, r.actor_id, r.created_at,
    u.first_name || ' ' || u.last_name AS actor_name,
    CASE r.subject_type WHEN 'candidate' THEN ca.first_name || ' ' || ca.last_name
                        ELSE concat_ws(' ', ct.first_name, ct.last_name) END AS subject_name
  FROM privacy_request r
  LEFT JOIN app_user u ON u.id = r.actor_id
  LEFT JOIN candidate ca ON r.subject_type = 'candidate' AND ca.id = r.subject_id AND ca.structure_id = r.structure_id
  LEFT JOIN contact ct ON r.subject_type = 'contact' AND ct.id = r.subject_id AND ct.structure_id = r.structure_id`;

/** A page of the structure's privacy log, newest first, and its total. */
export async function privacyRequestsPage(manager: EntityManager, structureId: string, limit: number, offset: number): Promise<{ rows: RequestRow[]; total: number }> {
  const rows = (await manager.query(
    `${SELECT_REQUESTS} WHERE r.structure_id = $1 ORDER BY r.created_at DESC, r.id LIMIT $2 OFFSET $3`,
    [structureId, limit, offset],
  )) as RequestRow[];
  const [{ total }] = (await manager.query(`SELECT count(*)::int AS total FROM privacy_request WHERE structure_id = $1`, [
    structureId,
  ])) as Array<{ total: number }>;
  return { rows, total };
}

/** The privacy log's lines about one person, oldest first. */
export async function privacyRequestsAbout(manager: EntityManager, structureId: string, subjectId: string): Promise<RequestRow[]> {
  return (await manager.query(`${SELECT_REQUESTS} WHERE r.structure_id = $1 AND r.subject_id = $2 ORDER BY r.created_at, r.id`, [
    structureId,
    subjectId,
  ])) as RequestRow[];
}

export async function insertExportRequest(
  manager: EntityManager,
  request: { structureId: string; type: 'candidate' | 'contact'; id: string; actorId: string; at: Date },
): Promise<void> {
  await manager.query(
    `INSERT INTO privacy_request (structure_id, subject_type, subject_id, kind, actor_id, created_at) VALUES ($1, $2, $3, 'export', $4, $5)`,
    [request.structureId, request.type, request.id, request.actorId, request.at],
  );
}

/** The names of the structure's accounts by id. */
export async function userNamesOf(manager: EntityManager, structureId: string): Promise<Map<string, string>> {
  const rows = (await manager.query(`SELECT id, first_name || ' ' || last_name AS name FROM app_user WHERE structure_id = $1`, [
    structureId,
  ])) as Array<{ id: string; name: string }>;
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The names of the structure's companies among `ids`. */
export async function companyNamesOf(manager: EntityManager, structureId: string, ids: string[]): Promise<Map<string, string>> {
  const rows = (await manager.query(`SELECT id, name FROM company WHERE structure_id = $1 AND id = ANY($2::uuid[])`, [
    structureId,
    [...new Set(ids)],
  ])) as Array<{ id: string; name: string }>;
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function structureNameOf(manager: EntityManager, structureId: string): Promise<{ id: string; name: string }> {
  const [row] = (await manager.query(`SELECT id, name FROM structure WHERE id = $1`, [structureId])) as Array<{ id: string; name: string }>;
  return row;
}
