import { DataSource, EntityManager } from 'typeorm';
import { Placement } from '../placements/placement.entity';
import { CheckIn } from './check-in.entity';

/** The check-in plan's SQL: what planning, closing and reconciling a placement's steps read and write. */

/** One row of a placement's plan to write: a step for one party. */
export interface CheckInToPlan {
  step: string;
  dueAt: Date;
  status: string;
  skipReason: string | null;
  party: string;
}

/**
 * Upserts the plan's rows on (placement, party, step): rows still planned or skipped take the new due
 * date, status and skip reason; the others stay. Returns the rows written.
 */
export async function upsertCheckInPlan(
  manager: EntityManager,
  structureId: string,
  placementId: string,
  rowsToPlan: CheckInToPlan[],
): Promise<{ id: string; status: string; due_at: Date }[]> {
  return (await manager.query(
    `INSERT INTO check_in (structure_id, placement_id, party, step, due_at, status, skip_reason)
           SELECT $1, $2, s.party, s.step, s.due_at, s.status, s.skip_reason
           FROM unnest($3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[]) AS s(step, due_at, status, skip_reason, party)
           ON CONFLICT (placement_id, party, step) DO UPDATE
             SET due_at = EXCLUDED.due_at, status = EXCLUDED.status, skip_reason = EXCLUDED.skip_reason, updated_at = now()
             WHERE check_in.status IN ('planned', 'skipped')
           RETURNING id, status, due_at`,
    [
      structureId,
      placementId,
      rowsToPlan.map((row) => row.step),
      rowsToPlan.map((row) => row.dueAt.toISOString()),
      rowsToPlan.map((row) => row.status),
      rowsToPlan.map((row) => row.skipReason),
      rowsToPlan.map((row) => row.party),
    ],
  )) as { id: string; status: string; due_at: Date }[];
}

/** Skips the placement's planned steps whose `step|party` is not among `kept`. */
export async function skipStepsNotInPlan(manager: EntityManager, placementId: string, kept: string[]): Promise<void> {
  await manager.query(
    `UPDATE check_in SET status = 'skipped', skip_reason = 'not_in_plan', updated_at = now()
       WHERE placement_id = $1 AND status = 'planned' AND NOT ((step || '|' || party) = ANY($2::text[]))`,
    [placementId, kept],
  );
}

/** Cancels every planned step of the placement. */
export async function cancelPlannedCheckIns(manager: EntityManager, placementId: string): Promise<void> {
  await manager.query(`UPDATE check_in SET status = 'cancelled', updated_at = now() WHERE placement_id = $1 AND status = 'planned'`, [placementId]);
}

/** Cancels the placement's planned steps due at or after `from` (an ISO instant). */
export async function cancelPlannedCheckInsFrom(manager: EntityManager, placementId: string, from: string): Promise<void> {
  await manager.query(
    `UPDATE check_in SET status = 'cancelled', updated_at = now()
       WHERE placement_id = $1 AND status = 'planned' AND due_at >= $2`,
    [placementId, from],
  );
}

/** The candidate's full name and the company's name, for a rupture alert. */
export async function candidateAndCompanyNames(
  manager: EntityManager,
  candidateId: string,
  companyId: string,
): Promise<{ candidate: string; company: string } | undefined> {
  const [names] = (await manager.query(
    `SELECT concat_ws(' ', c.first_name, c.last_name) AS candidate, co.name AS company
       FROM candidate c, company co WHERE c.id = $1 AND co.id = $2`,
    [candidateId, companyId],
  )) as { candidate: string; company: string }[];
  return names;
}

/** A page of the planned steps of started placements (every structure), by id after `after`. */
export async function plannedCheckInsAfter(dataSource: DataSource, after: string, limit: number): Promise<{ id: string; dueAt: Date }[]> {
  return dataSource
    .getRepository(CheckIn)
    .createQueryBuilder('c')
    .select(['c.id', 'c.dueAt'])
    // A placement not started yet has no jobs: starting it queues them.
    .innerJoin(Placement, 'p', `p.id = c.placementId AND p.status = 'started'`)
    .where(`c.status = 'planned' AND c.id > :after`, { after })
    .orderBy('c.id', 'ASC')
    .limit(limit)
    .getMany();
}
