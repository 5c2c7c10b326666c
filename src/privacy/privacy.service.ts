import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ALERT_KIND_LABELS } from '../alerts/alerts.service';
import { RATING_LABELS } from '../checkins/check-in-alerts';
import { Candidate, REFERRER_LABELS } from '../candidates/candidate.entity';
import { CANDIDATE_STATUS_LABELS } from '../candidates/dto/candidate-view.dto';
import { AuditService, SensitiveRead } from '../audit/audit.service';
import { stepLabel } from '../checkins/check-in-plan';
import { CheckIn, DIFFICULTY_LABELS, Difficulty } from '../checkins/check-in.entity';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination';
import { Contact } from '../contacts/contact.entity';
import { LEAD_STATUS_LABELS, LeadStatus } from '../leads/job-lead.entity';
import { PROPOSAL_OUTCOME_LABELS, ProposalOutcome } from '../leads/proposal.entity';
import { CONTRACT_TYPE_LABELS, ContractType, EXIT_CATEGORY_LABELS } from '../placements/contract-types';
import { PLACEMENT_STATUS_LABELS } from '../placements/dto/placement-view.dto';
import { Placement } from '../placements/placement.entity';
import {
  ATTENDANCE_LABELS,
  AttendanceStatus,
  ENCOUNTER_KIND_LABELS,
  ENCOUNTER_OUTCOME_LABELS,
  EncounterKind,
  EncounterOutcome,
} from '../encounters/encounter.entity';
import { ACTIVITY_LABELS, ActivityType, CALL_OUTCOME_LABELS, CallOutcome } from '../prospection/activity.entity';
import { PARTY_LABELS } from '../reports/outcomes-report';
import { Actor } from '../tenancy/actor';
import { AnonymiserService } from './anonymiser.service';
import { WITHHELD } from './candidate-mentions';
import {
  activitiesAbout,
  ActivityAboutExport,
  candidateMentions,
  LeadForExport,
  leadsWrittenFor,
  RecordChangeExport,
  recordChanges,
  SensitiveReadExport,
  sensitiveReads,
} from './export-sections';
import { activitiesTiedToCandidates } from './export.queries';
import { findIdentityMentions, IdentityMention } from './identity-search.queries';
import { ErasureView, RetentionSettingsView } from './privacy.dto';
import {
  activitiesWithContact,
  alertsAboutCandidate,
  candidateAnonymisedAt,
  companyNamesOf,
  ContactActivityRow,
  contactErasedAt,
  employerCheckInsTo,
  insertExportRequest,
  leadsOfContact,
  lockCandidate,
  lockContact,
  placementsFollowedByContact,
  privacyRequestsAbout,
  privacyRequestsPage,
  proposalsOfCandidate,
  encountersOfCandidate,
  RequestRow,
  retentionSettingsOf,
  structureNameOf,
  updateRetentionSettings,
  userNamesOf,
} from './privacy.queries';
import { Identity } from './scrub';
import { RETENTION_WARNING_DAYS, RetentionService } from './retention.service';
import { RECORD } from '../refusals/index';
import { because, NotFoundRefusal } from '../refusals/refused';


type Person = { id: string; name: string } | null;

export interface CheckInExport {
  id: string;
  party: string;
  partyLabel: string;
  step: string;
  stepLabel: string;
  dueAt: Date;
  status: string;
  /** The employee's own address; never the employer contact's (someone else's data). */
  recipient: string | null;
  sentAt: Date | null;
  answeredAt: Date | null;
  rating: number | null;
  ratingLabel: string | null;
  goingWell: string | null;
  difficulties: string[];
  difficultyLabels: string[];
  difficultyDetails: string | null;
  wantsCall: boolean | null;
}

