import { EntityManager } from 'typeorm';
import { presentEvents } from '../audit/audit-presenter';
import type { AuditEventView } from '../audit/dto/audit.dto';
import { CONTRACT_TYPE_LABELS, ContractType, SHIFT_LABELS, ShiftPattern } from '../placements/contract-types';
import { LEAD_STATUS_LABELS, LeadStatus } from '../leads/job-lead.entity';
import { ACTIVITY_LABELS, ActivityType, CALL_OUTCOME_LABELS, CallOutcome } from '../prospection/activity.entity';
import { CandidateMentions } from './candidate-mentions';
import { activityRowsAbout, candidateEvents, candidateIdentities, EventRow, leadRowsWrittenFor } from './export.queries';
import { identityReplacements, Identity } from './scrub';

/**
 * The sections of a person's export that come from elsewhere than their own rows: what staff wrote
 * about a candidate, the job sheets written for them, their record's audit trail and who read its
 * sensitive fields; and, for a company contact's export, the search that keeps other people's
 * details out of it.
 */

export type Person = { id: string; name: string } | null;
const person = (id: string | null, names: ReadonlyMap<string, string>): Person => (id ? { id, name: names.get(id) ?? '' } : null);

// ---------------------------------------------------------------- a candidate's activities

/** An activity (call, meeting, note...) about the candidate, and how it was found to be about them. */
export interface ActivityAboutExport {
  id: string;
  /** `candidate`: tied to their record; `mention`: its text names them (full name, e-mail or phone). */
  link: 'candidate' | 'mention';
  company: { id: string; name: string };
  type: string;
  typeLabel: string;
  outcome: string | null;
  outcomeLabel: string | null;
  occurredAt: Date;
  author: Person;
  text: string | null;
  refusalReason: string | null;
}

/**
 * The activities about a candidate: those tied to them (`activity.candidate_id`) and
 * those whose text or refusal reason names them in full, or gives their e-mail or phone. Activities
 * on the companies they were proposed to are not about them unless so. An anonymised person has no
 * identity left to search: only the tied ones remain (their text already redacted).
 */
export async function activitiesAbout(
  manager: EntityManager,
  structureId: string,
  candidate: Identity & { id: string; anonymisedAt: Date | null },
  names: ReadonlyMap<string, string>,
): Promise<ActivityAboutExport[]> {
  const patterns = candidate.anonymisedAt ? [] : identityReplacements(candidate).map((replacement) => replacement.pattern);
  const rows = await activityRowsAbout(manager, structureId, candidate.id, patterns);
  return rows.map((row) => ({
    id: row.id,
    link: row.linked ? 'candidate' : 'mention',
    company: { id: row.company_id, name: row.company_name },
    type: row.type,
    typeLabel: ACTIVITY_LABELS[row.type as ActivityType] ?? row.type,
    outcome: row.outcome,
    outcomeLabel: row.outcome ? (CALL_OUTCOME_LABELS[row.outcome as CallOutcome] ?? row.outcome) : null,
    occurredAt: row.occurred_at,
    author: person(row.author_id, names),
    text: row.text,
    refusalReason: row.refusal_reason,
  }));
}

// ---------------------------------------------------------------- the job sheets written for a candidate

/** A job lead the candidate was proposed on (or placed through): the job sheet as written. */
export interface LeadForExport {
  id: string;
  company: { id: string; name: string };
  jobTitle: string;
  romeCode: string | null;
  contractType: string;
  contractTypeLabel: string;
  hoursPerWeek: number | null;
  shiftPattern: string;
  shiftLabel: string;
  workCommune: string | null;
  requiresLicence: boolean;
  requiresVehicle: boolean;
  requirements: string[];
  adaptations: string[];
  status: string;
  statusLabel: string;
  spottedAt: Date;
  startDate: string | null;
  /** When they were first proposed on it; null when only placed through it. */
  proposedAt: Date | null;
}

