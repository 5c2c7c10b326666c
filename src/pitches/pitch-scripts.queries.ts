import { EntityManager } from 'typeorm';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { Actor } from '../tenancy/actor';
import { DEFAULT_SCRIPTS, DEFAULT_SCRIPTS_NOTE } from './default-scripts';
import { PitchScript, ScriptKind } from './pitch-script.entity';
import { PitchScriptVersion } from './pitch-script-version.entity';

/** The pitch scripts' SQL: each question takes the structure (or actor) explicitly and the manager to run on. */

/**
 * Gives a structure that never had a script the default ones (version 1 each), in the caller's
 * transaction; returns the version id of each kind inserted (empty when the structure had scripts).
 * The caller serialises concurrent calls (it locks the structure row).
 */
export async function insertDefaultScripts(manager: EntityManager, structureId: string): Promise<Partial<Record<ScriptKind, string>>> {
  const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM pitch_script WHERE structure_id = $1`, [structureId])) as Array<{ count: number }>;
  if (count > 0) return {};
  const versions: Partial<Record<ScriptKind, string>> = {};
  for (const script of DEFAULT_SCRIPTS) {
    const [{ id }] = (await manager.query(
      `INSERT INTO pitch_script (structure_id, kind, title, current_version) VALUES ($1, $2, $3, 1) RETURNING id`,
      [structureId, script.kind, script.title],
    )) as Array<{ id: string }>;
    const [version] = (await manager.query(
      `INSERT INTO pitch_script_version (structure_id, script_id, number, title, kind, targeting, sections, change_note)
       VALUES ($1, $2, 1, $3, $4, $5, $6, $7) RETURNING id`,
      [structureId, id, script.title, script.kind, JSON.stringify(script.targeting), JSON.stringify(script.sections), DEFAULT_SCRIPTS_NOTE],
    )) as Array<{ id: string }>;
    versions[script.kind] = version.id;
  }
  return versions;
}

/** Locks a script's row until the transaction ends, so two edits cannot both become the next version. */
export async function lockScriptRow(manager: EntityManager, scriptId: string): Promise<void> {
  await manager.query(`SELECT id FROM pitch_script WHERE id = $1 FOR UPDATE`, [scriptId]);
}

/** Uses of a version by one author with one outcome (a version never used gives one row of nulls and 0). */
export type VersionOutcomeRow = {
  version_id: string;
  author_id: string | null;
  author_name: string | null;
  outcome: string | null;
  n: number;
};

/** How many activities used each version of a script, per author and outcome. */
export async function versionOutcomeCounts(manager: EntityManager, structureId: string, scriptId: string): Promise<VersionOutcomeRow[]> {
  return (await manager.query(
    `SELECT v.id AS version_id, a.author_id, u.first_name || ' ' || u.last_name AS author_name,
              a.outcome, count(a.id)::int AS n
       FROM pitch_script_version v
       LEFT JOIN activity a ON a.script_version_id = v.id AND a.structure_id = v.structure_id
       LEFT JOIN app_user u ON u.id = a.author_id
       WHERE v.script_id = $1 AND v.structure_id = $2
       GROUP BY v.id, a.author_id, u.first_name, u.last_name, a.outcome`,
    [scriptId, structureId],
  )) as VersionOutcomeRow[];
}

/** How often each objection key was met with any version of a script, most met first. */
export async function objectionCounts(manager: EntityManager, structureId: string, scriptId: string): Promise<Array<{ key: string; count: number }>> {
  return (await manager.query(
    `SELECT o.key, count(*)::int AS count
       FROM activity a JOIN pitch_script_version v ON v.id = a.script_version_id, unnest(a.objections) AS o(key)
       WHERE v.script_id = $1 AND a.structure_id = $2
       GROUP BY o.key ORDER BY count DESC, o.key`,
    [scriptId, structureId],
  )) as Array<{ key: string; count: number }>;
}

/** The current version of each script given (of the actor's structure). */
export async function currentVersionsOf(versions: ScopedRepository<PitchScriptVersion>, actor: Actor, scriptIds: string[]): Promise<PitchScriptVersion[]> {
  return versions
    .query(actor, 'v')
    .innerJoin(PitchScript, 's', 's.id = v.script_id AND s.current_version = v.number')
    .andWhere('v.script_id IN (:...ids)', { ids: scriptIds })
    .getMany();
}
