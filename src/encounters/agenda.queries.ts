import { EntityManager } from 'typeorm';
import { EncounterKind, EncounterStatus } from './encounter.entity';

/** The team agenda's SQL (« Totem »): encounters and meetings booked with companies over a span, optionally for one staff member. */

export interface AgendaEncounterRow {
  id: string;
  kind: EncounterKind;
  title: string;
  starts_at: Date;
  ends_at: Date;
  status: EncounterStatus;
  place: string | null;
  host_company_name: string | null;
  company_names: string[];
  /** The organiser, then the staff taking part, by name. */
  staff_names: string[];
}

/**
 * The encounters starting from `from` (included) to `to` (excluded), earliest first; with `staffId`,
 * only those that person organises or takes part in as staff. Cancelled ones are kept (shown struck through).
 */
export function agendaEncounters(
  manager: EntityManager,
  structureId: string,
  range: { from: Date; to: Date },
  staffId: string | null,
): Promise<AgendaEncounterRow[]> {
  return manager.query(
    `SELECT e.id, e.kind, e.title, e.starts_at, e.ends_at, e.status, e.place, h.name AS host_company_name,
            coalesce((SELECT array_agg(c.name ORDER BY c.name) FROM encounter_company ec JOIN company c ON c.id = ec.company_id AND c.structure_id = $1
                       WHERE ec.encounter_id = e.id AND ec.structure_id = $1), '{}') AS company_names,
            coalesce((SELECT array_agg(s.name ORDER BY s.organiser DESC, s.name)
                        FROM (SELECT DISTINCT u.id, u.id = e.organiser_id AS organiser, trim(u.first_name || ' ' || u.last_name) AS name
                                FROM app_user u
                               WHERE u.structure_id = $1
                                 AND (u.id = e.organiser_id
                                      OR EXISTS (SELECT 1 FROM encounter_participant p
                                                  WHERE p.encounter_id = e.id AND p.structure_id = $1 AND p.party = 'staff' AND p.user_id = u.id))) s), '{}') AS staff_names
       FROM encounter e
       LEFT JOIN company h ON h.id = e.host_company_id AND h.structure_id = $1
      WHERE e.structure_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3
        AND ($4::uuid IS NULL OR e.organiser_id = $4
             OR EXISTS (SELECT 1 FROM encounter_participant p
                         WHERE p.encounter_id = e.id AND p.structure_id = $1 AND p.party = 'staff' AND p.user_id = $4))
      ORDER BY e.starts_at, e.title, e.id`,
    [structureId, range.from, range.to, staffId],
  );
}

export interface AgendaMeetingRow {
  company_id: string;
  company_name: string;
  address: string | null;
  postcode: string | null;
  commune: string | null;
  /** The meeting's Paris day and wall time (the company's next action). */
  day: string;
  time: string;
  note: string | null;
  staff_name: string | null;
}

/**
 * The meetings booked with companies (next action « rendez-vous » with a time) on the days from
 * `fromDay` to `toDay`; with `staffId`, those that person is in charge of (the action's owner, else
 * the company's referent).
 */
export function agendaMeetings(
  manager: EntityManager,
  structureId: string,
  days: { fromDay: string; toDay: string },
  staffId: string | null,
): Promise<AgendaMeetingRow[]> {
  return manager.query(
    `SELECT c.id AS company_id, c.name AS company_name, c.address, c.postcode, c.commune,
            to_char(c.next_action_due, 'YYYY-MM-DD') AS day, to_char(c.next_action_time, 'HH24:MI') AS time,
            c.next_action_note AS note, nullif(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), '') AS staff_name
       FROM company c
       LEFT JOIN app_user u ON u.id = coalesce(c.next_action_owner_id, c.owner_id) AND u.structure_id = $1
      WHERE c.structure_id = $1 AND c.next_action_type = 'meeting' AND c.next_action_time IS NOT NULL
        AND c.next_action_due BETWEEN $2::date AND $3::date
        AND ($4::uuid IS NULL OR coalesce(c.next_action_owner_id, c.owner_id) = $4)
      ORDER BY c.next_action_due, c.next_action_time, c.name, c.id`,
    [structureId, days.fromDay, days.toDay, staffId],
  );
}
