import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { BusinessDay } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { Page, PageQuery } from '../common/pagination';
import { FieldProblem, rejectNulls, ValidationFailedException } from '../common/validation';
import { LEAD } from '../refusals/index';
import { because, ConflictRefusal, UnprocessableRefusal } from '../refusals/refused';
import { CompaniesService } from '../companies/companies.service';
import { Company } from '../companies/company.entity';
import { Contact } from '../contacts/contact.entity';
import { Activity } from '../prospection/activity.entity';
import { addCalendarDays } from '../common/calendar/working-days';
import { Structure } from '../structures/structure.entity';
import { Actor } from '../tenancy/actor';
import { assertVersion, staleVersion, updateAtVersion } from '../tenancy/optimistic-version';
import { ScopedRepository } from '../tenancy/scoped-repository';
import {
  CreateLeadDto,
  LeadFilterDto,
  LeadSettingsDto,
  LeadStatusDto,
  UpdateLeadDto,
} from './dto/lead.dto';
import { JobLead, LEAD_STATUS_LABELS } from './job-lead.entity';
import { canMoveLead, LEAD_TRANSITIONS, leadTiming } from './lead-rules';
import { leadView, LeadView } from './lead-view';
import { leadPage } from './leads.queries';

export function staleLead(lead: Pick<JobLead, 'jobTitle' | 'version'>): ConflictRefusal {
  return staleVersion(because(LEAD.staleVersion, { version: lead.version }), `lead "${lead.jobTitle}"`, lead.version);
}

/** Applies the changes and bumps the version, only if the lead is still at `version`; else 409. */
export function updateLeadAtVersion(
  manager: EntityManager,
  actor: Actor,
  lead: Pick<JobLead, 'id'>,
  version: number,
  changes: Partial<JobLead>,
): Promise<void> {
  return updateAtVersion(manager, JobLead, actor.structureId, lead.id, version, changes, staleLead);
}

@Injectable()
export class LeadsService {
  private readonly leads: ScopedRepository<JobLead>;

  constructor(
    @InjectRepository(JobLead) repository: Repository<JobLead>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly clock: Clock,
    private readonly businessDay: BusinessDay,
  ) {
    this.leads = new ScopedRepository(repository, 'lead');
  }

  /** The lead itself (404 for another structure's), for the matching and proposal services. */
  entity(actor: Actor, id: string, manager?: EntityManager): Promise<JobLead> {
    return (manager ? this.leads.withManager(manager) : this.leads).get(actor, id);
  }

  async create(actor: Actor, input: CreateLeadDto): Promise<LeadView> {
    const company = await this.companies.entity(actor, input.companyId);
    await this.assertBelongsToCompany(actor, company.id, input);
    await this.companies.assertStaff(actor, { ownerId: input.ownerId });
    const lead = await this.leads.save(
      actor,
      this.leads.create(actor, {
        ...input,
        contactId: input.contactId ?? null,
        sourceActivityId: input.sourceActivityId ?? null,
        romeCode: input.romeCode ?? null,
        hoursPerWeek: input.hoursPerWeek ?? null,
        shiftPattern: input.shiftPattern ?? 'day',
        startDate: input.startDate ?? null,
        workCommune: input.workCommune === undefined ? company.commune : input.workCommune,
        requiresLicence: input.requiresLicence ?? false,
        requiresVehicle: input.requiresVehicle ?? false,
        requirements: input.requirements ?? [],
        adaptations: input.adaptations ?? [],
        hiddenMarket: input.hiddenMarket ?? true,
        status: 'spotted',
        spottedAt: this.clock.now(),
        firstProposedAt: null,
        ownerId: input.ownerId === undefined ? actor.userId : input.ownerId,
      }),
    );
    return this.get(actor, lead.id);
  }

  async get(actor: Actor, id: string): Promise<LeadView> {
    const [view] = await this.views(actor, [await this.leads.get(actor, id)]);
    return view;
  }

  async list(actor: Actor, filter: LeadFilterDto, page: PageQuery): Promise<Page<LeadView>> {
    const overdue =
      filter.overdue === true
        ? // Overdue: open, nothing proposed, and spotted more than the target days ago (calendar days, Paris).
          { cutoff: addCalendarDays(this.businessDay.today(), -(await this.targetDays(actor))), timeZone: this.businessDay.timeZone }
        : null;
    const [leads, total] = await leadPage(this.leads, actor, filter, overdue, page);
    return { items: await this.views(actor, leads), total, limit: page.limit, offset: page.offset };
  }

  async listForCompany(actor: Actor, companyId: string, page: PageQuery): Promise<Page<LeadView>> {
    await this.companies.entity(actor, companyId);
    return this.list(actor, { companyId }, page);
  }

  async update(actor: Actor, id: string, input: UpdateLeadDto): Promise<LeadView> {
    const { version, ...fields } = input;
    rejectNulls(fields, ['jobTitle', 'contractType', 'shiftPattern', 'requiresLicence', 'requiresVehicle', 'requirements', 'adaptations', 'hiddenMarket']);
    const lead = await this.leads.get(actor, id);
    await this.assertBelongsToCompany(actor, lead.companyId, fields);
    await this.companies.assertStaff(actor, { ownerId: fields.ownerId });
    if (lead.status === 'qualified') this.assertJobSheet({ ...lead, ...fields });
    await this.dataSource.transaction((manager) => updateLeadAtVersion(manager, actor, lead, version, fields as Partial<JobLead>));
    return this.get(actor, id);
  }

