import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Candidate } from '../candidates/candidate.entity';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/validation';
import { LEAD } from '../refusals/index';
import { because, ConflictRefusal, UnprocessableRefusal } from '../refusals/refused';
import { Company } from '../companies/company.entity';
import { PipelineStage } from '../prospection/pipeline-stage.entity';
import { StageChangesService } from '../prospection/stage-changes.service';
import { StagesService } from '../prospection/stages.service';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { CreateProposalDto, ProposalOutcomeDto } from './dto/lead.dto';
import { JobLead, LeadStatus } from './job-lead.entity';
import { LeadsService, updateLeadAtVersion } from './leads.service';
import { firstProposalAt, lockLeadRow, stageMovesToUndo } from './proposals.queries';
import { MatchingService } from './matching.service';
import { Proposal, PROPOSAL_OUTCOME_LABELS, ProposalOutcome } from './proposal.entity';

export interface ProposalView {
  id: string;
  leadId: string;
  candidate: { id: string; firstName: string; lastName: string } | null;
  proposedAt: Date;
  proposedBy: string | null;
  outcome: ProposalOutcome;
  outcomeLabel: string;
  outcomeReason: string | null;
  outcomeAt: Date | null;
}

const FINAL_OUTCOMES: readonly ProposalOutcome[] = ['hired', 'declined_by_employer', 'declined_by_candidate', 'withdrawn'];
const BEFORE_PROPOSAL: readonly LeadStatus[] = ['spotted', 'qualified'];

/** Proposals (mises en relation): one candidate put forward for one lead, and what came of it. */
@Injectable()
export class ProposalsService {
  private readonly proposals: ScopedRepository<Proposal>;

  constructor(
    @InjectRepository(Proposal) repository: Repository<Proposal>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leads: LeadsService,
    private readonly matching: MatchingService,
    private readonly stages: StagesService,
    private readonly stageChanges: StageChangesService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.proposals = new ScopedRepository(repository, 'proposal');
  }

  async list(actor: Actor, leadId: string): Promise<ProposalView[]> {
    await this.leads.entity(actor, leadId);
    const proposals = await this.proposals.find(actor, { where: { leadId }, order: { proposedAt: 'ASC', createdAt: 'ASC', id: 'ASC' } });
    return this.views(actor, proposals);
  }

  /**
   * Proposes a candidate, all in one transaction: the proposal, the lead's first-proposal time and
   * status, and the company's stage (forward only, to « Candidat proposé »).
   */
  async propose(actor: Actor, leadId: string, input: CreateProposalDto): Promise<ProposalView & { conflicts: string[] }> {
    const stages = await this.stages.list(actor);
    const { proposal, conflicts } = await this.dataSource.transaction(async (manager) => {
      const lead = await this.lockLead(actor, leadId, manager);
      if (lead.status === 'filled' || lead.status === 'abandoned') {
        throw new UnprocessableRefusal(
          because(LEAD.closed, { leadId: lead.id, status: lead.status }),
          `status: lead "${lead.jobTitle}" is closed (${lead.status}); reopen it first`,
          'status',
        );
      }
      const result = await this.matching.score(actor, lead, input.candidateId, manager);
      const proposals = this.proposals.withManager(manager);
      if (await proposals.findOne(actor, { leadId, candidateId: input.candidateId, outcome: Not('withdrawn') })) {
        throw new ConflictRefusal(
          because(LEAD.alreadyProposed, { leadId, candidateId: input.candidateId }),
          'candidateId: this candidate was already proposed for this lead',
          'candidateId',
        );
      }
      if (result.conflicts.length && !input.force) {
        throw new UnprocessableRefusal(
          because(LEAD.hardConflicts, { leadId, candidateId: input.candidateId, conflicts: result.conflicts.length }),
          `candidateId: hard conflicts: ${result.conflicts.join('; ')}. Send force: true to propose anyway`,
          'candidateId',
        );
      }
      const now = this.clock.now();
      const saved = await proposals.save(
        actor,
        proposals.create(actor, {
          leadId,
          candidateId: input.candidateId,
          proposedAt: now,
          proposedBy: actor.userId,
          outcome: 'pending',
          outcomeReason: null,
          outcomeAt: null,
        }),
      );
      const changes: Partial<JobLead> = {};
      if (!lead.firstProposedAt) changes.firstProposedAt = now;
      if (BEFORE_PROPOSAL.includes(lead.status)) changes.status = 'candidate_proposed';
      if (Object.keys(changes).length) await updateLeadAtVersion(manager, actor, lead, lead.version, changes);
      await this.advanceCompany(actor, manager, lead.companyId, stages, 'candidate_proposed', `Candidat proposé : ${lead.jobTitle}`, saved.id);
      return { proposal: saved, conflicts: result.conflicts };
    });
    const [view] = await this.views(actor, [proposal]);
    return { ...view, conflicts };
  }

