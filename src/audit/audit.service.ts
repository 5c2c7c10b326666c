import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessDay } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination';
import { ValidationFailedException } from '../common/validation';
import { AnonymisedSubject, PrivacyHooks } from '../privacy/privacy-hooks';
import { identityReplacements } from '../privacy/scrub';
import { Actor } from '../tenancy/actor';
import { changesBetween } from './audit-changes';
import { AuditAction, AuditChanges, AuditedEntity, AuditEvent, SensitiveReadVia } from './audit-event.entity';
import { auditedFields, REFERENCE_FIELDS, SENSITIVE_FIELDS } from './audit-fields';
import {
  auditEventsPage,
  candidatesOfPlacements,
  forgetCandidateChanges,
  forgetPlacementTexts,
  insertAuditEvent,
  recordNames,
  scrubIdentityFromEvents,
} from './audit.queries';
import { AuditEventView, AuditQuery } from './dto/audit.dto';
import { AUDIT } from '../refusals/index';
import { because } from '../refusals/refused';

/** One write to record. `changes` is computed from `before` and `after` unless given; `extra` adds to it. */
export interface AuditEntry {
  entity: AuditedEntity;
  entityId: string;
  action: AuditAction;
  /** The record before the write; null for a creation. */
  before?: object | null;
  /** The record after the write; null for a deletion. */
  after?: object | null;
  /** Told rather than compared (a password that changed). */
  extra?: AuditChanges;
}

/** How a sensitive read happened: the kind of answer, and the route (`GET /api/alerts`, `GET /placements`). */
export interface SensitiveRead {
  via: SensitiveReadVia;
  path: string;
}