export interface CandidateExport {
  exportedAt: Date;
  structure: { id: string; name: string };
  candidate: Record<string, unknown> & { id: string; firstName: string; lastName: string; anonymisedAt: Date | null };
  proposals: Array<Record<string, unknown>>;
  placements: Array<Record<string, unknown> & { checkIns: CheckInExport[] }>;
  /** The encounters they were invited to: whether they came, what followed. */
  encounters: Array<Record<string, unknown>>;
  alerts: Array<{
    id: string;
    kind: string;
    kindLabel: string;
    message: string;
    createdAt: Date;
    resolvedAt: Date | null;
    resolutionNote: string | null;
    recipient: Person;
  }>;
  /** Calls, meetings and notes about them: tied to their record, or naming them (full name, e-mail, phone). */
  activities: ActivityAboutExport[];
  /** The job sheets of the leads they were proposed on or placed through. */
  leads: LeadForExport[];
  /** The audit trail of their record: who changed what, when (constraints and notes as « changed » only). */
  recordChanges: RecordChangeExport[];
  /** Who was shown their constraints and notes, and when, exports of many people included. */
  sensitiveReads: SensitiveReadExport[];
  privacyRequests: PrivacyRequestView[];
}

export interface ContactExport {
  exportedAt: Date;
  structure: { id: string; name: string };
  contact: Record<string, unknown> & { id: string; lastName: string; erasedAt: Date | null };
  company: { id: string; name: string };
  activities: Array<Record<string, unknown>>;
  leads: Array<Record<string, unknown>>;
  placements: Array<Record<string, unknown>>;
  checkIns: Array<Record<string, unknown>>;
  privacyRequests: PrivacyRequestView[];
}

export interface ExportOptions {
  /** Records the read (privacy log, audit trail); false only to show again what was just shown. */
  record: boolean;
}

export interface PrivacyRequestView {
  id: string;
  subjectType: 'candidate' | 'contact';
  subjectId: string;
  subjectName: string | null;
  kind: 'export' | 'erasure' | 'retention';
  reason: string | null;
  actor: Person;
  createdAt: Date;
}

export interface UpcomingAnonymisation {
  subjectType: 'candidate' | 'contact';
  subjectId: string;
  /** `exit`: retention months after the exit date; `inactivity`: months without activity. */
  reason: 'exit' | 'inactivity';
  /** Null for a contact. */
  candidateId: string | null;
  name: string;
  /** A contact's company. */
  companyName: string | null;
  /** Null unless `reason` is `exit`. */
  exitDate: string | null;
  /** Null unless `reason` is `inactivity`. */
  lastActivityDate: string | null;
  anonymiseOn: string;
  warnedAt: Date;
  /** Whoever was warned by name: the candidate's owner, a contact's company owner (null: the managers). */
  owner: Person;
}

/** What the manager reviews before an erasure: every mention of the person elsewhere in the structure's free text. */
export interface ErasurePreview {
  subjectType: 'candidate' | 'contact';
  id: string;
  /** Already erased: nothing left to find. */
  erasedAt: Date | null;
  matches: IdentityMention[];
}

/** Which mentions an erasure leaves as they are (ids from the preview); every other one is redacted. */
export interface ErasureChoices {
  keepMatchIds?: readonly string[];
}

const identityOf = (row: Candidate | Contact): Identity => ({ firstName: row.firstName, lastName: row.lastName, email: row.email, phone: row.phone });

const person = (id: string | null, name: string | null): Person => (id ? { id, name: name ?? '' } : null);

