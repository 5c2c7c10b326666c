import { EntityManager } from 'typeorm';
import type { AuditAction, AuditChanges, AuditDetails } from '../audit/audit-event.entity';

/**
 * The SQL of a person's export sections that come from elsewhere than their own rows (see
 * export-sections.ts): each question takes the structure explicitly and runs on the export's
 * transaction manager.
 */

export interface ActivityAboutRow {
  id: string;
  linked: boolean;
  company_id: string;
  company_name: string;
  type: string;
  outcome: string | null;
  occurred_at: Date;
  author_id: string | null;
  text: string | null;
  refusal_reason: string | null;
}

/** The activities tied to the candidate, or whose text or refusal reason matches one of `patterns` (regular expressions). */
export async function activityRowsAbout(manager: EntityManager, structureId: string, candidateId: string, patterns: string[]): Promise<ActivityAboutRow[]> {
  const params: unknown[] = [structureId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const linked = `a.candidate_id = ${param(candidateId)}::uuid`;
  const refs = patterns.map((pattern) => param(pattern));
  const named = refs.length ? refs.map((pattern) => `a.text ~* ${pattern} OR a.refusal_reason ~* ${pattern}`).join(' OR ') : 'false';
  return (await manager.query(
    `SELECT a.id, (${linked}) AS linked, a.company_id, co.name AS company_name, a.type, a.outcome, a.occurred_at, a.author_id, a.text, a.refusal_reason
       FROM activity a JOIN company co ON co.id = a.company_id
      WHERE a.structure_id = $1 AND ((${linked}) OR ${named})
      ORDER BY a.occurred_at, a.id`,
    params,
  )) as ActivityAboutRow[];
}

export interface LeadWrittenForRow {
  id: string;
  company_id: string;
  company_name: string;
  job_title: string;
  rome_code: string | null;
  contract_type: string;
  hours_per_week: number | null;
  shift_pattern: string;
  work_commune: string | null;
  requires_licence: boolean;
  requires_vehicle: boolean;
  requirements: string[];
  adaptations: string[];
  status: string;
  spotted_at: Date;
  start_date: string | null;
  proposed_at: Date | null;
}

/** The leads the candidate was proposed on or placed through, with when they were first proposed. */
export async function leadRowsWrittenFor(manager: EntityManager, structureId: string, candidateId: string): Promise<LeadWrittenForRow[]> {
  return (await manager.query(
    `SELECT l.id, l.company_id, co.name AS company_name, l.job_title, l.rome_code, l.contract_type, l.hours_per_week, l.shift_pattern,
            l.work_commune, l.requires_licence, l.requires_vehicle, l.requirements, l.adaptations, l.status, l.spotted_at,
            l.start_date::text AS start_date,
            (SELECT min(p.proposed_at) FROM proposal p WHERE p.lead_id = l.id AND p.candidate_id = $2 AND p.structure_id = $1) AS proposed_at
       FROM job_lead l JOIN company co ON co.id = l.company_id
      WHERE l.structure_id = $1
        AND l.id IN (SELECT lead_id FROM proposal WHERE candidate_id = $2 AND structure_id = $1
                     UNION SELECT lead_id FROM placement WHERE candidate_id = $2 AND structure_id = $1 AND lead_id IS NOT NULL)
      ORDER BY l.spotted_at, l.id`,
    [structureId, candidateId],
  )) as LeadWrittenForRow[];
}

export interface EventRow {
  id: string;
  at: Date;
  actor_id: string | null;
  action: AuditAction;
  changes: AuditChanges;
  details: AuditDetails | null;
}

/** The candidate record's audit events: its sensitive reads (`reads`) or every other write. */
export async function candidateEvents(manager: EntityManager, structureId: string, candidateId: string, reads: boolean): Promise<EventRow[]> {
  // A read of many people at once (a CSV export) names them in details.candidateIds, as the journal finds them.
  const subject = reads
    ? `(e.entity_id = $2 OR (e.entity_id IS NULL AND e.details -> 'candidateIds' @> jsonb_build_array($2::text)))`
    : `e.entity_id = $2`;
  return (await manager.query(
    `SELECT e.id::text AS id, e.at, e.actor_id, e.action, e.changes, e.details
       FROM audit_event e
      WHERE e.structure_id = $1 AND e.entity = 'candidate' AND ${subject} AND e.action ${reads ? '=' : '<>'} 'sensitive_read'
      ORDER BY e.at, e.id`,
    [structureId, candidateId],
  )) as EventRow[];
}

export interface CandidateIdentityRow {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
}

/** The identities of the structure's people on an insertion path not anonymised. */
export async function candidateIdentities(manager: EntityManager, structureId: string): Promise<CandidateIdentityRow[]> {
  return (await manager.query(
    `SELECT first_name, last_name, email, phone FROM candidate WHERE structure_id = $1 AND anonymised_at IS NULL`,
    [structureId],
  )) as CandidateIdentityRow[];
}

/** Which of these activities are tied to a candidate: their text is about that person. */
export async function activitiesTiedToCandidates(manager: EntityManager, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = (await manager.query(`SELECT id FROM activity WHERE id = ANY($1::uuid[]) AND candidate_id IS NOT NULL`, [ids])) as Array<{ id: string }>;
  return new Set(rows.map((row) => row.id));
}
