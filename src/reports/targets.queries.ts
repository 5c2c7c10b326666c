import { EntityManager } from 'typeorm';

/** The weekly activity targets (the structure's defaults, each person's own) and the staff they are shown for. */

export interface StaffTargetsRow {
  id: string;
  name: string;
  active: boolean;
  targets: unknown;
}

/** The structure's default targets, as stored. */
export async function structureTargets(manager: EntityManager, structureId: string): Promise<unknown> {
  const [structure]: Array<{ targets: unknown }> = await manager.query(`SELECT activity_targets AS targets FROM structure WHERE id = $1`, [structureId]);
  return structure?.targets;
}

/** Everyone of the structure, active or not, with their own targets, by name. */
export async function staffWithTargets(manager: EntityManager, structureId: string): Promise<StaffTargetsRow[]> {
  return manager.query(
    `SELECT id, trim(first_name || ' ' || last_name) AS name, active, activity_targets AS targets
       FROM app_user WHERE structure_id = $1 ORDER BY last_name, first_name`,
    [structureId],
  );
}

/** The structure's active accounts with their own targets, by name. */
export async function activeStaffTargets(manager: EntityManager, structureId: string): Promise<Array<Omit<StaffTargetsRow, 'active'>>> {
  return manager.query(
    `SELECT id, trim(first_name || ' ' || last_name) AS name, activity_targets AS targets
         FROM app_user WHERE structure_id = $1 AND active ORDER BY last_name, first_name`,
    [structureId],
  );
}

/** Sets the structure's default targets (`targets`: their JSON text). */
export async function setStructureTargets(manager: EntityManager, structureId: string, targets: string): Promise<void> {
  await manager.query(`UPDATE structure SET activity_targets = $2 WHERE id = $1`, [structureId, targets]);
}

/** Sets a staff member's own targets (null: the structure's defaults); false when they are not of the structure. */
export async function setStaffTargets(manager: EntityManager, structureId: string, userId: string, targets: string | null): Promise<boolean> {
  // An UPDATE ... RETURNING answers [rows, row count] through TypeORM's query().
  const [updated]: [unknown[], number] = await manager.query(
    `UPDATE app_user SET activity_targets = $3 WHERE id = $1 AND structure_id = $2 RETURNING id`,
    [userId, structureId, targets],
  );
  return updated.length > 0;
}

/** Whether `userId` is an account of the structure. */
export async function isStaffOf(manager: EntityManager, structureId: string, userId: string): Promise<boolean> {
  const [member] = await manager.query(`SELECT 1 FROM app_user WHERE id = $1 AND structure_id = $2`, [userId, structureId]);
  return Boolean(member);
}

/** The names of the structure's accounts by id. */
export async function staffNamesOf(manager: EntityManager, structureId: string): Promise<Map<string, string>> {
  const rows: Array<{ id: string; name: string }> = await manager.query(
    `SELECT id, trim(first_name || ' ' || last_name) AS name FROM app_user WHERE structure_id = $1`,
    [structureId],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
