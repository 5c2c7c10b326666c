import { EntityManager } from 'typeorm';
import { Difficulty } from '../checkins/check-in.entity';
import { AlertKind, AnswerReason } from './staff-alert.entity';

/** The alert lists' SQL: each question takes the structure explicitly. */

/** One alert as the lists read it, with its people, company and answer. */
export interface AlertRow {
  id: string;
  kind: AlertKind;
  reasons: AnswerReason[];
  resolved_by_name: string | null;
  resolution_note: string | null;
  message: string;
  created_at: Date;
  user_id: string | null;
  user_name: string | null;
  placement_id: string | null;
  candidate_id: string | null;
  candidate_name: string | null;
  company_name: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  check_in_id: string | null;
  party: string | null;
  step: string | null;
  check_in_status: string | null;
  rating: number | null;
  going_well: string | null;
  difficulties: Difficulty[] | null;
  difficulty_details: string | null;
  wants_call: boolean | null;
  answered_at: Date | null;
  total: string;
}

const SELECT_ALERTS = `SELECT a.id, a.kind, a.reasons, a.resolution_note, r.first_name || ' ' || r.last_name AS resolved_by_name, a.message, a.created_at, a.user_id, u.first_name || ' ' || u.last_name AS user_name,
  a.placement_id, coalesce(p.candidate_id, a.candidate_id) AS candidate_id, c.first_name || ' ' || c.last_name AS candidate_name, co.name AS company_name,
  a.resolved_at, a.resolved_by, a.check_in_id, ci.party, ci.step, ci.status AS check_in_status, ci.rating,
  ci.going_well, ci.difficulties, ci.difficulty_details, ci.wants_call, ci.answered_at`;

/** Every join stays inside the alert's structure. */
const FROM_ALERTS = `FROM staff_alert a
  LEFT JOIN app_user u ON u.id = a.user_id AND u.structure_id = a.structure_id
  LEFT JOIN app_user r ON r.id = a.resolved_by AND r.structure_id = a.structure_id
  LEFT JOIN placement p ON p.id = a.placement_id AND p.structure_id = a.structure_id
  LEFT JOIN candidate c ON c.id = coalesce(p.candidate_id, a.candidate_id) AND c.structure_id = a.structure_id
  LEFT JOIN company co ON co.id = p.company_id AND co.structure_id = a.structure_id
  LEFT JOIN check_in ci ON ci.id = a.check_in_id AND ci.structure_id = a.structure_id`;

/**
 * A page of the structure's alerts, newest first: only `userId`'s when given, only resolved or
 * unresolved ones when `resolved` says so; with how many there are in all.
 */
export async function alertPage(
  manager: EntityManager,
  structureId: string,
  filter: { userId: string | null; resolved?: boolean; limit: number; offset: number },
): Promise<{ rows: AlertRow[]; total: number }> {
  const params: unknown[] = [structureId];
  const where = ['a.structure_id = $1'];
  if (filter.userId !== null) {
    params.push(filter.userId);
    where.push(`a.user_id = $${params.length}`);
  }
  if (filter.resolved !== undefined) where.push(filter.resolved ? 'a.resolved_at IS NOT NULL' : 'a.resolved_at IS NULL');
  params.push(filter.limit, filter.offset);
  const rows = (await manager.query(
    `${SELECT_ALERTS}, count(*) OVER () AS total ${FROM_ALERTS}
        WHERE ${where.join(' AND ')}
        ORDER BY a.created_at DESC, a.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  )) as AlertRow[];
  const total = rows.length ? Number(rows[0].total) : await alertCount(manager, where, params.slice(0, -2));
  return { rows, total };
}

/** How many alerts match the page's conditions (when the page itself is empty). */
async function alertCount(manager: EntityManager, where: string[], params: unknown[]): Promise<number> {
  const [row] = (await manager.query(`SELECT count(*) AS total FROM staff_alert a WHERE ${where.join(' AND ')}`, params)) as Array<{ total: string }>;
  return Number(row.total);
}

/** One alert of the structure (none when it is not the structure's). */
export async function alertRow(manager: EntityManager, structureId: string, id: string): Promise<AlertRow | undefined> {
  const [row] = (await manager.query(`${SELECT_ALERTS}, 1 AS total ${FROM_ALERTS} WHERE a.id = $1 AND a.structure_id = $2`, [id, structureId])) as AlertRow[];
  return row;
}

/** Marks the alert resolved by `userId` at `now` with its note, unless it already is. */
export async function resolveAlert(manager: EntityManager, structureId: string, id: string, now: Date, userId: string, note: string | null): Promise<void> {
  await manager.query(
    `UPDATE staff_alert SET resolved_at = $3, resolved_by = $4, resolution_note = $5, updated_at = now()
        WHERE id = $1 AND structure_id = $2 AND resolved_at IS NULL`,
    [id, structureId, now, userId, note],
  );
}

/** Every alert a placement raised, oldest first. */
export async function alertRowsOfPlacement(manager: EntityManager, structureId: string, placementId: string): Promise<AlertRow[]> {
  return (await manager.query(
    `${SELECT_ALERTS}, 1 AS total ${FROM_ALERTS} WHERE a.placement_id = $1 AND a.structure_id = $2 ORDER BY a.created_at, a.id`,
    [placementId, structureId],
  )) as AlertRow[];
}
