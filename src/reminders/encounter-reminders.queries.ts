import { EntityManager } from 'typeorm';

/** The encounter reminders' SQL: a scan across structures (each row carries its structure). */

export interface UpcomingEncounter {
  id: string;
  structure_id: string;
  starts_at: Date;
  created_at: Date;
  early_reminder_for: Date | null;
  late_reminder_for: Date | null;
}

/** Planned encounters starting within `days` after `now` that still miss a reminder for their current start. */
export function upcomingUnreminded(manager: EntityManager, now: Date, days: number): Promise<UpcomingEncounter[]> {
  return manager.query(
    `SELECT id, structure_id, starts_at, created_at, early_reminder_for, late_reminder_for
       FROM encounter
      WHERE status = 'planned' AND starts_at > $1 AND starts_at <= $1::timestamptz + make_interval(days => $2)
        AND (early_reminder_for IS DISTINCT FROM starts_at OR late_reminder_for IS DISTINCT FROM starts_at)
      ORDER BY starts_at`,
    [now, days],
  );
}

/**
 * Marks one reminder of an encounter as sent for its start `startsAt`, if it still starts then, is
 * still planned and was not marked meanwhile: true for the one caller that wins.
 */
export async function claimReminder(manager: EntityManager, encounterId: string, which: 'early' | 'late', startsAt: Date): Promise<boolean> {
  const column = which === 'early' ? 'early_reminder_for' : 'late_reminder_for';
  const [, count]: [unknown[], number] = await manager.query(
    `UPDATE encounter SET ${column} = starts_at
      WHERE id = $1 AND starts_at = $2 AND status = 'planned' AND ${column} IS DISTINCT FROM starts_at`,
    [encounterId, startsAt],
  );
  return count === 1;
}
