import { EntityManager } from 'typeorm';

/**
 * The meeting reminders' SQL: a scan across structures (each row carries its structure), run in the
 * caller's transaction so the claim and the outbox rows commit together.
 */

export interface DueMeeting {
  structure_id: string;
  structure_name: string;
  company_id: string;
  company_name: string;
  commune: string | null;
  note: string | null;
  time: string;
  email: string;
  first_name: string;
}

/**
 * Claims the meetings starting within the hour of `now` (in `timeZone`) whose person in charge
 * wants reminders: marks `next_action_reminded_for` with the meeting's instant and returns them.
 */
export async function claimDueMeetings(manager: EntityManager, now: Date, timeZone: string): Promise<DueMeeting[]> {
  // An UPDATE ... RETURNING answers [rows, row count] through TypeORM's query().
  const [due]: [DueMeeting[], number] = await manager.query(
    `WITH meeting AS (
           SELECT c.id, (c.next_action_due + c.next_action_time) AT TIME ZONE $2 AS at
           FROM company c
           WHERE c.next_action_type = 'meeting' AND c.next_action_time IS NOT NULL
             AND c.next_action_due BETWEEN ($1::timestamptz AT TIME ZONE $2)::date - 1 AND ($1::timestamptz AT TIME ZONE $2)::date + 1
         )
         UPDATE company c SET next_action_reminded_for = m.at
         FROM meeting m, app_user u, structure s
         WHERE c.id = m.id AND u.id = coalesce(c.next_action_owner_id, c.owner_id) AND s.id = c.structure_id
           AND u.active AND u.meeting_reminders_enabled
           AND m.at > $1::timestamptz AND m.at - interval '1 hour' <= $1::timestamptz
           AND c.next_action_reminded_for IS DISTINCT FROM m.at
         RETURNING c.structure_id, s.name AS structure_name, c.id AS company_id, c.name AS company_name, c.commune,
                   c.next_action_note AS note, to_char(c.next_action_time, 'HH24:MI') AS time, u.email, u.first_name`,
    [now.toISOString(), timeZone],
  );
  return due;
}

export interface DueContactText {
  structure_id: string;
  structure_name: string;
  company_id: string;
  company_name: string;
  contact_id: string;
  phone: string;
  time: string;
}

/**
 * Claims the meetings starting within two hours of `now` (in `timeZone`) booked with a contact who
 * prefers texts and has a phone: marks `next_action_texted_for` with the meeting's instant and
 * returns them (the caller checks the number is a mobile that may be texted).
 */
export async function claimDueContactTexts(manager: EntityManager, now: Date, timeZone: string): Promise<DueContactText[]> {
  const [due]: [DueContactText[], number] = await manager.query(
    `WITH meeting AS (
           SELECT c.id, (c.next_action_due + c.next_action_time) AT TIME ZONE $2 AS at
           FROM company c
           WHERE c.next_action_type = 'meeting' AND c.next_action_time IS NOT NULL AND c.next_action_contact_id IS NOT NULL
             AND c.next_action_due BETWEEN ($1::timestamptz AT TIME ZONE $2)::date - 1 AND ($1::timestamptz AT TIME ZONE $2)::date + 1
         )
         UPDATE company c SET next_action_texted_for = m.at
         FROM meeting m, contact co, structure s
         WHERE c.id = m.id AND co.id = c.next_action_contact_id AND co.structure_id = c.structure_id AND s.id = c.structure_id
           AND co.preferred_channel = 'sms' AND co.phone IS NOT NULL AND co.erased_at IS NULL
           AND m.at > $1::timestamptz AND m.at - interval '2 hours' <= $1::timestamptz
           AND c.next_action_texted_for IS DISTINCT FROM m.at
         RETURNING c.structure_id, s.name AS structure_name, c.id AS company_id, c.name AS company_name, co.id AS contact_id,
                   co.phone, to_char(c.next_action_time, 'HH24:MI') AS time`,
    [now.toISOString(), timeZone],
  );
  return due;
}
