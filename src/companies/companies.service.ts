import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuditAction } from '../audit/audit-event.entity';
import { BusinessDay } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { Page, PageQuery } from '../common/pagination';
import { rejectNulls, ValidationFailedException } from '../common/validation';
import { Contact } from '../contacts/contact.entity';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { MeetingInvitations } from '../meetings/meeting-invitations.service';
import { nextContactOf } from '../meetings/meeting-plan';
import { COMPANY, PROSPECTION } from '../refusals/index';
import { because, ConflictRefusal, UnprocessableRefusal } from '../refusals/refused';
import { StageEvent } from '../prospection/stage-event.entity';
import { StagesService } from '../prospection/stages.service';
import { Actor } from '../tenancy/actor';
import { assertVersion } from '../tenancy/optimistic-version';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { assertActiveStaff } from '../users/staff';
import { applyCompanyFilter, staleCompany, updateCompanyAtVersion } from './company-query';
import { CompanyCard, cardQuery, fetchCards } from './company-card';
import { CompanySort, orderCompanies } from './company-sort';
import { normalizeCompanyName, normalizeSearchText } from './company-name';
import { Company } from './company.entity';
import { CompanyFilterDto, CreateCompanyDto, SetNextActionDto, UpdateCompanyDto } from './dto/company.dto';
import { CompanyView, CompanyWriteView, CreatedCompanyView, DuplicateRef } from './dto/company-view.dto';
import { ContactPressureService } from '../prospection/contact-pressure.service';
import { likelyDuplicatesOf } from './duplicates.queries';
import { nafLabel } from './naf';

const UNIQUE_VIOLATION = '23505';

/** Derived columns kept in step with what people type. */
export function derivedNames(name: string, commune: string | null | undefined) {
  return {
    searchName: normalizeSearchText(name),
    dedupName: normalizeCompanyName(name),
    searchCommune: commune ? normalizeSearchText(commune) : null,
  };
}

@Injectable()
export class CompaniesService {
  private readonly companies: ScopedRepository<Company>;

  constructor(
    @InjectRepository(Company) repository: Repository<Company>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stages: StagesService,
    private readonly clock: Clock,
    private readonly businessDay: BusinessDay,
    private readonly audit: AuditService,
    private readonly meetings: MeetingInvitations,
    private readonly pressure: ContactPressureService,
  ) {
    this.companies = new ScopedRepository(repository, 'company');
  }

  async create(actor: Actor, input: CreateCompanyDto): Promise<CreatedCompanyView> {
    const { nextAction, stageId, ...fields } = input;
    await this.assertStaff(actor, { ownerId: fields.ownerId, 'nextAction.ownerId': nextAction?.ownerId });
    // A company being created has no contact yet: its first next action cannot be with one.
    if (nextAction?.contactId) throw nextContactRefusal('nextAction.contactId');
    const entry = stageId ? await this.startStage(actor, stageId) : await this.stages.entryStage(actor);
    const now = this.clock.now();
    const ownerId = fields.ownerId ?? null;
    const company = await this.dataSource.transaction(async (manager) => {
      const companies = this.companies.withManager(manager);
      if (fields.siret) await this.assertSiretFree(manager, actor, fields.siret);
      const created = await this.saveUnique(() =>
        companies.save(
          actor,
          companies.create(actor, {
            ...fields,
            ...derivedNames(fields.name, fields.commune),
            sectorLabel: fields.sectorLabel ?? (fields.nafCode ? (nafLabel(fields.nafCode) ?? null) : null),
            source: fields.source ?? 'cold_prospection',
            ownerId,
            tags: fields.tags ?? [],
            stageId: entry.id,
            stageEnteredAt: now,
            nextActionType: nextAction?.type ?? 'call',
            nextActionDue: nextAction?.dueOn ?? this.businessDay.today(),
            nextActionOwnerId: nextAction?.ownerId ?? ownerId,
            nextActionNote: nextAction?.note ?? null,
            nextActionTime: nextAction?.time ?? null,
            createdBy: actor.userId,
          }),
        ),
      fields.siret);
      const events = new ScopedRepository(manager.getRepository(StageEvent), 'stage_event');
      await events.save(
        actor,
        events.create(actor, {
          companyId: created.id,
          fromStageId: null,
          toStageId: entry.id,
          actorId: actor.userId,
          activityId: null,
          reason: null,
          occurredAt: now,
        }),
      );
      const stored = await manager.getRepository(Company).findOneByOrFail({ id: created.id, structureId: actor.structureId });
      await this.audit.record(manager, actor, { entity: 'company', entityId: created.id, action: 'create', before: null, after: stored });
      return created;
    });
    const view = await this.get(actor, company.id);
    return { ...view, likelyDuplicates: await this.likelyDuplicates(actor, company.id) };
  }