/** These say nothing when no field changed (a save that changed nothing); the others always count. */
const QUIET_WHEN_UNCHANGED: readonly AuditAction[] = ['update', 'next_action', 'stage'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The audit trail: who changed which company, candidate, placement or account, when, from what to
 * what; and who was shown a candidate's constraints and notes. Writes are recorded in the caller's
 * transaction, so an event exists exactly when its change was committed.
 */
@Injectable()
export class AuditService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly businessDay: BusinessDay,
    // Present wherever anonymisation runs (API and worker): the trail forgets with the rest.
    @Optional() private readonly privacyHooks?: PrivacyHooks,
  ) {}

  onModuleInit(): void {
    this.privacyHooks?.onAnonymise((manager, subject) => this.forget(manager, subject));
  }

  /** Records one write inside the caller's transaction (`manager`). */
  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    const compared =
      entry.before === undefined && entry.after === undefined
        ? {}
        : changesBetween(entry.before ?? null, entry.after ?? null, auditedFields(entry.entity), SENSITIVE_FIELDS[entry.entity]);
    const changes = { ...compared, ...entry.extra };
    if (QUIET_WHEN_UNCHANGED.includes(entry.action) && !Object.keys(changes).length) return;
    await this.insert(manager, actor, { entity: entry.entity, entityId: entry.entityId, action: entry.action, changes, details: null });
  }

  /**
   * The actor is shown what only a candidate's follow-up should see: their constraints or notes,
   * check-in answers about them, the reason a placement of theirs broke off. One event per answer
   * or page: about the person when there is one, else naming how many and which (a list). Nothing
   * is recorded when nobody's sensitive fields were shown.
   */
  async recordSensitiveRead(
    actor: Actor,
    candidateIds: string | readonly string[],
    read: SensitiveRead,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const ids = [...new Set(typeof candidateIds === 'string' ? [candidateIds] : candidateIds)];
    if (!ids.length) return;
    await this.insert(manager, actor, {
      entity: 'candidate',
      entityId: ids.length === 1 ? ids[0] : null,
      action: 'sensitive_read',
      changes: {},
      details: ids.length === 1 ? { via: read.via, path: read.path } : { via: read.via, path: read.path, count: ids.length, candidateIds: ids },
    });
  }

  /** As recordSensitiveRead, for what was shown about placements (check-in answers, rupture reasons): their candidates. */
  async recordSensitiveReadOfPlacements(
    actor: Actor,
    placementIds: readonly string[],
    read: SensitiveRead,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (!placementIds.length) return;
    await this.recordSensitiveRead(
      actor,
      await candidatesOfPlacements(manager, actor.structureId, placementIds),
      read,
      manager,
    );
  }

  /**
   * The actor exports the constraints and notes of these candidates: one event for the whole file
   * (a CSV export), about the person when there is one (the RGPD export of everything about them).
   */
  async recordSensitiveExport(
    actor: Actor,
    candidateIds: string[],
    via: 'export' | 'privacy_export' = 'export',
    manager: EntityManager = this.dataSource.manager,
    path?: string,
  ): Promise<void> {
    await this.insert(manager, actor, {
      entity: 'candidate',
      entityId: via === 'privacy_export' && candidateIds.length === 1 ? candidateIds[0] : null,
      action: 'sensitive_read',
      changes: {},
      details: { via, ...(path ? { path } : {}), count: candidateIds.length, candidateIds },
    });
  }

  private async insert(
    manager: EntityManager,
    actor: Actor,
    event: Pick<AuditEvent, 'entity' | 'entityId' | 'action' | 'changes' | 'details'>,
  ): Promise<void> {
    await insertAuditEvent(manager, actor, event, this.clock.now());
  }

  /** The structure's events, newest first; another structure's are never found. */
  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEventView>> {
    if (query.from && query.to && query.from > query.to) {
      throw new ValidationFailedException([{ field: 'to', message: 'to must be on or after from', ...because(AUDIT.periodReversed) }]);
    }
    const { rows, total } = await auditEventsPage(this.dataSource.manager, actor.structureId, query, this.businessDay.timeZone);
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        entity: row.entity,
        entityId: row.entity_id,
        action: row.action,
        changes: row.changes,
        details: row.details,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Names of the records these events are about and of those their changes point to, by id. */
  async names(actor: Actor, events: AuditEventView[]): Promise<Map<string, string>> {
    const wanted = new Map<string, Set<string>>();
    const want = (table: string, id: unknown) => {
      if (typeof id !== 'string' || !UUID.test(id)) return;
      if (!wanted.has(table)) wanted.set(table, new Set());
      wanted.get(table)!.add(id);
    };
    for (const event of events) {
      want(event.entity, event.entityId);
      for (const [field, change] of Object.entries(event.changes)) {
        const table = REFERENCE_FIELDS[field];
        if (table) {
          want(table, change.from);
          want(table, change.to);
        }
      }
    }
    const names = new Map<string, string>();
    for (const [table, ids] of wanted) {
      const rows = await recordNames(this.dataSource.manager, actor.structureId, table, [...ids]);
      for (const row of rows) names.set(row.id, row.name);
    }
    return names;
  }

  /** The name of one record of the structure (a person, a company, a placement's job), or null. */
  async nameOf(actor: Actor, entity: AuditedEntity, id: string): Promise<string | null> {
    const rows = await recordNames(this.dataSource.manager, actor.structureId, entity, [id]);
    return rows[0]?.name ?? null;
  }

  /**
   * A person is anonymised or erased: inside that transaction, the trail keeps what happened and
   * when, but no longer what their record said (their own events keep only which fields changed),
   * nor their name, address or number in what was written about others.
   */
  async forget(manager: EntityManager, subject: AnonymisedSubject): Promise<void> {
    const { structureId, id } = subject;
    if (subject.type === 'candidate') {
      await forgetCandidateChanges(manager, structureId, id);
      // Their placements' free text (job title as written, rupture reason) was about them too:
      // the trail keeps that it changed, not what it said.
      await forgetPlacementTexts(manager, structureId, id);
    }
    const replacements = identityReplacements(subject.identity, true);
    if (!replacements.length) return;
    await scrubIdentityFromEvents(manager, structureId, replacements);
  }
}
