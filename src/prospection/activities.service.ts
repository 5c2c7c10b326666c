import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessDay, calendarDayIn } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination';
import { FieldProblem, ValidationFailedException } from '../common/validation';
import { CompaniesService } from '../companies/companies.service';
import { Company } from '../companies/company.entity';
import { Contact } from '../contacts/contact.entity';
import { MeetingInvitations } from '../meetings/meeting-invitations.service';
import { nextContactOf } from '../meetings/meeting-plan';
import { PitchScriptsService } from '../pitches/pitch-scripts.service';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { Activity } from './activity.entity';
import { candidateAnonymisedAt, candidatesAtCompany, stageKind, timelinePage } from './activities.queries';
import { cadenceTrigger } from './cadence';
import { CadenceService } from './cadence.service';
import { LogActivityDto, TimelineEntry, TimelineQuery } from './dto/activity.dto';
import { StageChangesService } from './stage-changes.service';
import { ContactPressureService, PressureWarning } from './contact-pressure.service';
import { because } from '../refusals/refused';
import { PROSPECTION } from '../refusals/index';

/** Activities can be logged a little ahead (clock drift, a meeting ending now), not days ahead. */
const FUTURE_TOLERANCE_MS = 60 * 60 * 1000;
/** Older history may be typed in from spreadsheets, but a date before this one is a typing mistake. */
const EARLIEST_ACTIVITY = new Date('2000-01-01T00:00:00Z');

export interface LoggedActivity {
  activity: Activity;
  company: Company;
  /** What the write went ahead despite (the monthly contact cap reached). */
  warnings: PressureWarning[];
}