  /** A stage asked for a new company: an active open one of the structure, else refused on `stageId`. */
  private async startStage(actor: Actor, stageId: string) {
    const stage = (await this.stages.list(actor)).find((candidate) => candidate.id === stageId && candidate.kind === 'open');
    if (!stage) throw new UnprocessableRefusal(because(PROSPECTION.stageInvalid, { field: 'stageId' }), 'stageId: not an active open stage', 'stageId');
    return stage;
  }

  async get(actor: Actor, id: string): Promise<CompanyView> {
    const company = await this.companies.get(actor, id);
    const today = this.businessDay.today();
    const [card] = await fetchCards(
      cardQuery(this.dataSource, actor.structureId, this.clock.now()).andWhere('c.id = :id', { id }),
      today,
    );
    const stage = await this.stages.get(actor, company.stageId);
    const view = CompanyView.of(company, card, stage.kind, today);
    if (view.nextAction) Object.assign(view.nextAction, await this.meetings.describe(this.dataSource.manager, company));
    return view;
  }

  /** The entity itself, for services that need its version or stage. */
  entity(actor: Actor, id: string): Promise<Company> {
    return this.companies.get(actor, id);
  }

  async list(actor: Actor, filter: CompanyFilterDto, page: PageQuery, sort: CompanySort = 'name'): Promise<Page<CompanyCard>> {
    const today = this.businessDay.today();
    const query = applyCompanyFilter(cardQuery(this.dataSource, actor.structureId, this.clock.now()), actor.structureId, filter, today);
    const total = await query.clone().getCount();
    const items = await fetchCards(orderCompanies(query, sort).offset(page.offset).limit(page.limit), today);
    return { items, total, limit: page.limit, offset: page.offset };
  }

  async update(actor: Actor, id: string, input: UpdateCompanyDto): Promise<CompanyView> {
    const { version, noContact, ...fields } = input;
    rejectNulls({ ...fields, noContact }, ['name', 'source', 'tags', 'noContact']);
    await this.assertStaff(actor, { ownerId: fields.ownerId });
    await this.dataSource.transaction(async (manager) => {
      const company = await this.companies.withManager(manager).get(actor, id);
      assertVersion(company.version, version, () => staleCompany(company));
      if (fields.siret && fields.siret !== company.siret) await this.assertSiretFree(manager, actor, fields.siret);
      const changes: Partial<Company> = { ...fields };
      if (noContact !== undefined && noContact !== company.noContact) Object.assign(changes, this.pressure.noContactChanges(actor, noContact));
      if (fields.name !== undefined || fields.commune !== undefined) {
        const commune = fields.commune === undefined ? company.commune : fields.commune;
        Object.assign(changes, derivedNames(fields.name ?? company.name, commune));
      }
      if (fields.nafCode && fields.sectorLabel === undefined && !company.sectorLabel) {
        changes.sectorLabel = nafLabel(fields.nafCode) ?? null;
      }
      await this.saveVersioned(manager, actor, company, changes);
    });
    return this.get(actor, id);
  }