  /** interview / immersion → lead in interview; hired → lead filled and company to « Recrutement ». */
  async setOutcome(actor: Actor, id: string, input: ProposalOutcomeDto): Promise<ProposalView> {
    if (input.outcome.startsWith('declined') && !input.reason) {
      throw new ValidationFailedException([
        { field: 'reason', message: 'reason is required when a proposal is declined', ...because(LEAD.reasonRequired, { field: 'reason' }) },
      ]);
    }
    const stages = await this.stages.list(actor);
    const proposal = await this.dataSource.transaction(async (manager) => {
      const proposals = this.proposals.withManager(manager);
      const found = await proposals.get(actor, id);
      const lead = await this.lockLead(actor, found.leadId, manager);
      const current = await proposals.get(actor, id);
      if (FINAL_OUTCOMES.includes(current.outcome)) {
        throw new UnprocessableRefusal(
          because(LEAD.outcomeSettled, { proposalId: id, outcome: current.outcome }),
          `outcome: this proposal is already settled (${PROPOSAL_OUTCOME_LABELS[current.outcome]})`,
          'outcome',
        );
      }
      Object.assign(current, { outcome: input.outcome, outcomeReason: input.reason ?? null, outcomeAt: this.clock.now() });
      const saved = await proposals.save(actor, current);
      let status: LeadStatus | undefined;
      if ((input.outcome === 'interview' || input.outcome === 'immersion') && [...BEFORE_PROPOSAL, 'candidate_proposed'].includes(lead.status)) {
        status = 'interview';
      } else if (input.outcome === 'hired' && lead.status !== 'filled' && lead.status !== 'abandoned') {
        status = 'filled';
      }
      if (status) await updateLeadAtVersion(manager, actor, lead, lead.version, { status });
      if (input.outcome === 'hired') {
        await this.advanceCompany(actor, manager, lead.companyId, stages, 'recruitment', `Embauche : ${lead.jobTitle}`);
      }
      return saved;
    });
    const [view] = await this.views(actor, [proposal]);
    return view;
  }

