import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AlertKind, StaffAlert } from './staff-alert.entity';

/** The SQL behind raising staff alerts: each question takes the structure (or the row's ids) explicitly. */

/** Whether the check-in already raised an alert of this kind. */
export async function alertAlreadyRaised(manager: EntityManager, checkInId: string, kind: AlertKind): Promise<boolean> {
  const [raised] = (await manager.query(`SELECT 1 FROM staff_alert WHERE check_in_id = $1 AND kind = $2 LIMIT 1`, [checkInId, kind])) as unknown[];
  return Boolean(raised);
}

/** Inserts the alert unless the same one exists; returns its id, or undefined when nothing was inserted. */
export async function insertAlertOnce(manager: EntityManager, values: QueryDeepPartialEntity<StaffAlert>): Promise<string | undefined> {
  const inserted = await manager.createQueryBuilder().insert().into(StaffAlert).values(values).orIgnore().returning(['id']).execute();
  return (inserted.raw as Array<{ id?: string }>)[0]?.id;
}

/** Who follows a placement: its active owner, else the candidate's active counsellor; null when nobody. */
export async function followerOf(manager: EntityManager, structureId: string, placementId: string): Promise<string | null> {
  const [follower] = (await manager.query(
    `SELECT COALESCE(po.id, co.id) AS id
         FROM placement p
         JOIN candidate c ON c.id = p.candidate_id AND c.structure_id = p.structure_id
         LEFT JOIN app_user po ON po.id = p.owner_id AND po.structure_id = p.structure_id AND po.active
         LEFT JOIN app_user co ON co.id = c.owner_id AND co.structure_id = p.structure_id AND co.active
        WHERE p.id = $1 AND p.structure_id = $2`,
    [placementId, structureId],
  )) as Array<{ id: string | null }>;
  return follower?.id ?? null;
}

/** The structure's `alert_recipients` setting (undefined when the structure is gone). */
export async function alertRecipientsSetting(manager: EntityManager, structureId: string): Promise<string | undefined> {
  const [row] = (await manager.query(`SELECT alert_recipients FROM structure WHERE id = $1`, [structureId])) as Array<{ alert_recipients: string }>;
  return row?.alert_recipients;
}

/** The structure's active managers' ids. */
export async function activeManagerIds(manager: EntityManager, structureId: string): Promise<string[]> {
  const rows = (await manager.query(`SELECT id FROM app_user WHERE structure_id = $1 AND role = 'manager' AND active ORDER BY id`, [
    structureId,
  ])) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

/** Where an alert's e-mail goes: the active user's address and first name, with their structure. */
export async function alertRecipient(
  manager: EntityManager,
  structureId: string,
  userId: string,
): Promise<{ email: string; firstName: string; structureId: string; structureName: string } | undefined> {
  const [recipient] = (await manager.query(
    `SELECT u.email, u.first_name AS "firstName", s.id AS "structureId", s.name AS "structureName"
         FROM app_user u JOIN structure s ON s.id = u.structure_id
        WHERE u.id = $1 AND u.structure_id = $2 AND u.active`,
    [userId, structureId],
  )) as Array<{ email: string; firstName: string; structureId: string; structureName: string }>;
  return recipient;
}
