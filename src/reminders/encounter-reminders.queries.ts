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

export interface ReminderInvitee {
  participant_id: string;
  party: 'candidate' | 'contact';
  candidate_id: string | null;
  contact_id: string | null;
  first_name: string | null;
  email: string | null;
  email_opt_out: boolean;
  phone: string | null;
  prefers_sms: boolean;
}

/** The encounter's candidates and company contacts still expected (invited or confirmed), with how to reach them. */
export function reminderInvitees(manager: EntityManager, structureId: string, encounterId: string): Promise<ReminderInvitee[]> {
  return manager.query(
    `SELECT p.id AS participant_id, p.party, p.candidate_id, p.contact_id,
            coalesce(ca.first_name, co.first_name) AS first_name,
            coalesce(ca.email, co.email) AS email,
            coalesce(co.email_opt_out, false) AS email_opt_out,
            coalesce(ca.phone, co.phone) AS phone,
            coalesce(co.preferred_channel = 'sms', false) AS prefers_sms
       FROM encounter_participant p
       LEFT JOIN candidate ca ON ca.id = p.candidate_id AND ca.structure_id = $1
       LEFT JOIN contact co ON co.id = p.contact_id AND co.structure_id = $1
      WHERE p.structure_id = $1 AND p.encounter_id = $2 AND p.party IN ('candidate', 'contact')
        AND p.status IN ('invited', 'confirmed')
      ORDER BY p.id`,
    [structureId, encounterId],
  );
}
