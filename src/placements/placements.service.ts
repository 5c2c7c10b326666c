import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, Repository } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { AuditService, SensitiveRead } from '../audit/audit.service';
import { Candidate } from '../candidates/candidate.entity';
import { CheckInPlannerService, QueuedCheckIn } from '../checkins/check-in-planner.service';
import { lockAtVersion } from '../candidates/support';
import { assertActiveStaff } from '../users/staff';
import { BusinessDay } from '../common/calendar/business-day';
import { Page, PageQuery } from '../common/pagination';
import { FieldConflictException, FieldProblem, rejectNulls, ValidationFailedException } from '../common/validation';
import { Company } from '../companies/company.entity';
import { Contact } from '../contacts/contact.entity';
import { JobLead } from '../leads/job-lead.entity';
import { Proposal } from '../leads/proposal.entity';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { CreatePlacementDto, EndPlacementDto, PlacementFilterDto, StartPlacementDto, UpdatePlacementDto } from './dto/placement.dto';
import { PartyRef, PlacementView } from './dto/placement-view.dto';
import { contractsOverlap, kindOf, lastDayOf, PlacementSpan, placementTermProblems } from './placement-rules';
import { Placement } from './placement.entity';
import { PLACEMENT } from '../refusals/index';
import { because, ConflictRefusal } from '../refusals/refused';

/**
 * Placements: a contract or a PMSMP immersion in a company. planned → started → ended; a planned
 * placement that will not happen is cancelled (deleted), it never « ends ».
 */
@Injectable()
export class PlacementsService {
  private readonly placements: ScopedRepository<Placement>;
  private readonly candidates: ScopedRepository<Candidate>;
  private readonly companies: ScopedRepository<Company>;
  private readonly leads: ScopedRepository<JobLead>;
  private readonly proposals: ScopedRepository<Proposal>;

  constructor(
    @InjectRepository(Placement) placements: Repository<Placement>,
    @InjectRepository(Candidate) candidates: Repository<Candidate>,
    @InjectRepository(Company) companies: Repository<Company>,
    @InjectRepository(JobLead) leads: Repository<JobLead>,
    @InjectRepository(Proposal) proposals: Repository<Proposal>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDay: BusinessDay,
    private readonly checkIns: CheckInPlannerService,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
  ) {
    this.placements = new ScopedRepository(placements, 'placement');
    this.candidates = new ScopedRepository(candidates, 'candidate');
    this.companies = new ScopedRepository(companies, 'company');
    this.leads = new ScopedRepository(leads, 'lead');
    this.proposals = new ScopedRepository(proposals, 'proposal');
  }

  /**
   * An answer or page showing why placements broke off is a sensitive read of their people: one
   * event naming them (nothing when no rupture reason was shown). `path` is the route that answered.
   */
  async recordRuptureReasonsRead(actor: Actor, views: PlacementView[], read: SensitiveRead): Promise<void> {
    const people = views.filter((view) => view.ruptureReason).map((view) => view.candidateId);
    await this.audit.recordSensitiveRead(actor, people, read);
  }

  async get(actor: Actor, id: string): Promise<PlacementView> {
    const [view] = await this.views(actor, [await this.placements.get(actor, id)]);
    return view;
  }