  /**
   * Withdraws a proposal made by mistake, only while it is pending. It stays in the lead's history
   * but counts nowhere: the lead's first-proposal time comes from the proposals left (the proposal
   * target applies again when none is), a lead « candidate proposed » by it alone goes back to where
   * it was before, the funnel forgets it (a trigger), and the candidate may be proposed again.
   * The company's card goes back too when the proposal had moved it (see undoCompanyMove).
   */
  async withdraw(actor: Actor, id: string): Promise<ProposalView> {
    const proposal = await this.dataSource.transaction(async (manager) => {
      const proposals = this.proposals.withManager(manager);
      const found = await proposals.get(actor, id);
      const lead = await this.lockLead(actor, found.leadId, manager);
      const current = await proposals.get(actor, id);
      if (current.outcome !== 'pending') {
        const outcome = PROPOSAL_OUTCOME_LABELS[current.outcome];
        throw new ConflictRefusal(
          because(LEAD.withdrawNotPending, { proposalId: id, outcome }),
          `outcome: only a pending proposal can be withdrawn; this one is ${current.outcome}`,
          'outcome',
        );
      }
      const before = { ...current };
      Object.assign(current, { outcome: 'withdrawn', outcomeReason: null, outcomeAt: this.clock.now() });
      const saved = await proposals.save(actor, current);
      const first = await firstProposalAt(manager, actor.structureId, lead.id);
      const changes: Partial<JobLead> = {};
      if ((first?.getTime() ?? null) !== (lead.firstProposedAt?.getTime() ?? null)) changes.firstProposedAt = first;
      if (!first && lead.status === 'candidate_proposed') changes.status = lead.romeCode && lead.hoursPerWeek ? 'qualified' : 'spotted';
      if (Object.keys(changes).length) await updateLeadAtVersion(manager, actor, lead, lead.version, changes);
      await this.undoCompanyMove(actor, manager, id, lead.jobTitle);
      await this.audit.record(manager, actor, { entity: 'proposal', entityId: id, action: 'withdraw', before, after: saved });
      return saved;
    });
    const [view] = await this.views(actor, [proposal]);
    return view;
  }

  /** Serialises proposals on one lead, so two people proposing at once never both set the first time. */
  private async lockLead(actor: Actor, leadId: string, manager: EntityManager): Promise<JobLead> {
    await lockLeadRow(manager, actor.structureId, leadId);
    return this.leads.entity(actor, leadId, manager);
  }

  /** Moves the company forward to the stage `key`, only from an earlier open stage: never backwards. */
  private async advanceCompany(
    actor: Actor,
    manager: EntityManager,
    companyId: string,
    stages: PipelineStage[],
    key: string,
    reason: string,
    proposalId?: string,
  ): Promise<void> {
    const company = await new ScopedRepository(manager.getRepository(Company), 'company').get(actor, companyId);
    const current = stages.find((stage) => stage.id === company.stageId);
    const target = stages.find((stage) => stage.key === key && stage.kind === 'open');
    if (!current || !target || current.kind !== 'open' || current.position >= target.position) return;
    await this.stageChanges.move(actor, companyId, { stageId: target.id, version: company.version, reason }, { manager, proposalId });
  }

  /**
   * Undoes the stage move a withdrawn proposal made, when it is still the company's last move and no
   * other proposal is left on the company's leads: the card goes back to the stage it came from.
   */
  private async undoCompanyMove(actor: Actor, manager: EntityManager, proposalId: string, jobTitle: string): Promise<void> {
    const rows = await stageMovesToUndo(manager, actor.structureId, proposalId);
    for (const row of rows) {
      const reason = `Mise en relation retirée : ${jobTitle}`;
      await this.stageChanges.move(actor, row.companyId, { stageId: row.fromStageId, version: row.version, reason }, { manager });
    }
  }

  private async views(actor: Actor, proposals: Proposal[]): Promise<ProposalView[]> {
    const ids = [...new Set(proposals.map((proposal) => proposal.candidateId))];
    const candidates = ids.length
      ? await this.dataSource.getRepository(Candidate).find({
          where: { id: In(ids), structureId: actor.structureId },
          select: { id: true, firstName: true, lastName: true },
        })
      : [];
    const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
    return proposals.map((proposal) => {
      const candidate = byId.get(proposal.candidateId);
      return {
        id: proposal.id,
        leadId: proposal.leadId,
        candidate: candidate ? { id: candidate.id, firstName: candidate.firstName, lastName: candidate.lastName } : null,
        proposedAt: proposal.proposedAt,
        proposedBy: proposal.proposedBy,
        outcome: proposal.outcome,
        outcomeLabel: PROPOSAL_OUTCOME_LABELS[proposal.outcome],
        outcomeReason: proposal.outcomeReason,
        outcomeAt: proposal.outcomeAt,
      };
    });
  }
}
