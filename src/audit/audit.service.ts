import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessDay } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination';
import { wallTimeToInstant } from '../common/calendar/time-zone';
import { ValidationFailedException } from '../common/validation';
import { AnonymisedSubject, PrivacyHooks } from '../privacy/privacy-hooks';
import { identityReplacements, replacementSql } from '../privacy/scrub';
import { addCalendarDays } from '../common/calendar/working-days';
import { Actor } from '../tenancy/actor';
import { changesBetween } from './audit-changes';
import { AuditAction, AuditChanges, AuditDetails, AuditedEntity, AuditEvent, SensitiveReadVia } from './audit-event.entity';
import { auditedFields, REFERENCE_FIELDS, SENSITIVE_FIELDS } from './audit-fields';
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

/** A placement's free text, which is about its employee (forgotten with them). */
const PLACEMENT_TEXT_FIELDS = ['jobTitle', 'ruptureReason'];

/** These say nothing when no field changed (a save that changed nothing); the others always count. */
const QUIET_WHEN_UNCHANGED: readonly AuditAction[] = ['update', 'next_action', 'stage'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of the records a page of events is about or points to, by id. */
const NAME_QUERIES: Record<string, string> = {
  user: `SELECT id, first_name || ' ' || last_name AS name FROM app_user WHERE structure_id = $1 AND id = ANY($2::uuid[])`,
  candidate: `SELECT id, first_name || ' ' || last_name AS name FROM candidate WHERE structure_id = $1 AND id = ANY($2::uuid[])`,
  company: `SELECT id, name FROM company WHERE structure_id = $1 AND id = ANY($2::uuid[])`,
  stage: `SELECT id, name FROM pipeline_stage WHERE structure_id = $1 AND id = ANY($2::uuid[])`,
  lead: `SELECT id, job_title AS name FROM job_lead WHERE structure_id = $1 AND id = ANY($2::uuid[])`,
  contact: `SELECT id, btrim(coalesce(first_name, '') || ' ' || last_name) AS name FROM contact WHERE structure_id = $1 AND id = ANY($2::uuid[])`,
  proposal: `SELECT p.id, 'pour ' || l.job_title AS name FROM proposal p JOIN job_lead l ON l.id = p.lead_id
              WHERE p.structure_id = $1 AND p.id = ANY($2::uuid[])`,
  structure: `SELECT id, name FROM structure WHERE id = $1 AND id = ANY($2::uuid[])`,
  placement: `SELECT p.id, p.job_title || ' · ' || c.name AS name FROM placement p JOIN company c ON c.id = p.company_id
               WHERE p.structure_id = $1 AND p.id = ANY($2::uuid[])`,
};

interface EventRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  entity: AuditedEntity;
  entity_id: string | null;
  action: AuditAction;
  changes: AuditChanges;
  details: AuditDetails | null;
}

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
    const rows = (await manager.query(
      `SELECT DISTINCT candidate_id FROM placement WHERE structure_id = $1 AND id = ANY($2::uuid[]) ORDER BY candidate_id`,
      [actor.structureId, [...new Set(placementIds)]],
    )) as Array<{ candidate_id: string }>;
    await this.recordSensitiveRead(
      actor,
      rows.map((row) => row.candidate_id),
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
    await manager.query(
      `INSERT INTO audit_event (structure_id, actor_id, entity, entity_id, action, changes, details, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        actor.structureId,
        actor.userId,
        event.entity,
        event.entityId,
        event.action,
        JSON.stringify(event.changes),
        event.details === null ? null : JSON.stringify(event.details),
        this.clock.now(),
      ],
    );
  }

  /** The structure's events, newest first; another structure's are never found. */
  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEventView>> {
    if (query.from && query.to && query.from > query.to) {
      throw new ValidationFailedException([{ field: 'to', message: 'to must be on or after from', ...because(AUDIT.periodReversed) }]);
    }
    const params: unknown[] = [actor.structureId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['e.structure_id = $1'];
    if (query.entity) where.push(`e.entity = ${param(query.entity)}`);
    if (query.entityId) {
      // A candidate's reads include the exports that held them.
      const id = param(query.entityId);
      where.push(`(e.entity_id = ${id}::uuid OR (e.entity_id IS NULL AND e.details -> 'candidateIds' @> jsonb_build_array(${id}::text)))`);
    }
    if (query.actorId) where.push(`e.actor_id = ${param(query.actorId)}::uuid`);
    if (query.kind === 'sensitive_reads') where.push(`e.action = 'sensitive_read'`);
    else if (query.kind === 'changes') where.push(`e.action <> 'sensitive_read'`);
    const zone = this.businessDay.timeZone;
    if (query.from) where.push(`e.at >= ${param(wallTimeToInstant(zone, query.from, 0, 0))}`);
    if (query.to) where.push(`e.at < ${param(wallTimeToInstant(zone, addCalendarDays(query.to, 1), 0, 0))}`);
    const filter = where.join(' AND ');
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_event e WHERE ${filter}`, params)) as Array<{
      total: number;
    }>;
    const rows = (await this.dataSource.query(
      `SELECT e.id::text AS id, e.at, e.actor_id, u.first_name || ' ' || u.last_name AS actor_name,
              e.entity, e.entity_id, e.action, e.changes, e.details
         FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE ${filter}
        ORDER BY e.at DESC, e.id DESC
        LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
      params,
    )) as EventRow[];
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
      const rows = (await this.dataSource.query(NAME_QUERIES[table], [actor.structureId, [...ids]])) as Array<{ id: string; name: string }>;
      for (const row of rows) names.set(row.id, row.name);
    }
    return names;
  }

  /** The name of one record of the structure (a person, a company, a placement's job), or null. */
  async nameOf(actor: Actor, entity: AuditedEntity, id: string): Promise<string | null> {
    const rows = (await this.dataSource.query(NAME_QUERIES[entity], [actor.structureId, [id]])) as Array<{ name: string }>;
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
      await manager.query(
        `UPDATE audit_event
            SET changes = (SELECT coalesce(jsonb_object_agg(key, '{"changed": true}'::jsonb), '{}'::jsonb) FROM jsonb_each(changes))
          WHERE structure_id = $1 AND entity = 'candidate' AND entity_id = $2 AND changes <> '{}'::jsonb`,
        [structureId, id],
      );
      // Their placements' free text (job title as written, rupture reason) was about them too:
      // the trail keeps that it changed, not what it said.
      await manager.query(
        `UPDATE audit_event
            SET changes = (SELECT jsonb_object_agg(key, CASE WHEN key = ANY($3::text[]) THEN '{"changed": true}'::jsonb ELSE value END)
                             FROM jsonb_each(changes))
          WHERE structure_id = $1 AND entity = 'placement' AND changes ?| $3::text[]
            AND entity_id IN (SELECT p.id FROM placement p WHERE p.structure_id = $1 AND p.candidate_id = $2)`,
        [structureId, id, PLACEMENT_TEXT_FIELDS],
      );
    }
    const replacements = identityReplacements(subject.identity, true);
    if (!replacements.length) return;
    const { expression, condition, params } = replacementSql('changes::text', replacements, 2);
    await manager.query(`UPDATE audit_event SET changes = (${expression})::jsonb WHERE structure_id = $1 AND ${condition}`, [
      structureId,
      ...params,
    ]);
  }
}