  async list(actor: Actor, filter: PlacementFilterDto, page: PageQuery): Promise<Page<PlacementView>> {
    const where: Partial<Pick<Placement, 'status' | 'candidateId' | 'companyId'>> = {};
    if (filter.status) where.status = filter.status;
    if (filter.candidate) where.candidateId = filter.candidate;
    if (filter.company) where.companyId = filter.company;
    const [rows, total] = await this.placements.findAndCount(actor, {
      where,
      order: { startDate: 'DESC', createdAt: 'DESC', id: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
    return { items: await this.views(actor, rows), total, limit: page.limit, offset: page.offset };
  }

  async create(actor: Actor, input: CreatePlacementDto): Promise<PlacementView> {
    rejectNulls(input, ['kind']);
    const kind = input.kind ?? kindOf(input.contractType);
    const terms = {
      kind,
      contractType: input.contractType,
      startDate: input.startDate,
      plannedEndDate: input.plannedEndDate ?? null,
      trialEndDate: input.trialEndDate ?? null,
    };
    const problems = placementTermProblems(terms);
    const links = await this.checkLinks(this.dataSource.manager, actor, input.candidateId, input.companyId, input.leadId ?? null, input.proposalId ?? null, problems);
    await this.checkEmployerContact(this.dataSource.manager, actor, input.companyId, input.employerContactId ?? null, problems);
    if (problems.length) throw new ValidationFailedException(problems);
    await assertActiveStaff(this.dataSource, actor, { ownerId: input.ownerId });
    // The check-in plan is written with the placement; its jobs are queued when it starts.
    const { saved } = await this.dataSource.transaction(async (manager) => {
      await this.assertNoOverlappingContract(manager, actor, { ...terms, status: 'planned', endDate: null, candidateId: input.candidateId });
      const saved = await this.placements.withManager(manager).save(
        actor,
        this.placements.create(actor, {
          ...terms,
          candidateId: input.candidateId,
          companyId: input.companyId,
          leadId: links.leadId,
          proposalId: links.proposalId,
          employerContactId: input.employerContactId ?? null,
          jobTitle: input.jobTitle,
          hoursPerWeek: input.hoursPerWeek ?? null,
          // Whoever records the placement follows it unless they name someone: the funnel and the
          // outcomes attribute a placement to its owner, and an ownerless one counted for nobody.
          ownerId: input.ownerId ?? actor.userId,
          status: 'planned',
        }),
      );
      await this.audit.record(manager, actor, { entity: 'placement', entityId: saved.id, action: 'create', before: null, after: saved });
      await this.checkIns.plan(manager, saved);
      return { saved };
    });
    return this.get(actor, saved.id);
  }

  async update(actor: Actor, id: string, input: UpdatePlacementDto): Promise<PlacementView> {
    const { version, ...fields } = input;
    rejectNulls(fields, ['kind', 'contractType', 'jobTitle', 'startDate']);
    await assertActiveStaff(this.dataSource, actor, { ownerId: fields.ownerId });
    let replanned: QueuedCheckIn[] = [];
    await this.dataSource.transaction(async (manager) => {
      const placements = this.placements.withManager(manager);
      const placement = await lockAtVersion(placements, actor, id, version, 'placement');
      if (placement.status === 'ended') {
        throw new ConflictRefusal(because(PLACEMENT.endedNoEdit, { placementId: id }), `status: placement ${id} has ended and can no longer be edited`, 'status');
      }
      const merged = { ...placement, ...fields } as Placement;
      // A new contract type brings its own kind unless one is given.
      if (fields.contractType && !fields.kind) merged.kind = kindOf(fields.contractType);
      const problems = placementTermProblems(merged);
      const links = await this.checkLinks(manager, actor, placement.candidateId, placement.companyId, merged.leadId, merged.proposalId, problems);
      if (fields.employerContactId !== undefined) {
        await this.checkEmployerContact(manager, actor, placement.companyId, fields.employerContactId, problems);
      }
      if (problems.length) throw new ValidationFailedException(problems);
      const datesMoved =
        merged.startDate !== placement.startDate || merged.plannedEndDate !== placement.plannedEndDate || merged.kind !== placement.kind;
      if (datesMoved) await this.assertNoOverlappingContract(manager, actor, { ...merged, id });
      const before = { ...placement };
      Object.assign(placement, fields, { kind: merged.kind, leadId: links.leadId, version: placement.version + 1 });
      await placements.save(actor, placement);
      await this.audit.record(manager, actor, { entity: 'placement', entityId: id, action: 'update', before, after: placement });
      // New dates move the planned check-ins (same rows) and their delayed jobs.
      if (datesMoved) replanned = await this.checkIns.plan(manager, placement);
    });
    await this.checkIns.enqueue(replanned, { replace: true });
    return this.get(actor, id);
  }

  /**
   * The placement starts: the person is now in placement, and a contract filling a job lead marks
   * the lead filled (a PMSMP only tries the job, the lead stays open).
   */
  async start(actor: Actor, id: string, input: StartPlacementDto): Promise<PlacementView> {
    const planned = await this.dataSource.transaction(async (manager) => {
      const placements = this.placements.withManager(manager);
      const placement = await lockAtVersion(placements, actor, id, input.version, 'placement');
      if (placement.status !== 'planned') {
        throw new ConflictRefusal(
          because(PLACEMENT.alreadyUnderway, { placementId: id, status: placement.status }),
          `status: placement ${id} is already ${placement.status}`,
          'status',
        );
      }
      const candidates = this.candidates.withManager(manager);
      const candidate = await lockAtVersion(candidates, actor, placement.candidateId, undefined, 'candidate');
      if (candidate.status === 'exited') {
        throw new ConflictRefusal(
          because(PLACEMENT.candidateExited, { candidateId: candidate.id }),
          `candidateId: ${candidate.firstName} ${candidate.lastName} has exited the insertion path`,
          'candidateId',
        );
      }
      if (candidate.status !== 'in_placement') {
        const before = { ...candidate };
        Object.assign(candidate, { status: 'in_placement', version: candidate.version + 1 });
        await candidates.save(actor, candidate);
        await this.audit.record(manager, actor, { entity: 'candidate', entityId: candidate.id, action: 'update', before, after: candidate });
      }
      if (placement.kind === 'contract' && placement.leadId) {
        const leads = this.leads.withManager(manager);
        const lead = await lockAtVersion(leads, actor, placement.leadId, undefined, 'job lead');
        if (lead.status !== 'filled') {
          Object.assign(lead, { status: 'filled', version: lead.version + 1 });
          await leads.save(actor, lead);
        }
      }
      const before = { ...placement };
      Object.assign(placement, { status: 'started', version: placement.version + 1 });
      await placements.save(actor, placement);
      await this.audit.record(manager, actor, { entity: 'placement', entityId: id, action: 'start', before, after: placement });
      return this.checkIns.plan(manager, placement);
    });
    // A job that ran while the placement was still planned may linger as completed: replace it.
    await this.checkIns.enqueue(planned, { replace: true });
    return this.get(actor, id);
  }

  /**
   * The placement ends, normally or early (a rupture, with its reason and who ended it). The person
   * goes back on their path unless another placement is under way; marking them exited is a
   * separate, explicit step (POST /api/candidates/:id/exit).
   */
  async end(actor: Actor, id: string, input: EndPlacementDto): Promise<PlacementView> {
    const alertMails = await this.dataSource.transaction(async (manager) => {
      const placements = this.placements.withManager(manager);
      const placement = await lockAtVersion(placements, actor, id, input.version, 'placement');
      if (placement.status === 'planned') {
        throw new ConflictRefusal(
          because(PLACEMENT.neverStarted, { placementId: id }),
          `status: placement ${id} never started; cancel it (DELETE) instead of ending it`,
          'status',
        );
      }
      if (placement.status === 'ended') {
        throw new ConflictRefusal(
          because(PLACEMENT.alreadyEnded, { placementId: id, endDate: placement.endDate }),
          `status: placement ${id} has already ended on ${placement.endDate}`,
          'status',
        );
      }
      const problems: FieldProblem[] = [];
      if (input.endDate < placement.startDate) {
        problems.push({
          field: 'endDate',
          message: `endDate must not be before the start date (${placement.startDate})`,
          ...because(PLACEMENT.endBeforeStart, { field: 'endDate', start: placement.startDate }),
        });
      } else if (input.endDate > this.businessDay.today()) {
        problems.push({ field: 'endDate', message: 'endDate must not be in the future: end the placement once it has ended', ...because(PLACEMENT.endInFuture, { field: 'endDate' }) });
      }
      if (input.endKind === 'early') {
        if (!input.ruptureReason) problems.push({ field: 'ruptureReason', message: 'ruptureReason is required for an early end', ...because(PLACEMENT.ruptureReasonRequired, { field: 'ruptureReason' }) });
        if (!input.endedBy) problems.push({ field: 'endedBy', message: 'endedBy is required for an early end', ...because(PLACEMENT.endedByRequired, { field: 'endedBy' }) });
      } else {
        if (input.ruptureReason) problems.push({ field: 'ruptureReason', message: 'ruptureReason is only for an early end', ...because(PLACEMENT.ruptureReasonOnlyEarly, { field: 'ruptureReason' }) });
        if (input.endedBy) problems.push({ field: 'endedBy', message: 'endedBy is only for an early end', ...because(PLACEMENT.endedByOnlyEarly, { field: 'endedBy' }) });
      }
      if (problems.length) throw new ValidationFailedException(problems);
      const before = { ...placement };
      Object.assign(placement, {
        status: 'ended',
        endDate: input.endDate,
        endKind: input.endKind,
        ruptureReason: input.ruptureReason ?? null,
        endedBy: input.endedBy ?? null,
        version: placement.version + 1,
      });
      await placements.save(actor, placement);
      await this.audit.record(manager, actor, { entity: 'placement', entityId: id, action: 'end', before, after: placement });
      const mails = await this.checkIns.closePlan(manager, placement);
      await this.backOnPath(manager, actor, placement);
      return mails;
    });
    await this.alerts.dispatch(alertMails);
    return this.get(actor, id);
  }

  /**
   * A planned placement that will not happen is removed; one that started must end instead. Its
   * check-ins go with it (ON DELETE CASCADE): a job still queued finds no row and sends nothing.
   */
  async cancel(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const placement = await lockAtVersion(this.placements.withManager(manager), actor, id, undefined, 'placement');
      if (placement.status !== 'planned') {
        throw new ConflictRefusal(
          because(PLACEMENT.onlyPlannedCancelled, { placementId: id, status: placement.status }),
          `status: placement ${id} is ${placement.status}; only a planned placement can be cancelled`,
          'status',
        );
      }
      await manager.getRepository(Placement).delete({ id: placement.id, structureId: actor.structureId });
      await this.audit.record(manager, actor, { entity: 'placement', entityId: id, action: 'cancel', before: placement, after: null });
    });
  }

  /**
   * A person holds one contract at a time: a contract whose days meet another contract of the same
   * person answers 409 naming startDate and the other placement. The person's row is locked first,
   * so that two saves at once for the same person are checked one after the other, each seeing the
   * other's contract (placement rows, when locked too, are always locked before it).
   */
  private async assertNoOverlappingContract(
    manager: EntityManager,
    actor: Actor,
    placement: PlacementSpan & { id?: string; candidateId: string },
  ): Promise<void> {
    if (placement.kind !== 'contract') return;
    await lockAtVersion(this.candidates.withManager(manager), actor, placement.candidateId, undefined, 'candidate');
    const others = await this.placements.withManager(manager).find(actor, {
      where: { candidateId: placement.candidateId, kind: 'contract', ...(placement.id ? { id: Not(placement.id) } : {}) },
      order: { startDate: 'ASC' },
    });
    const other = others.find((existing) => contractsOverlap(placement, existing));
    if (!other) return;
    const last = lastDayOf(other);
    const until = last ?? 'no end';
    throw new FieldConflictException([
      {
        field: 'startDate',
        message: `startDate: these dates overlap contract placement ${other.id} of the same person (${other.startDate} to ${until}); a person holds one contract at a time`,
        ...because(PLACEMENT.contractOverlap, { field: 'startDate', otherId: other.id, from: other.startDate, until: last ?? 'none' }),
      },
    ]);
  }

  private async backOnPath(manager: EntityManager, actor: Actor, ended: Placement): Promise<void> {
    const candidates = this.candidates.withManager(manager);
    const candidate = await lockAtVersion(candidates, actor, ended.candidateId, undefined, 'candidate');
    if (candidate.status !== 'in_placement') return;
    const ongoing = await this.placements
      .withManager(manager)
      .findOne(actor, { candidateId: ended.candidateId, status: 'started', id: Not(ended.id) });
    if (ongoing) return;
    const before = { ...candidate };
    Object.assign(candidate, { status: 'on_path', version: candidate.version + 1 });
    await candidates.save(actor, candidate);
    await this.audit.record(manager, actor, { entity: 'candidate', entityId: candidate.id, action: 'update', before, after: candidate });
  }

  /**
   * Candidate and company must be the structure's; a lead must be the structure's and that
   * company's; a proposal must be of that candidate (and lead, which it gives when none is).
   */
  private async checkLinks(
    manager: EntityManager,
    actor: Actor,
    candidateId: string,
    companyId: string,
    leadId: string | null,
    proposalId: string | null,
    problems: FieldProblem[],
  ): Promise<{ leadId: string | null; proposalId: string | null }> {
    if (!(await this.candidates.withManager(manager).findOne(actor, { id: candidateId }))) {
      problems.push({ field: 'candidateId', message: 'candidateId must be a candidate of your structure', ...because(PLACEMENT.candidateNotOurs, { field: 'candidateId' }) });
    }
    if (!(await this.companies.withManager(manager).findOne(actor, { id: companyId }))) {
      problems.push({ field: 'companyId', message: 'companyId must be a company of your structure', ...because(PLACEMENT.companyNotOurs, { field: 'companyId' }) });
    }
    let lead = leadId;
    if (proposalId) {
      const proposal = await this.proposals.withManager(manager).findOne(actor, { id: proposalId });
      if (!proposal) problems.push({ field: 'proposalId', message: 'proposalId must be a proposal of your structure', ...because(PLACEMENT.proposalNotOurs, { field: 'proposalId' }) });
      else if (proposal.candidateId !== candidateId) {
        problems.push({ field: 'proposalId', message: 'proposalId must be a proposal of this candidate', ...because(PLACEMENT.proposalOfAnotherCandidate, { field: 'proposalId' }) });
      } else if (lead && proposal.leadId !== lead) {
        problems.push({ field: 'proposalId', message: 'proposalId must be a proposal to this lead', ...because(PLACEMENT.proposalToAnotherLead, { field: 'proposalId' }) });
      } else lead = proposal.leadId;
    }
    if (lead) {
      const found = await this.leads.withManager(manager).findOne(actor, { id: lead });
      if (!found) problems.push({ field: 'leadId', message: 'leadId must be a job lead of your structure', ...because(PLACEMENT.leadNotOurs, { field: 'leadId' }) });
      else if (found.companyId !== companyId) problems.push({ field: 'leadId', message: 'leadId must be a job lead of this company', ...because(PLACEMENT.leadOfAnotherCompany, { field: 'leadId' }) });
    }
    return { leadId: lead, proposalId };
  }

  private async views(actor: Actor, rows: Placement[]): Promise<PlacementView[]> {
    const candidateIds = [...new Set(rows.map((row) => row.candidateId))];
    const companyIds = [...new Set(rows.map((row) => row.companyId))];
    const [candidates, companies] = await Promise.all([
      candidateIds.length ? this.candidates.find(actor, { where: { id: In(candidateIds) } }) : [],
      companyIds.length ? this.companies.find(actor, { where: { id: In(companyIds) } }) : [],
    ]);
    const candidateRefs = new Map<string, PartyRef>(candidates.map((c) => [c.id, { id: c.id, name: `${c.firstName} ${c.lastName}` }]));
    const companyRefs = new Map<string, PartyRef>(companies.map((c) => [c.id, { id: c.id, name: c.name }]));
    return rows.map((row) => PlacementView.of(row, candidateRefs.get(row.candidateId) ?? null, companyRefs.get(row.companyId) ?? null));
  }

  /** The employer-side check-ins go to this contact: it must work at the placement's company. */
  private async checkEmployerContact(manager: EntityManager, actor: Actor, companyId: string, contactId: string | null, problems: FieldProblem[]) {
    if (!contactId) return;
    const contact = await manager.getRepository(Contact).findOne({ where: { id: contactId, structureId: actor.structureId } });
    if (!contact || contact.companyId !== companyId) {
      problems.push({ field: 'employerContactId', message: 'employerContactId must be a contact of this company', ...because(PLACEMENT.employerContactOfAnotherCompany, { field: 'employerContactId' }) });
    }
  }
}