  /**
   * Books the next action. A call, e-mail, meeting or visit is a contact: refused when the employer
   * asked never to be contacted, and answered with the monthly cap's warning when it is reached.
   */
  async setNextAction(actor: Actor, id: string, input: SetNextActionDto): Promise<CompanyWriteView> {
    await this.assertStaff(actor, { ownerId: input.ownerId });
    const { sent, warnings } = await this.dataSource.transaction(async (manager) => {
      const company = await this.companies.withManager(manager).get(actor, id);
      assertVersion(company.version, input.version, () => staleCompany(company));
      await this.assertNextContact(manager, actor, company.id, input.contactId, 'contactId');
      const warnings = await this.pressure.check(manager, actor, company, input.type, this.clock.now());
      const sent = await this.saveVersioned(manager, actor, company, {
        nextActionType: input.type,
        nextActionDue: input.dueOn,
        nextActionOwnerId: input.ownerId === undefined ? (company.nextActionOwnerId ?? company.ownerId) : input.ownerId,
        nextActionNote: input.note ?? null,
        nextActionTime: input.time ?? null,
        nextActionContactId: nextContactOf(company, input.type, input.contactId),
      });
      return { sent, warnings };
    });
    await this.meetings.dispatch(sent);
    return { ...(await this.get(actor, id)), warnings: warnings.map(({ code, message }) => ({ code, message })) };
  }

  /** Companies of the structure with the same normalised name and postcode. */
  async likelyDuplicates(actor: Actor, id: string): Promise<DuplicateRef[]> {
    return likelyDuplicatesOf(this.dataSource.manager, actor.structureId, id);
  }

  /**
   * Applies the changes and bumps the version, only if nobody else did since `company` was read,
   * and records what changed in the audit trail (same transaction). A change of the next action
   * alone is recorded as such, whoever makes it (the company page, logging an activity); so is the
   * calendar invitation of a meeting it plans, moves or cancels: the caller dispatches the e-mails
   * returned once the transaction commits (`MeetingInvitations.dispatch`).
   */
  async saveVersioned(manager: EntityManager, actor: Actor, company: Company, changes: Partial<Company>): Promise<OutboxMessage[]> {
    await this.saveUnique(() => updateCompanyAtVersion(manager, actor.structureId, company, company.version, changes), changes.siret);
    const after = await manager.getRepository(Company).findOneByOrFail({ id: company.id, structureId: actor.structureId });
    const nextActionOnly = Object.keys(changes).every((field) => field.startsWith('nextAction'));
    const action: AuditAction = nextActionOnly ? 'next_action' : 'update';
    await this.audit.record(manager, actor, { entity: 'company', entityId: company.id, action, before: company, after });
    return Object.keys(changes).some((field) => field.startsWith('nextAction')) ? this.meetings.sync(manager, after) : [];
  }

  /** A next action's contact must be a contact of this company, not erased; refused on `field`. */
  async assertNextContact(manager: EntityManager, actor: Actor, companyId: string, contactId: string | null | undefined, field: string): Promise<void> {
    if (!contactId) return;
    const contact = await manager.getRepository(Contact).findOneBy({ id: contactId, structureId: actor.structureId });
    if (!contact || contact.companyId !== companyId || contact.erasedAt) throw nextContactRefusal(field);
  }

  private async assertSiretFree(manager: EntityManager, actor: Actor, siret: string): Promise<void> {
    const existing = await this.companies.withManager(manager).findOne(actor, { siret });
    if (existing) {
      throw new ConflictRefusal(
        because(COMPANY.siretTaken, { siret, companyId: existing.id, companyName: existing.name }),
        `siret: ${siret} is already used by company "${existing.name}" (${existing.id})`,
        'siret',
      );
    }
  }

  /** Two people creating the same SIRET at once: the unique index decides, the loser gets a 409. */
  private async saveUnique<T>(write: () => Promise<T>, siret: string | null | undefined): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && siret) {
        throw new ConflictRefusal(
          because(COMPANY.siretTakenMeanwhile, { siret }),
          `siret: ${siret} is already used by another company of the structure`,
          'siret',
        );
      }
      throw error;
    }
  }

  /** Owners must be active staff of the same structure; the error names the field, with the owner's code. */
  async assertStaff(actor: Actor, fields: Record<string, string | null | undefined>): Promise<void> {
    try {
      await assertActiveStaff(this.dataSource, actor, fields);
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      throw new ValidationFailedException(error.problems.map((problem) => ({ ...problem, ...because(COMPANY.ownerInvalid, { field: problem.field }) })));
    }
  }

}

function nextContactRefusal(field: string): ValidationFailedException {
  return new ValidationFailedException([{ field, message: `${field} must be a contact of this company`, ...because(COMPANY.nextContactInvalid, { field }) }]);
}