  /** Manual status changes, following LEAD_TRANSITIONS (documented there). */
  async setStatus(actor: Actor, id: string, input: LeadStatusDto): Promise<LeadView> {
    const lead = await this.leads.get(actor, id);
    assertVersion(lead.version, input.version, () => staleLead(lead));
    if (input.status === lead.status) return this.get(actor, id);
    if (!canMoveLead(lead.status, input.status)) {
      const allowed = LEAD_TRANSITIONS[lead.status].map((status) => LEAD_STATUS_LABELS[status]).join(', ') || 'aucun';
      const [from, to] = [LEAD_STATUS_LABELS[lead.status], LEAD_STATUS_LABELS[input.status]];
      throw new UnprocessableRefusal(
        because(LEAD.transitionRefused, { from, to, allowed }),
        `status: a lead "${from}" cannot become "${to}" (allowed: ${allowed})`,
        'status',
      );
    }
    const changes: Partial<JobLead> = { status: input.status };
    if (input.status === 'abandoned') {
      if (!input.abandonReason) {
        throw new ValidationFailedException([
          {
            field: 'abandonReason',
            message: 'abandonReason is required to abandon a lead',
            ...because(LEAD.abandonReasonRequired, { field: 'abandonReason' }),
          },
        ]);
      }
      changes.abandonReason = input.abandonReason;
    } else {
      if (input.abandonReason) {
        throw new ValidationFailedException([
          {
            field: 'abandonReason',
            message: 'abandonReason is only for abandoning a lead',
            ...because(LEAD.abandonReasonOnlyToAbandon, { field: 'abandonReason' }),
          },
        ]);
      }
      changes.abandonReason = null;
    }
    if (input.status === 'qualified') this.assertJobSheet(lead);
    // Reopening a need nobody was proposed for restarts the proposal clock.
    if (lead.status === 'abandoned' && !lead.firstProposedAt) changes.spottedAt = this.clock.now();
    await this.dataSource.transaction((manager) => updateLeadAtVersion(manager, actor, lead, input.version, changes));
    return this.get(actor, id);
  }

  async settings(actor: Actor): Promise<LeadSettingsDto> {
    return { proposalTargetDays: await this.targetDays(actor) };
  }

  async updateSettings(actor: Actor, input: LeadSettingsDto): Promise<LeadSettingsDto> {
    await this.dataSource.getRepository(Structure).update({ id: actor.structureId }, { proposalTargetDays: input.proposalTargetDays });
    return this.settings(actor);
  }

  async targetDays(actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const structure = await manager.getRepository(Structure).findOneOrFail({
      where: { id: actor.structureId },
      select: { id: true, proposalTargetDays: true },
    });
    return structure.proposalTargetDays;
  }

  /** Views with company names and timing, in two queries whatever the number of leads. */
  async views(actor: Actor, leads: JobLead[]): Promise<LeadView[]> {
    if (!leads.length) return [];
    const target = await this.targetDays(actor);
    const today = this.businessDay.today();
    const companies = await this.dataSource.getRepository(Company).find({
      where: { id: In([...new Set(leads.map((lead) => lead.companyId))]), structureId: actor.structureId },
      select: { id: true, name: true },
    });
    const names = new Map(companies.map((company) => [company.id, company.name]));
    return leads.map((lead) =>
      leadView(lead, names.get(lead.companyId) ?? null, leadTiming(lead, target, today, this.businessDay.timeZone)),
    );
  }

  /** A job sheet is written: the lead names its ROME job and its hours. */
  private assertJobSheet(lead: { romeCode?: string | null; hoursPerWeek?: number | null }): void {
    const problems: FieldProblem[] = [];
    if (!lead.romeCode) {
      problems.push({
        field: 'romeCode',
        message: 'romeCode is required for a qualified lead (job sheet)',
        ...because(LEAD.romeCodeRequired, { field: 'romeCode' }),
      });
    }
    if (!lead.hoursPerWeek) {
      problems.push({
        field: 'hoursPerWeek',
        message: 'hoursPerWeek is required for a qualified lead (job sheet)',
        ...because(LEAD.hoursRequired, { field: 'hoursPerWeek' }),
      });
    }
    if (problems.length) throw new ValidationFailedException(problems);
  }

  private async assertBelongsToCompany(
    actor: Actor,
    companyId: string,
    input: { contactId?: string | null; sourceActivityId?: string | null },
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (input.contactId) {
      const contact = await new ScopedRepository(this.dataSource.getRepository(Contact), 'contact').findOne(actor, {
        id: input.contactId,
        companyId,
      });
      if (!contact) {
        problems.push({
          field: 'contactId',
          message: 'contactId must be a contact of the lead’s company',
          ...because(LEAD.contactOfAnotherCompany, { field: 'contactId' }),
        });
      }
    }
    if (input.sourceActivityId) {
      const activity = await new ScopedRepository(this.dataSource.getRepository(Activity), 'activity').findOne(actor, {
        id: input.sourceActivityId,
        companyId,
      });
      if (!activity) {
        problems.push({
          field: 'sourceActivityId',
          message: 'sourceActivityId must be an activity of the lead’s company',
          ...because(LEAD.sourceActivityOfAnotherCompany, { field: 'sourceActivityId' }),
        });
      }
    }
    if (problems.length) throw new ValidationFailedException(problems);
  }
}
