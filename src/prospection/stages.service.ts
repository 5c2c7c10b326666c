import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { rejectNulls } from '../common/validation';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { lockStructureRow } from '../structures/structure.queries';
import { companiesInStage, insertDefaultStages } from './stages.queries';
import { CreateStageDto, ReorderStagesDto, UpdateStageDto } from './dto/stage.dto';
import { PipelineStage } from './pipeline-stage.entity';
import { because, ConflictRefusal, UnprocessableRefusal } from '../refusals/refused';
import { PROSPECTION } from '../refusals/index';

/** The columns of each structure's board: seeded after SEVE on first use, then shaped by managers. */
@Injectable()
export class StagesService {
  private readonly stages: ScopedRepository<PipelineStage>;
  private readonly seeded = new Set<string>();

  constructor(
    @InjectRepository(PipelineStage) repository: Repository<PipelineStage>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.stages = new ScopedRepository(repository, 'stage');
  }

  /** Gives a structure the default SEVE stages if it has none yet. */
  async ensureDefaults(structureId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (this.seeded.has(structureId)) return;
    await insertDefaultStages(manager, structureId);
    // Inside a caller's transaction the rows may still be rolled back: only remember committed ones.
    if (manager === this.dataSource.manager) this.seeded.add(structureId);
  }

  async list(actor: Actor, includeArchived = false): Promise<PipelineStage[]> {
    await this.ensureDefaults(actor.structureId);
    return this.stages.find(actor, {
      where: includeArchived ? {} : { archivedAt: IsNull() },
      order: { position: 'ASC' },
    });
  }

  /** Inside a transaction, give its manager: the stage is read on the transaction's own connection. */
  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<PipelineStage> {
    await this.ensureDefaults(actor.structureId, manager);
    return this.stages.withManager(manager).get(actor, id);
  }

  /** The stage new companies start in: the first active open stage. */
  async entryStage(actor: Actor): Promise<PipelineStage> {
    const stages = await this.list(actor);
    const entry = stages.find((stage) => stage.kind === 'open');
    if (!entry) throw new UnprocessableRefusal(because(PROSPECTION.noOpenStage), 'The pipeline has no open stage');
    return entry;
  }

  async byKind(actor: Actor, kind: 'no_need' | 'refused'): Promise<PipelineStage | undefined> {
    return (await this.list(actor)).find((stage) => stage.kind === kind);
  }

  async create(actor: Actor, input: CreateStageDto): Promise<PipelineStage> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockPipeline(manager, actor.structureId);
      const stages = this.stages.withManager(manager);
      const active = await stages.find(actor, { where: { archivedAt: IsNull() }, order: { position: 'ASC' } });
      await this.assertNameFree(active, input.name);
      const lastOpen = active.filter((stage) => stage.kind === 'open').length;
      const at = Math.min(input.position ?? lastOpen, active.length);
      const order = [...active];
      const stage = stages.create(actor, {
        name: input.name,
        kind: 'open',
        stalledAfterDays: input.stalledAfterDays ?? null,
        position: at,
        key: null,
      });
      order.splice(at, 0, stage);
      await this.savePositions(manager, actor, order);
      return stage;
    });
  }

  async update(actor: Actor, id: string, input: UpdateStageDto): Promise<PipelineStage> {
    rejectNulls(input, ['name', 'archived']);
    return this.dataSource.transaction(async (manager) => {
      await this.lockPipeline(manager, actor.structureId);
      const stages = this.stages.withManager(manager);
      const stage = await stages.get(actor, id);
      if (input.name !== undefined && input.name.toLowerCase() !== stage.name.toLowerCase()) {
        const active = await stages.find(actor, { where: { archivedAt: IsNull() } });
        await this.assertNameFree(active, input.name);
      }
      if (input.archived === true && stage.archivedAt === null) {
        if (stage.kind !== 'open') {
          throw new UnprocessableRefusal(because(PROSPECTION.closedStageNotArchivable), 'archived: the closed stages cannot be archived', 'archived');
        }
        const companies = await companiesInStage(manager, actor.structureId, id);
        if (companies > 0) {
          throw new ConflictRefusal(
            because(PROSPECTION.stageNotEmpty, { stage: stage.name, count: companies }),
            `archived: stage "${stage.name}" still holds ${companies} companies; move them first`,
            'archived',
          );
        }
        const openLeft = await stages.find(actor, { where: { archivedAt: IsNull(), kind: 'open' } });
        if (openLeft.length <= 1) {
          throw new UnprocessableRefusal(because(PROSPECTION.lastOpenStage), 'archived: the pipeline needs one open stage', 'archived');
        }
        stage.archivedAt = this.clock.now();
      } else if (input.archived === false && stage.archivedAt !== null) {
        const active = await stages.find(actor, { where: { archivedAt: IsNull() }, order: { position: 'ASC' } });
        await this.assertNameFree(active, input.name ?? stage.name);
        stage.archivedAt = null;
        // Back after the last open stage, before the closed ones.
        active.splice(active.filter((other) => other.kind === 'open').length, 0, stage);
        await this.savePositions(manager, actor, active);
      }
      if (input.name !== undefined) stage.name = input.name;
      if (input.stalledAfterDays !== undefined) stage.stalledAfterDays = input.stalledAfterDays;
      return stages.save(actor, stage);
    });
  }

  async reorder(actor: Actor, input: ReorderStagesDto): Promise<PipelineStage[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockPipeline(manager, actor.structureId);
      const stages = this.stages.withManager(manager);
      const active = await stages.find(actor, { where: { archivedAt: IsNull() } });
      const byId = new Map(active.map((stage) => [stage.id, stage]));
      const unique = new Set(input.stageIds);
      if (unique.size !== input.stageIds.length || unique.size !== active.length || input.stageIds.some((id) => !byId.has(id))) {
        throw new UnprocessableRefusal(because(PROSPECTION.stageOrderStale), 'stageIds must list every active stage of the pipeline exactly once', 'stageIds');
      }
      const order = input.stageIds.map((id) => byId.get(id)!);
      await this.savePositions(manager, actor, order);
      return order;
    });
  }

  private async assertNameFree(active: PipelineStage[], name: string): Promise<void> {
    const clash = active.find((stage) => stage.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new ConflictRefusal(because(PROSPECTION.stageNameTaken, { name: clash.name }), `name: a stage called "${clash.name}" already exists`, 'name');
  }

  private async savePositions(manager: EntityManager, actor: Actor, order: PipelineStage[]): Promise<void> {
    const stages = this.stages.withManager(manager);
    for (const [position, stage] of order.entries()) {
      if (stage.id && stage.position === position) continue;
      stage.position = position;
      await stages.save(actor, stage);
    }
  }

  /** Serialises edits of one structure's pipeline so positions never interleave. */
  private async lockPipeline(manager: EntityManager, structureId: string): Promise<void> {
    await this.ensureDefaults(structureId, manager);
    await lockStructureRow(manager, structureId);
  }
}
