import {
  DeepPartial,
  EntityManager,
  FindManyOptions,
  FindOptionsWhere,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { RECORD, RECORD_KINDS, RecordKind } from '../refusals/record';
import { because, NotFoundRefusal } from '../refusals/refused';
import { Actor } from './actor';
import { StructureOwned } from './structure-owned.entity-base';

/**
 * The one way to reach structure-owned rows: every read is filtered by the actor's structure and
 * every write is stamped with it. A row of another structure is indistinguishable from a missing
 * one (404), so ids leak nothing.
 */
export class ScopedRepository<T extends StructureOwned> {
  constructor(
    private readonly repository: Repository<T>,
    private readonly kind: RecordKind,
  ) {}

  private scopeWhere(actor: Actor, where?: FindManyOptions<T>['where']): FindOptionsWhere<T>[] {
    const own = { structureId: actor.structureId } as FindOptionsWhere<T>;
    if (!where) return [own];
    const list = Array.isArray(where) ? where : [where];
    return list.map((clause) => ({ ...clause, ...own }));
  }

  /** The repository bound to a transaction's manager, keeping the same scoping. */
  withManager(manager: EntityManager): ScopedRepository<T> {
    return new ScopedRepository(manager.getRepository(this.repository.target), this.kind);
  }

  find(actor: Actor, options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.repository.find({ ...options, where: this.scopeWhere(actor, options.where) });
  }

  findAndCount(actor: Actor, options: FindManyOptions<T> = {}): Promise<[T[], number]> {
    return this.repository.findAndCount({
      ...options,
      where: this.scopeWhere(actor, options.where),
    });
  }

  findOne(actor: Actor, where: FindOptionsWhere<T>): Promise<T | null> {
    return this.repository.findOne({ where: this.scopeWhere(actor, where) });
  }

  async get(actor: Actor, id: string): Promise<T> {
    const found = await this.findOne(actor, { id } as FindOptionsWhere<T>);
    if (!found) throw this.notFound(id);
    return found;
  }

  /** A query builder already restricted to the actor's structure, for reports and boards. */
  query(actor: Actor, alias: string): SelectQueryBuilder<T> {
    return this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.structure_id = :scopeStructureId`, { scopeStructureId: actor.structureId });
  }

  create(actor: Actor, values: DeepPartial<T>): T {
    return this.repository.create({ ...values, structureId: actor.structureId } as DeepPartial<T>);
  }

  save(actor: Actor, entity: T): Promise<T> {
    if (entity.structureId !== actor.structureId) {
      throw this.notFound(entity.id);
    }
    return this.repository.save(entity);
  }

  private notFound(id: string): NotFoundRefusal {
    return new NotFoundRefusal(because(RECORD.notFound, { record: this.kind }), `${RECORD_KINDS[this.kind]} ${id} not found`);
  }
}
