import { EntityManager } from 'typeorm';
import { replacementSql, Replacement } from '../privacy/scrub';
import { AuditAction, AuditChanges, AuditDetails, AuditedEntity, AuditEvent } from './audit-event.entity';
import { AuditQuery } from './dto/audit.dto';
import { wallTimeToInstant } from '../common/calendar/time-zone';
import { addCalendarDays } from '../common/calendar/working-days';

/** The audit trail's SQL: every question takes the structure explicitly; writes run on the caller's manager. */

/** A placement's free text, which is about its employee (forgotten with them). */
const PLACEMENT_TEXT_FIELDS = ['jobTitle', 'ruptureReason'];

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

export interface EventRow {
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

/** Appends one event of the actor's structure, at `at`. */
export async function insertAuditEvent(
  manager: EntityManager,
  actor: { structureId: string; userId: string },
  event: Pick<AuditEvent, 'entity' | 'entityId' | 'action' | 'changes' | 'details'>,
  at: Date,
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
      at,
    ],
  );
}

/** The distinct candidates of these placements of the structure. */
export async function candidatesOfPlacements(manager: EntityManager, structureId: string, placementIds: readonly string[]): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT DISTINCT candidate_id FROM placement WHERE structure_id = $1 AND id = ANY($2::uuid[]) ORDER BY candidate_id`,
    [structureId, [...new Set(placementIds)]],
  )) as Array<{ candidate_id: string }>;
  return rows.map((row) => row.candidate_id);
}

/** A page of the structure's events matching the query (days in `timeZone`), newest first, and their total. */
export async function auditEventsPage(
  manager: EntityManager,
  structureId: string,
  query: AuditQuery,
  timeZone: string,
): Promise<{ rows: EventRow[]; total: number }> {
  const params: unknown[] = [structureId];
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
  const zone = timeZone;
  if (query.from) where.push(`e.at >= ${param(wallTimeToInstant(zone, query.from, 0, 0))}`);
  if (query.to) where.push(`e.at < ${param(wallTimeToInstant(zone, addCalendarDays(query.to, 1), 0, 0))}`);
  const filter = where.join(' AND ');
  const [{ total }] = (await manager.query(`SELECT count(*)::int AS total FROM audit_event e WHERE ${filter}`, params)) as Array<{
    total: number;
  }>;
  const rows = (await manager.query(
    `SELECT e.id::text AS id, e.at, e.actor_id, u.first_name || ' ' || u.last_name AS actor_name,
            e.entity, e.entity_id, e.action, e.changes, e.details
       FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
      WHERE ${filter}
      ORDER BY e.at DESC, e.id DESC
      LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
    params,
  )) as EventRow[];
  return { rows, total };
}

/** The names of the structure's records of one kind (`NAME_QUERIES`), by id. */
export async function recordNames(manager: EntityManager, structureId: string, table: string, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  return (await manager.query(NAME_QUERIES[table], [structureId, ids])) as Array<{ id: string; name: string }>;
}

/** A forgotten candidate's own events keep only which fields changed. */
export async function forgetCandidateChanges(manager: EntityManager, structureId: string, id: string): Promise<void> {
  await manager.query(
    `UPDATE audit_event
        SET changes = (SELECT coalesce(jsonb_object_agg(key, '{"changed": true}'::jsonb), '{}'::jsonb) FROM jsonb_each(changes))
      WHERE structure_id = $1 AND entity = 'candidate' AND entity_id = $2 AND changes <> '{}'::jsonb`,
    [structureId, id],
  );
}

/** Their placements' free text (job title as written, rupture reason): the trail keeps that it changed, not what it said. */
export async function forgetPlacementTexts(manager: EntityManager, structureId: string, id: string): Promise<void> {
  await manager.query(
    `UPDATE audit_event
        SET changes = (SELECT jsonb_object_agg(key, CASE WHEN key = ANY($3::text[]) THEN '{"changed": true}'::jsonb ELSE value END)
                         FROM jsonb_each(changes))
      WHERE structure_id = $1 AND entity = 'placement' AND changes ?| $3::text[]
        AND entity_id IN (SELECT p.id FROM placement p WHERE p.structure_id = $1 AND p.candidate_id = $2)`,
    [structureId, id, PLACEMENT_TEXT_FIELDS],
  );
}

/** Their name, address and number replaced wherever the structure's events quote them. */
export async function scrubIdentityFromEvents(manager: EntityManager, structureId: string, replacements: Replacement[]): Promise<void> {
  const { expression, condition, params } = replacementSql('changes::text', replacements, 2);
  await manager.query(`UPDATE audit_event SET changes = (${expression})::jsonb WHERE structure_id = $1 AND ${condition}`, [
    structureId,
    ...params,
  ]);
}
