import { EntityManager } from 'typeorm';
import { DEFAULT_STAGES } from './default-stages';

/** The pipeline stages' SQL: each question takes the structure explicitly and the manager to run on. */

/**
 * Inserts the default stages for a structure that has none. Idempotent and safe under
 * concurrency: the unique (structure, key) index turns a racing insert into a no-op.
 */
export async function insertDefaultStages(manager: EntityManager, structureId: string): Promise<void> {
  await manager.query(
    `INSERT INTO pipeline_stage (structure_id, key, name, position, kind, stalled_after_days)
     SELECT $1, d.key, d.name, d.position, d.kind, d.stalled_after_days
     FROM jsonb_to_recordset($2::jsonb) AS d(key text, name text, position int, kind text, stalled_after_days int)
     WHERE NOT EXISTS (SELECT 1 FROM pipeline_stage WHERE structure_id = $1)
     ON CONFLICT DO NOTHING`,
    [
      structureId,
      JSON.stringify(
        DEFAULT_STAGES.map((stage, position) => ({
          key: stage.key,
          name: stage.name,
          position,
          kind: stage.kind,
          stalled_after_days: stage.stalledAfterDays,
        })),
      ),
    ],
  );
}

/** How many companies of the structure sit in a stage. */
export async function companiesInStage(manager: EntityManager, structureId: string, stageId: string): Promise<number> {
  const [{ companies }] = (await manager.query(`SELECT count(*)::int AS companies FROM company WHERE structure_id = $1 AND stage_id = $2`, [
    structureId,
    stageId,
  ])) as Array<{ companies: number }>;
  return companies;
}
