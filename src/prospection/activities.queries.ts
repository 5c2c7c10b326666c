import { EntityManager } from 'typeorm';

/** The activities' SQL: each question takes the structure explicitly and the manager to run on. */

/** A candidate of the structure by id, with when it was anonymised; none when it is not the structure's. */
export async function candidateAnonymisedAt(manager: EntityManager, structureId: string, candidateId: string): Promise<{ anonymised_at: Date | null } | undefined> {
  const [candidate] = (await manager.query(`SELECT anonymised_at FROM candidate WHERE id = $1 AND structure_id = $2`, [
    candidateId,
    structureId,
  ])) as Array<{ anonymised_at: Date | null }>;
  return candidate;
}

/** The kind of a stage (open, no_need, refused), read by its id. */
export async function stageKind(manager: EntityManager, stageId: string): Promise<string> {
  const [{ kind }] = (await manager.query(`SELECT kind FROM pipeline_stage WHERE id = $1`, [stageId])) as Array<{ kind: string }>;
  return kind;
}

/**
 * The candidates an activity at this company can be about: those proposed on its leads or placed
 * there (not anonymised), by name.
 */
export async function candidatesAtCompany(manager: EntityManager, structureId: string, companyId: string): Promise<Array<{ id: string; name: string }>> {
  return (await manager.query(
    `SELECT c.id, c.first_name || ' ' || c.last_name AS name
         FROM candidate c
        WHERE c.structure_id = $1 AND c.anonymised_at IS NULL
          AND (EXISTS (SELECT 1 FROM proposal p JOIN job_lead l ON l.id = p.lead_id
                        WHERE p.candidate_id = c.id AND l.company_id = $2 AND l.structure_id = $1)
               OR EXISTS (SELECT 1 FROM placement pl WHERE pl.candidate_id = c.id AND pl.company_id = $2 AND pl.structure_id = $1))
        ORDER BY c.last_name, c.first_name, c.id
        LIMIT 200`,
    [structureId, companyId],
  )) as Array<{ id: string; name: string }>;
}

/** One line of a company's timeline, as the database gives it. */
export interface TimelineRow {
  id: string;
  kind: string;
  occurred_at: Date;
  author_id: string | null;
  author_name: string | null;
  contact_id: string | null;
  contact_name: string | null;
  outcome: string | null;
  text: string | null;
  candidate_id: string | null;
  candidate_name: string | null;
  from_stage: string | null;
  to_stage: string | null;
  refusal_reason: string | null;
  script_id: string | null;
  script_title: string | null;
  script_number: number | null;
  objection_texts: string[] | null;
  /** An encounter the company takes part in: its kind (its title is in `text`). */
  encounter_kind: string | null;
}

/**
 * A page of a company's activities, stage changes and the encounters it takes part in (not
 * cancelled, at their start), of the kinds given or all, newest first, and how many there are.
 */
export async function timelinePage(
  manager: EntityManager,
  structureId: string,
  companyId: string,
  kinds: string[] | null,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: TimelineRow[] }> {
  const params = [structureId, companyId, kinds, limit, offset];
  const entries = `
      SELECT a.id, a.type AS kind, a.occurred_at, a.author_id, a.contact_id, a.outcome, a.text,
             NULL::uuid AS from_stage_id, NULL::uuid AS to_stage_id, a.created_at,
             a.script_version_id, a.objections, a.refusal_reason, a.candidate_id, NULL::text AS encounter_kind
      FROM activity a WHERE a.structure_id = $1 AND a.company_id = $2
      UNION ALL
      SELECT e.id, 'stage_change', e.occurred_at, e.actor_id, NULL, NULL, e.reason,
             e.from_stage_id, e.to_stage_id, e.created_at, NULL, '{}', NULL, NULL, NULL
      FROM stage_event e WHERE e.structure_id = $1 AND e.company_id = $2
      UNION ALL
      SELECT n.id, 'encounter', n.starts_at, n.organiser_id, NULL, NULL, n.title,
             NULL, NULL, n.created_at, NULL, '{}', NULL, NULL, n.kind
      FROM encounter_company ec JOIN encounter n ON n.id = ec.encounter_id AND n.structure_id = $1
      WHERE ec.structure_id = $1 AND ec.company_id = $2 AND n.status <> 'cancelled'`;
  const [{ total }] = (await manager.query(
    `SELECT count(*)::int AS total FROM (${entries}) t WHERE $3::text[] IS NULL OR t.kind = ANY($3::text[])`,
    params.slice(0, 3),
  )) as Array<{ total: number }>;
  const rows = (await manager.query(
    `SELECT t.id, t.kind, t.occurred_at, t.author_id, u.first_name || ' ' || u.last_name AS author_name,
              t.contact_id, concat_ws(' ', ct.first_name, ct.last_name) AS contact_name, t.outcome, t.text,
              t.candidate_id, cd.first_name || ' ' || cd.last_name AS candidate_name,
              fs.name AS from_stage, ts.name AS to_stage, t.refusal_reason,
              v.script_id, v.title AS script_title, v.number AS script_number,
              ARRAY(SELECT o->>'objection' FROM jsonb_array_elements(v.sections->'objections') o
                    WHERE o->>'key' = ANY(t.objections)) AS objection_texts,
              t.encounter_kind
       FROM (${entries}) t
       LEFT JOIN pitch_script_version v ON v.id = t.script_version_id
       LEFT JOIN app_user u ON u.id = t.author_id
       LEFT JOIN contact ct ON ct.id = t.contact_id
       LEFT JOIN candidate cd ON cd.id = t.candidate_id
       LEFT JOIN pipeline_stage fs ON fs.id = t.from_stage_id
       LEFT JOIN pipeline_stage ts ON ts.id = t.to_stage_id
       WHERE $3::text[] IS NULL OR t.kind = ANY($3::text[])
       -- A stage change logged with an activity happened because of it: show it above the activity.
       ORDER BY t.occurred_at DESC, t.created_at DESC, (t.kind = 'stage_change') DESC, t.id
       LIMIT $4 OFFSET $5`,
    params,
  )) as TimelineRow[];
  return { total, rows };
}
