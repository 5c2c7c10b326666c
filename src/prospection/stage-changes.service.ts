import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BusinessDay } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/validation';
import { staleCompany, updateCompanyAtVersion } from '../companies/company-query';
import { Company } from '../companies/company.entity';
import { Actor } from '../tenancy/actor';
import { assertVersion } from '../tenancy/optimistic-version';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { CadenceService } from './cadence.service';
import { MoveCompanyDto } from './dto/move.dto';
import { StageEvent } from './stage-event.entity';
import { StagesService } from './stages.service';
import { because, UnprocessableRefusal } from '../refusals/refused';
import { PROSPECTION } from '../refusals/index';

export interface MoveOptions {
  /** Run inside the caller's transaction (logging an activity moves the stage with it). */
  manager?: EntityManager;
  activityId?: string;
  /** The proposal that moved the company (to « Candidat proposé »): withdrawing it undoes the move. */
  proposalId?: string;
  occurredAt?: Date;
}

/**
 * Moves companies between stages. Every change appends a stage event; a move based on a stale
 * company version is refused, so two people dragging the same card never silently overwrite.
 */
@Injectable()
export class StageChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stages: StagesService,
    private readonly cadence: CadenceService,
    private readonly clock: Clock,
    private readonly businessDay: BusinessDay,
    private readonly audit: AuditService,
  ) {}

  async move(actor: Actor, companyId: string, input: MoveCompanyDto, options: MoveOptions = {}): Promise<Company> {
    if (!options.manager) {
      await this.stages.ensureDefaults(actor.structureId);
      return this.dataSource.transaction((manager) => this.move(actor, companyId, input, { ...options, manager }));
    }
    const manager = options.manager;
    const companies = new ScopedRepository(manager.getRepository(Company), 'company');
    const company = await companies.get(actor, companyId);
    const target = await this.stages.get(actor, input.stageId, manager);
    if (target.archivedAt) {
      throw new UnprocessableRefusal(because(PROSPECTION.stageArchived, { stage: target.name }), `stageId: stage "${target.name}" is archived`, 'stageId');
    }
    assertVersion(company.version, input.version, () => staleCompany(company));
    if (input.comeBackOn && input.comeBackOn < this.businessDay.today()) {
      throw new ValidationFailedException([{ field: 'comeBackOn', message: 'comeBackOn must be today or later', ...because(PROSPECTION.comeBackOnPast) }]);
    }
    if (company.stageId === target.id) return company;

    const now = options.occurredAt ?? this.clock.now();
    const changes: Partial<Company> = { stageId: target.id, stageEnteredAt: now, comeBackOn: null };
    if (target.kind === 'refused') {
      Object.assign(changes, { nextActionType: null, nextActionDue: null, nextActionNote: null, nextActionTime: null });
    } else if (target.kind === 'no_need') {
      const proposed = await this.cadence.propose(actor, 'stage:no_need', this.businessDay.today(), manager);
      const comeBackOn = input.comeBackOn ?? proposed?.dueOn ?? null;
      Object.assign(changes, {
        comeBackOn,
        nextActionType: comeBackOn ? (proposed?.type ?? 'call') : null,
        nextActionDue: comeBackOn,
        nextActionOwnerId: company.nextActionOwnerId ?? company.ownerId,
        nextActionNote: null,
        nextActionTime: null,
      });
    } else if (!company.nextActionDue) {
      // Every open company has a next action: reopening one (after a refusal) starts with a call.
      Object.assign(changes, {
        nextActionType: 'call',
        nextActionDue: this.businessDay.today(),
        nextActionTime: null,
        nextActionOwnerId: company.nextActionOwnerId ?? company.ownerId,
      });
    }
    await updateCompanyAtVersion(manager, actor.structureId, company, input.version, changes);

    const events = new ScopedRepository(manager.getRepository(StageEvent), 'stage_event');
    await events.save(
      actor,
      events.create(actor, {
        companyId: company.id,
        fromStageId: company.stageId,
        toStageId: target.id,
        actorId: actor.userId,
        activityId: options.activityId ?? null,
        proposalId: options.proposalId ?? null,
        reason: input.reason ?? null,
        occurredAt: now,
      }),
    );
    const moved = await companies.get(actor, companyId);
    await this.audit.record(manager, actor, { entity: 'company', entityId: companyId, action: 'stage', before: company, after: moved });
    return moved;
  }
}