/** Logging what happened with a company, and its timeline. */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly stageChanges: StageChangesService,
    private readonly cadence: CadenceService,
    private readonly scripts: PitchScriptsService,
    private readonly clock: Clock,
    private readonly businessDay: BusinessDay,
    private readonly meetings: MeetingInvitations,
    private readonly pressure: ContactPressureService,
  ) {}

  /**
   * Logs an activity and, in the same transaction, the stage move it brings (if any) and the
   * next action: the one given, or else the one the structure's cadence proposes. A call that
   * booked a meeting with a contact makes that contact the meeting's, unless the next action names
   * one; the meeting's calendar invitation is e-mailed once the transaction commits.
   */
  async log(actor: Actor, companyId: string, input: LogActivityDto): Promise<LoggedActivity> {
    const { sent, ...logged } = await this.record(actor, companyId, input);
    await this.meetings.dispatch(sent);
    return logged;
  }

  private async record(actor: Actor, companyId: string, input: LogActivityDto): Promise<LoggedActivity & { sent: OutboxMessage[] }> {
    const now = this.clock.now();
    const occurredAt = input.occurredAt ?? now;
    const problems: FieldProblem[] = [];
    if (input.outcome && input.type !== 'call' && input.type !== 'meeting') {
      problems.push({ field: 'outcome', message: 'outcome is for calls and meetings only', ...because(PROSPECTION.outcomeForCallsAndMeetings) });
    }
    if (input.outcome === 'no_answer' && input.type !== 'call') {
      problems.push({ field: 'outcome', message: 'outcome no_answer is for calls only', ...because(PROSPECTION.noAnswerForCalls) });
    }
    if (input.outcome === 'refused' && !input.refusalReason) {
      problems.push({ field: 'refusalReason', message: 'refusalReason is required when the company refused', ...because(PROSPECTION.refusalReasonRequired) });
    }
    if (input.objections?.length && !input.scriptVersionId) {
      problems.push({ field: 'objections', message: 'objections come from a script: give scriptVersionId', ...because(PROSPECTION.objectionsNeedScript) });
    }
    if (occurredAt.getTime() < EARLIEST_ACTIVITY.getTime()) {
      problems.push({ field: 'occurredAt', message: 'occurredAt must be on or after 1 January 2000', ...because(PROSPECTION.occurredTooEarly) });
    }
    if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      problems.push({ field: 'occurredAt', message: 'occurredAt cannot be in the future; plan it as the next action', ...because(PROSPECTION.occurredInFuture) });
    }
    if (input.stageId && input.version === undefined) {
      problems.push({ field: 'version', message: 'version is required to move the stage', ...because(PROSPECTION.versionRequiredToMove) });
    }
    if (problems.length) throw new ValidationFailedException(problems);
    await this.companies.assertStaff(actor, { 'nextAction.ownerId': input.nextAction?.ownerId });

    return this.dataSource.transaction(async (manager) => {
      const companies = new ScopedRepository(manager.getRepository(Company), 'company');
      const before = await companies.get(actor, companyId);
      // A contact (or a contact booked as the next action) with an employer who asked for none is
      // refused before anything is written; one past its monthly cap goes ahead with a warning.
      const warnings = await this.pressure.check(manager, actor, before, input.type, occurredAt);
      const booked = input.nextAction ? await this.pressure.check(manager, actor, before, input.nextAction.type, now) : [];
      if (!warnings.length) warnings.push(...booked);
      if (input.contactId) {
        const contact = await new ScopedRepository(manager.getRepository(Contact), 'contact').findOne(actor, {
          id: input.contactId,
        });
        if (!contact || contact.companyId !== companyId) {
          throw new ValidationFailedException([
            { field: 'contactId', message: 'contactId must be a contact of this company', ...because(PROSPECTION.contactNotOfCompany) },
          ]);
        }
      }
      if (input.candidateId) {
        const candidate = await candidateAnonymisedAt(manager, actor.structureId, input.candidateId);
        if (!candidate || candidate.anonymised_at) {
          throw new ValidationFailedException([
            { field: 'candidateId', message: 'candidateId must be a candidate of the structure', ...because(PROSPECTION.candidateNotOfStructure) },
          ]);
        }
      }
      const objections = [...new Set(input.objections ?? [])];
      if (input.scriptVersionId) {
        const version = await this.scripts.versionById(actor, input.scriptVersionId, manager).catch((error: unknown) => {
          // A version of another structure, or none: the activity form says so in its own words.
          if (!(error instanceof ValidationFailedException)) throw error;
          throw new ValidationFailedException(error.problems.map((problem) => ({ ...problem, ...because(PROSPECTION.scriptVersionInvalid, { field: problem.field }) })));
        });
        const known = new Set(version.sections.objections.map((objection) => objection.key));
        const unknown = objections.filter((key) => !known.has(key));
        if (unknown.length) {
          throw new ValidationFailedException([
            {
              field: 'objections',
              message: `objections ${unknown.join(', ')} are not in version ${version.number} of "${version.title}"`,
              ...because(PROSPECTION.objectionsUnknown, { objections: unknown.join(', '), version: version.number, script: version.title }),
            },
          ]);
        }
      }
      const activities = new ScopedRepository(manager.getRepository(Activity), 'activity');
      const activity = await activities.save(
        actor,
        activities.create(actor, {
          companyId,
          contactId: input.contactId ?? null,
          candidateId: input.candidateId ?? null,
          type: input.type,
          outcome: input.outcome ?? null,
          occurredAt,
          authorId: actor.userId,
          text: input.text ?? null,
          scriptVersionId: input.scriptVersionId ?? null,
          objections,
          refusalReason: input.refusalReason ?? null,
        }),
      );
      if (input.stageId) {
        await this.stageChanges.move(
          actor,
          companyId,
          { stageId: input.stageId, version: input.version! },
          { manager, activityId: activity.id, occurredAt },
        );
      }
      await this.pressure.afterActivity(manager, actor, await companies.get(actor, companyId), activity);
      let company = await companies.get(actor, companyId);
      const next = input.nextAction ?? (await this.proposal(actor, company, input, manager));
      let sent: OutboxMessage[] = [];
      if (next) {
        await this.companies.assertNextContact(manager, actor, companyId, next.contactId, 'nextAction.contactId');
        const bookedWith = input.outcome === 'meeting_booked' && next.type === 'meeting' && input.contactId ? input.contactId : undefined;
        sent = await this.companies.saveVersioned(manager, actor, company, {
          nextActionType: next.type,
          nextActionDue: next.dueOn,
          nextActionOwnerId: next.ownerId ?? company.nextActionOwnerId ?? company.ownerId ?? actor.userId,
          nextActionNote: next.note ?? null,
          nextActionTime: next.time ?? null,
          nextActionContactId: nextContactOf(company, next.type, next.contactId === undefined ? bookedWith : next.contactId),
        });
        company = await companies.get(actor, companyId);
      }
      return { activity, company, sent, warnings };
    });
  }

  /**
   * The next action logging this activity would set when none is given (the cadence's proposal, or
   * none for a closed company or an activity no rule follows): what the call form shows before saving.
   */
  async proposeNext(actor: Actor, companyId: string, input: Pick<LogActivityDto, 'type' | 'outcome' | 'occurredAt'>) {
    const company = await new ScopedRepository(this.dataSource.getRepository(Company), 'company').get(actor, companyId);
    const proposed = await this.proposal(actor, company, input as LogActivityDto, this.dataSource.manager);
    return proposed ? { type: proposed.type, dueOn: proposed.dueOn } : null;
  }

  /** The cadence's proposal, unless the company is closed (a closed stage sets its own) or asked never to be contacted. */
  private async proposal(actor: Actor, company: Company, input: LogActivityDto, manager: DataSource['manager']) {
    // The employer asked never to be contacted: nothing to propose.
    if (company.noContact) return null;
    const kind = await stageKind(manager, company.stageId);
    if (kind !== 'open') return null;
    const trigger = cadenceTrigger(input.type, input.outcome);
    if (!trigger) return null;
    const from = [this.businessDay.today(), calendarDayIn(this.businessDay.timeZone, input.occurredAt ?? this.clock.now())]
      .sort()
      .pop()!;
    const proposed = await this.cadence.propose(actor, trigger, from, manager);
    return proposed ? { type: proposed.type, dueOn: proposed.dueOn, ownerId: undefined, contactId: undefined, note: null, time: null } : null;
  }

  /**
   * The candidates an activity at this company can be about: those proposed on its leads or placed
   * there (not anonymised), by name.
   */
  async candidatesAt(actor: Actor, companyId: string): Promise<Array<{ id: string; name: string }>> {
    return candidatesAtCompany(this.dataSource.manager, actor.structureId, companyId);
  }

  /** Activities and stage changes of a company, newest first. */
  async timeline(actor: Actor, companyId: string, query: TimelineQuery): Promise<Page<TimelineEntry>> {
    await this.companies.entity(actor, companyId);
    const kinds = query.type?.length ? query.type : null;
    const { total, rows } = await timelinePage(this.dataSource.manager, actor.structureId, companyId, kinds, query.limit, query.offset);
    const items = rows.map(
      (row): TimelineEntry => ({
        id: row.id as string,
        kind: row.kind as TimelineEntry['kind'],
        occurredAt: row.occurred_at as Date,
        authorId: row.author_id as string | null,
        authorName: row.author_name as string | null,
        contactId: row.contact_id as string | null,
        contactName: (row.contact_id ? row.contact_name : null) as string | null,
        candidateId: row.candidate_id as string | null,
        candidateName: row.candidate_name as string | null,
        outcome: row.outcome as TimelineEntry['outcome'],
        text: row.encounter_kind ? null : (row.text as string | null),
        fromStage: row.from_stage as string | null,
        toStage: row.to_stage as string | null,
        script: row.script_id
          ? { id: row.script_id as string, title: row.script_title as string, number: row.script_number as number }
          : null,
        objections: (row.objection_texts as string[] | null) ?? [],
        refusalReason: row.refusal_reason as string | null,
        encounter: row.encounter_kind ? { id: row.id, kind: row.encounter_kind, title: row.text as string } : null,
      }),
    );
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