/**
 * The rights of the people a structure holds data about: everything about a candidate or a contact
 * (JSON and the readable page share this), erasure on request, and the retention setting. Every
 * read and every erasure is recorded in `privacy_request`; another structure's ids are 404.
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anonymiser: AnonymiserService,
    private readonly clock: Clock,
    private readonly retention: RetentionService,
    // The audit trail records who was shown a candidate's sensitive fields (absent: nothing to record).
    @Optional() private readonly audit?: AuditService,
  ) {}

  // ---------------------------------------------------------------- settings

  async settings(actor: Actor): Promise<RetentionSettingsView> {
    const row = await retentionSettingsOf(this.dataSource.manager, actor.structureId);
    return { retentionMonths: row.retention_months, inactivityRetentionMonths: row.inactivity_retention_months, warningDays: RETENTION_WARNING_DAYS };
  }

  /**
   * Changes the retention periods (`inactivityRetentionMonths` absent: unchanged); the change
   * (from → to, who, when) is journaled in the same transaction.
   */
  async updateSettings(actor: Actor, retentionMonths: number, inactivityRetentionMonths?: number): Promise<RetentionSettingsView> {
    await this.dataSource.transaction(async (manager) => {
      const before = await retentionSettingsOf(manager, actor.structureId, true);
      const inactivity = inactivityRetentionMonths ?? before.inactivity_retention_months;
      await updateRetentionSettings(manager, actor.structureId, retentionMonths, inactivity);
      await this.audit?.record(manager, actor, {
        entity: 'structure',
        entityId: actor.structureId,
        action: 'update',
        before: { retentionMonths: before.retention_months, inactivityRetentionMonths: before.inactivity_retention_months },
        after: { retentionMonths, inactivityRetentionMonths: inactivity },
      });
    });
    return this.settings(actor);
  }

  // ---------------------------------------------------------------- exports

  /**
   * `record: false` only to show again what the actor was just shown (a form sent back with a
   * mistake): a refused request writes nothing.
   */
  async exportCandidate(actor: Actor, id: string, options: ExportOptions = { record: true }): Promise<CandidateExport> {
    return this.dataSource.transaction(async (manager) => {
      const candidate = await manager.getRepository(Candidate).findOneBy({ id, structureId: actor.structureId });
      if (!candidate) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'candidate' }), `Candidate ${id} not found`);
      if (options.record) {
        await this.recordExport(manager, actor, 'candidate', id);
        await this.audit?.recordSensitiveExport(actor, [id], 'privacy_export', manager);
      }
      const names = await this.userNames(manager, actor);
      const { structureId, ...fields } = candidate;
      const proposals = await proposalsOfCandidate(manager, structureId, id);
      const placements = await manager.getRepository(Placement).find({ where: { candidateId: id, structureId }, order: { startDate: 'ASC' } });
      const companies = await this.companyNames(manager, structureId, placements.map((placement) => placement.companyId));
      const checkIns = placements.length
        ? await manager.getRepository(CheckIn).find({
            where: { placementId: In(placements.map((placement) => placement.id)), structureId },
            order: { dueAt: 'ASC', party: 'ASC' },
          })
        : [];
      const alerts = await alertsAboutCandidate(manager, structureId, id);
      return {
        exportedAt: this.clock.now(),
        structure: await this.structureOf(manager, structureId),
        candidate: {
          ...fields,
          referrerLabel: REFERRER_LABELS[candidate.referrer] ?? candidate.referrer,
          statusLabel: CANDIDATE_STATUS_LABELS[candidate.status] ?? candidate.status,
          exitCategoryLabel: candidate.exitCategory ? EXIT_CATEGORY_LABELS[candidate.exitCategory] : null,
          owner: person(candidate.ownerId, candidate.ownerId ? (names.get(candidate.ownerId) ?? null) : null),
        },
        proposals: proposals.map((row) => ({
          id: row.id,
          leadId: row.lead_id,
          jobTitle: row.job_title,
          company: { id: row.company_id, name: row.company_name },
          proposedAt: row.proposed_at,
          proposedBy: person(row.proposed_by, names.get(row.proposed_by) ?? null),
          outcome: row.outcome,
          outcomeLabel: PROPOSAL_OUTCOME_LABELS[row.outcome as ProposalOutcome] ?? row.outcome,
          outcomeReason: row.outcome_reason,
          outcomeAt: row.outcome_at,
        })),
        placements: placements.map((placement) => {
          const { structureId: _structure, candidateId: _candidate, employerContactId: _contact, ...rest } = placement;
          return {
            ...rest,
            company: { id: placement.companyId, name: companies.get(placement.companyId) ?? '' },
            contractTypeLabel: CONTRACT_TYPE_LABELS[placement.contractType as ContractType] ?? placement.contractType,
            statusLabel: PLACEMENT_STATUS_LABELS[placement.status] ?? placement.status,
            owner: person(placement.ownerId, placement.ownerId ? (names.get(placement.ownerId) ?? null) : null),
            checkIns: checkIns.filter((row) => row.placementId === placement.id).map(checkInExport),
          };
        }),
        encounters: (await encountersOfCandidate(manager, structureId, id)).map((row) => ({
          id: row.encounter_id,
          kindLabel: ENCOUNTER_KIND_LABELS[row.kind as EncounterKind] ?? row.kind,
          title: row.title,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          place: row.place,
          cancelled: row.encounter_status === 'cancelled',
          attendanceLabel: ATTENDANCE_LABELS[row.status as AttendanceStatus] ?? row.status,
          outcomeLabel: row.outcome ? (ENCOUNTER_OUTCOME_LABELS[row.outcome as EncounterOutcome] ?? row.outcome) : null,
          outcomeOn: row.outcome_on,
          outcomeNote: row.outcome_note,
        })),
        alerts: alerts.map((row) => ({
          id: row.id,
          kind: row.kind,
          kindLabel: ALERT_KIND_LABELS[row.kind] ?? row.kind,
          message: row.message,
          createdAt: row.created_at,
          resolvedAt: row.resolved_at,
          resolutionNote: row.resolution_note,
          recipient: person(row.user_id, row.user_id ? (names.get(row.user_id) ?? null) : null),
        })),
        activities: await activitiesAbout(manager, structureId, candidate, names),
        leads: await leadsWrittenFor(manager, structureId, id),
        recordChanges: await recordChanges(manager, structureId, id, names),
        sensitiveReads: await sensitiveReads(manager, structureId, id, names),
        privacyRequests: await this.requestsAbout(manager, structureId, id),
      };
    });
  }

  /**
   * Only the contact's own data: a text that also names one of the structure's candidates (or an
   * activity tied to one) is replaced whole with WITHHELD; placements they follow for the employer
   * without the employee; their own answers to the employer-side follow-ups.
   */
  async exportContact(actor: Actor, id: string, options: ExportOptions = { record: true }): Promise<ContactExport> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await manager.getRepository(Contact).findOneBy({ id, structureId: actor.structureId });
      if (!contact) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'contact' }), `Contact ${id} not found`);
      if (options.record) await this.recordExport(manager, actor, 'contact', id);
      const names = await this.userNames(manager, actor);
      const { structureId, ...fields } = contact;
      const mentions = await candidateMentions(manager, structureId);
      const activities = await activitiesWithContact(manager, structureId, id);
      const leads = await leadsOfContact(manager, structureId, id);
      // The placements they follow for the employer; the employee stays out (someone else's data).
      const placements = await placementsFollowedByContact(manager, structureId, id);
      // Their own answers to the employer-side follow-ups.
      const checkIns = contact.email
        ? await employerCheckInsTo(manager, structureId, contact.email)
        : [];
      const companies = await this.companyNames(manager, structureId, [contact.companyId, ...placements.map((row) => row.company_id as string)]);
      const tied = await activitiesTiedToCandidates(manager, activities.map((row) => row.id as string));
      // An activity tied to a candidate is about them: its texts are withheld whatever they say.
      const activityText = (row: ContactActivityRow, text: string | null) => (text && tied.has(row.id) ? WITHHELD : mentions.keep(text));
      return {
        exportedAt: this.clock.now(),
        structure: await this.structureOf(manager, structureId),
        contact: { ...fields, notes: mentions.keep(fields.notes) },
        company: { id: contact.companyId, name: companies.get(contact.companyId) ?? '' },
        activities: activities.map((row) => ({
          id: row.id,
          type: row.type,
          typeLabel: ACTIVITY_LABELS[row.type as ActivityType] ?? row.type,
          outcome: row.outcome,
          outcomeLabel: row.outcome ? (CALL_OUTCOME_LABELS[row.outcome as CallOutcome] ?? row.outcome) : null,
          occurredAt: row.occurred_at,
          author: person(row.author_id, row.author_id ? (names.get(row.author_id) ?? null) : null),
          text: activityText(row, row.text),
          refusalReason: activityText(row, row.refusal_reason),
        })),
        leads: leads.map((row) => ({
          id: row.id,
          company: { id: row.company_id, name: row.company_name },
          jobTitle: mentions.keep(row.job_title),
          contractType: row.contract_type,
          contractTypeLabel: CONTRACT_TYPE_LABELS[row.contract_type as ContractType] ?? row.contract_type,
          requirements: (row.requirements as string[]).map((item) => mentions.keep(item)),
          adaptations: (row.adaptations as string[]).map((item) => mentions.keep(item)),
          status: row.status,
          statusLabel: LEAD_STATUS_LABELS[row.status as LeadStatus] ?? row.status,
          spottedAt: row.spotted_at,
          startDate: row.start_date,
        })),
        placements: placements.map((row) => ({
          id: row.id,
          company: { id: row.company_id, name: companies.get(row.company_id) ?? '' },
          jobTitle: mentions.keep(row.job_title),
          contractType: row.contract_type,
          contractTypeLabel: CONTRACT_TYPE_LABELS[row.contract_type as ContractType] ?? row.contract_type,
          startDate: row.start_date,
          endDate: row.end_date,
          status: row.status,
        })),
        checkIns: checkIns.map((row) => ({ ...checkInExport(row), placementId: row.placementId, recipient: row.recipient })),
        privacyRequests: await this.requestsAbout(manager, structureId, id),
      };
    });
  }

  // ---------------------------------------------------------------- sensitive reads

  /**
   * What an export showed about candidates, recorded as a sensitive read where the export itself
   * did not record it: a candidate's page shown again after a refused erasure (the privacy log
   * keeps the first showing only), and a contact's answers to the employer-side follow-ups, which
   * are about the employees they follow (their candidates are named).
   */
  async recordShown(actor: Actor, data: CandidateExport | ContactExport, read: SensitiveRead): Promise<void> {
    if (!this.audit) return;
    if ('candidate' in data) {
      await this.audit.recordSensitiveRead(actor, data.candidate.id, read);
      return;
    }
    const answered = data.checkIns.filter((row) => row.answeredAt).map((row) => String(row.placementId));
    await this.audit.recordSensitiveReadOfPlacements(actor, answered, read);
  }

  // ---------------------------------------------------------------- erasure

  /**
   * Every mention of the person (name in its usual variants, e-mail, phone) in the structure's
   * free text, with its context, for the manager to confirm before the erasure. For a candidate,
   * recorded as a read of their sensitive fields (the texts around may hold them) unless
   * `record: false` (a page that already recorded its own read).
   */
  async erasurePreview(actor: Actor, subjectType: 'candidate' | 'contact', id: string, options: ExportOptions = { record: true }): Promise<ErasurePreview> {
    const row =
      subjectType === 'candidate'
        ? await this.dataSource.getRepository(Candidate).findOneBy({ id, structureId: actor.structureId })
        : await this.dataSource.getRepository(Contact).findOneBy({ id, structureId: actor.structureId });
    if (!row) throw new NotFoundRefusal(because(RECORD.notFound, { record: subjectType }), `${subjectType === 'candidate' ? 'Candidate' : 'Contact'} ${id} not found`);
    const erasedAt = row instanceof Candidate ? row.anonymisedAt : row.erasedAt;
    if (erasedAt) return { subjectType, id, erasedAt, matches: [] };
    if (subjectType === 'candidate' && options.record) await this.audit?.recordSensitiveRead(actor, id, { via: 'api', path: `GET /api/privacy/${subjectType}s/:id/erasure-preview` });
    const matches = await findIdentityMentions(this.dataSource.manager, actor.structureId, identityOf(row), [{ table: subjectType, id }]);
    return { subjectType, id, erasedAt: null, matches };
  }

  /**
   * Anonymises the candidate now (same as retention), redacting every mention of them elsewhere
   * but those the manager chose to keep; a second request changes nothing and answers the same.
   */
  async eraseCandidate(actor: Actor, id: string, reason: string, choices: ErasureChoices = {}): Promise<ErasureView> {
    return this.dataSource.transaction(async (manager) => {
      const candidate = await lockCandidate(manager, actor.structureId, id);
      if (!candidate) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'candidate' }), `Candidate ${id} not found`);
      await this.anonymiser.anonymiseCandidate(manager, candidate, this.erasureContext(actor, reason, choices));

      return { subjectType: 'candidate', id, erasedAt: await candidateAnonymisedAt(manager, id) };
    });
  }

  async eraseContact(actor: Actor, id: string, reason: string, choices: ErasureChoices = {}): Promise<ErasureView> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await lockContact(manager, actor.structureId, id);
      if (!contact) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'contact' }), `Contact ${id} not found`);
      await this.anonymiser.eraseContact(manager, contact, this.erasureContext(actor, reason, choices));

      return { subjectType: 'contact', id, erasedAt: await contactErasedAt(manager, id) };
    });
  }

  private erasureContext(actor: Actor, reason: string, choices: ErasureChoices) {
    return { kind: 'erasure' as const, reason, actorId: actor.userId, now: this.clock.now(), keepMatchIds: new Set(choices.keepMatchIds ?? []) };
  }

  // ---------------------------------------------------------------- follow-up for managers

  /** People and contacts warned and not yet anonymised (the warning still holding), soonest first. */
  async upcoming(actor: Actor, limit = 200): Promise<UpcomingAnonymisation[]> {
    const rows = await this.retention.announced(actor.structureId, limit);
    return rows.map((row) => ({
      subjectType: row.subject_type,
      subjectId: row.id,
      reason: row.rule === 'exit' ? 'exit' : 'inactivity',
      candidateId: row.subject_type === 'candidate' ? row.id : null,
      name: row.name,
      companyName: row.company_name,
      exitDate: row.exit_date,
      lastActivityDate: row.last_active_on,
      anonymiseOn: row.warned_for,
      warnedAt: row.retention_warned_at,
      owner: person(row.owner_id, row.owner_name),
    }));
  }

  /** The log of exports, erasures and anonymisations, newest first. */
  async requests(actor: Actor, limit: number, offset: number): Promise<Page<PrivacyRequestView>> {
    const { rows, total } = await privacyRequestsPage(this.dataSource.manager, actor.structureId, limit, offset);
    return { items: rows.map(requestView), total, limit, offset };
  }

  // ---------------------------------------------------------------- helpers

  private async recordExport(manager: EntityManager, actor: Actor, type: 'candidate' | 'contact', id: string): Promise<void> {
    await insertExportRequest(manager, { structureId: actor.structureId, type, id, actorId: actor.userId, at: this.clock.now() });
  }

  private async requestsAbout(manager: EntityManager, structureId: string, subjectId: string): Promise<PrivacyRequestView[]> {
    const rows = await privacyRequestsAbout(manager, structureId, subjectId);
    return rows.map(requestView);
  }

  private async userNames(manager: EntityManager, actor: Actor): Promise<Map<string, string>> {
    return userNamesOf(manager, actor.structureId);
  }

  private async companyNames(manager: EntityManager, structureId: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    return companyNamesOf(manager, structureId, ids);
  }

  private async structureOf(manager: EntityManager, structureId: string): Promise<{ id: string; name: string }> {
    return structureNameOf(manager, structureId);
  }
}

function requestView(row: RequestRow): PrivacyRequestView {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectName: row.subject_name,
    kind: row.kind,
    reason: row.reason,
    actor: person(row.actor_id, row.actor_name),
    createdAt: row.created_at,
  };
}

function checkInExport(row: CheckIn): CheckInExport {
  return {
    id: row.id,
    party: row.party,
    partyLabel: PARTY_LABELS[row.party] ?? row.party,
    step: row.step,
    stepLabel: stepLabel(row.step),
    dueAt: row.dueAt,
    status: row.status,
    recipient: row.party === 'employee' ? row.recipient : null,
    sentAt: row.sentAt,
    answeredAt: row.answeredAt,
    rating: row.rating,
    ratingLabel: row.rating ? (RATING_LABELS[row.rating] ?? null) : null,
    goingWell: row.goingWell,
    difficulties: row.difficulties,
    difficultyLabels: row.difficulties.map((difficulty) => DIFFICULTY_LABELS[difficulty as Difficulty] ?? difficulty),
    difficultyDetails: row.difficultyDetails,
    wantsCall: row.wantsCall,
  };
}