export async function leadsWrittenFor(manager: EntityManager, structureId: string, candidateId: string): Promise<LeadForExport[]> {
  const rows = await leadRowsWrittenFor(manager, structureId, candidateId);
  return rows.map((row) => ({
    id: row.id,
    company: { id: row.company_id, name: row.company_name },
    jobTitle: row.job_title,
    romeCode: row.rome_code,
    contractType: row.contract_type,
    contractTypeLabel: CONTRACT_TYPE_LABELS[row.contract_type as ContractType] ?? row.contract_type,
    hoursPerWeek: row.hours_per_week,
    shiftPattern: row.shift_pattern,
    shiftLabel: SHIFT_LABELS[row.shift_pattern as ShiftPattern] ?? row.shift_pattern,
    workCommune: row.work_commune,
    requiresLicence: row.requires_licence,
    requiresVehicle: row.requires_vehicle,
    requirements: row.requirements,
    adaptations: row.adaptations,
    status: row.status,
    statusLabel: LEAD_STATUS_LABELS[row.status as LeadStatus] ?? row.status,
    spottedAt: row.spotted_at,
    startDate: row.start_date,
    proposedAt: row.proposed_at,
  }));
}

// ---------------------------------------------------------------- the audit trail of a candidate's record

/** One changed field: values as the journal shows them; constraints and notes as « changed » only, as the trail keeps them. */
export interface FieldChangeExport {
  label: string;
  from: string | null;
  to: string | null;
  changedOnly: boolean;
}

/** One write to the candidate's record (creation, edit, exit...): who, when, which fields. */
export interface RecordChangeExport {
  at: Date;
  actor: Person;
  action: string;
  actionLabel: string;
  fields: FieldChangeExport[];
}

/** One read of the candidate's constraints and notes: who, when, how (their page, the API, an export of many). */
export interface SensitiveReadExport {
  at: Date;
  actor: Person;
  via: string | null;
  viaLabel: string;
  /** How many people the read covered (an export); 1 for a page or an answer about them. */
  peopleCount: number;
}

const eventView = (row: EventRow, names: ReadonlyMap<string, string>): AuditEventView => ({
  id: row.id,
  at: row.at,
  actorId: row.actor_id,
  actorName: row.actor_id ? (names.get(row.actor_id) ?? null) : null,
  entity: 'candidate',
  entityId: null,
  action: row.action,
  changes: row.changes ?? {},
  details: row.details,
});

/** The writes to the candidate's record, oldest first, in the journal's words (`names`: the structure's users). */
export async function recordChanges(
  manager: EntityManager,
  structureId: string,
  candidateId: string,
  names: ReadonlyMap<string, string>,
): Promise<RecordChangeExport[]> {
  const rows = await candidateEvents(manager, structureId, candidateId, false);
  const lines = presentEvents(rows.map((row) => eventView(row, names)), names);
  return rows.map((row, index) => ({
    at: row.at,
    actor: person(row.actor_id, names),
    action: row.action,
    actionLabel: lines[index].actionLabel,
    fields: lines[index].changes.map((change) => ({
      label: change.label,
      from: change.changedOnly ? null : change.from,
      to: change.changedOnly ? null : change.to,
      changedOnly: change.changedOnly,
    })),
  }));
}

/** Who was shown the candidate's constraints and notes, and when, oldest first (exports of many people included). */
export async function sensitiveReads(
  manager: EntityManager,
  structureId: string,
  candidateId: string,
  names: ReadonlyMap<string, string>,
): Promise<SensitiveReadExport[]> {
  const rows = await candidateEvents(manager, structureId, candidateId, true);
  const lines = presentEvents(rows.map((row) => eventView(row, names)), names);
  return rows.map((row, index) => ({
    at: row.at,
    actor: person(row.actor_id, names),
    via: row.details?.via ?? null,
    viaLabel: lines[index].readSummary ?? 'Consultation',
    peopleCount: row.details?.count ?? 1,
  }));
}

// ---------------------------------------------------------------- a company contact's export

/** The structure's people on an insertion path who still have an identity, for CandidateMentions. */
export async function candidateMentions(manager: EntityManager, structureId: string): Promise<CandidateMentions> {
  const rows = await candidateIdentities(manager, structureId);
  return new CandidateMentions(rows.map((row) => ({ firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone })));
}

