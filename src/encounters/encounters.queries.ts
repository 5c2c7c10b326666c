import { EntityManager } from 'typeorm';
import { AttendanceStatus, EncounterKind, EncounterOutcome, EncounterStatus, InvitationSkip, Party } from './encounter.entity';

/** The encounters' SQL: lists with counts, participants with their names, the rows of the outcome rate. */

export interface EncounterSummaryRow {
  id: string;
  kind: EncounterKind;
  title: string;
  starts_at: Date;
  ends_at: Date;
  status: EncounterStatus;
  place: string | null;
  host_company_id: string | null;
  host_company_name: string | null;
  capacity: number | null;
  organiser_id: string | null;
  organiser_name: string | null;
  candidates: number;
  present: number;
  company_names: string[];
}

/** The encounters starting between `from` and `to` (instants), earliest first, with their counts. */
export function encounterSummaries(
  manager: EntityManager,
  structureId: string,
  range: { from: Date; to: Date },
  filter: { kind?: EncounterKind; companyId?: string; limit: number },
): Promise<EncounterSummaryRow[]> {
  return manager.query(
    `SELECT e.id, e.kind, e.title, e.starts_at, e.ends_at, e.status, e.place, e.host_company_id, h.name AS host_company_name,
            e.capacity, e.organiser_id, nullif(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), '') AS organiser_name,
            (SELECT count(*)::int FROM encounter_participant p
              WHERE p.encounter_id = e.id AND p.structure_id = $1 AND p.party = 'candidate' AND p.status <> 'excused') AS candidates,
            (SELECT count(*)::int FROM encounter_participant p
              WHERE p.encounter_id = e.id AND p.structure_id = $1 AND p.party = 'candidate' AND p.status = 'present') AS present,
            coalesce((SELECT array_agg(c.name ORDER BY c.name) FROM encounter_company ec JOIN company c ON c.id = ec.company_id
                       WHERE ec.encounter_id = e.id AND ec.structure_id = $1), '{}') AS company_names
       FROM encounter e
       LEFT JOIN company h ON h.id = e.host_company_id AND h.structure_id = $1
       LEFT JOIN app_user u ON u.id = e.organiser_id AND u.structure_id = $1
      WHERE e.structure_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3
        AND ($4::text IS NULL OR e.kind = $4)
        AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM encounter_company ec WHERE ec.encounter_id = e.id AND ec.company_id = $5 AND ec.structure_id = $1))
      ORDER BY e.starts_at, e.title
      LIMIT $6`,
    [structureId, range.from, range.to, filter.kind ?? null, filter.companyId ?? null, filter.limit],
  );
}

export interface ParticipantRow {
  id: string;
  party: Party;
  candidate_id: string | null;
  contact_id: string | null;
  user_id: string | null;
  status: AttendanceStatus;
  invited_sequence: number | null;
  invitation_skipped: InvitationSkip | null;
  outcome: EncounterOutcome | null;
  outcome_on: string | null;
  outcome_proposal_id: string | null;
  outcome_placement_id: string | null;
  outcome_lead_id: string | null;
  outcome_note: string | null;
  first_name: string | null;
  last_name: string;
  email: string | null;
  /** The contact's company. */
  company_id: string | null;
  company_name: string | null;
  email_opt_out: boolean;
}

/** The people of an encounter with their names and addresses: candidates, then contacts, then staff. */
export function participantRows(manager: EntityManager, structureId: string, encounterId: string, onlyIds?: string[]): Promise<ParticipantRow[]> {
  return manager.query(
    `SELECT p.id, p.party, p.candidate_id, p.contact_id, p.user_id, p.status, p.invited_sequence, p.invitation_skipped,
            p.outcome, to_char(p.outcome_on, 'YYYY-MM-DD') AS outcome_on, p.outcome_proposal_id, p.outcome_placement_id,
            p.outcome_lead_id, p.outcome_note,
            coalesce(ca.first_name, co.first_name, u.first_name) AS first_name,
            coalesce(ca.last_name, co.last_name, u.last_name, '') AS last_name,
            coalesce(ca.email, co.email, u.email) AS email,
            co.company_id, c.name AS company_name,
            coalesce(co.email_opt_out, false) AS email_opt_out
       FROM encounter_participant p
       LEFT JOIN candidate ca ON ca.id = p.candidate_id AND ca.structure_id = $1
       LEFT JOIN contact co ON co.id = p.contact_id AND co.structure_id = $1
       LEFT JOIN company c ON c.id = co.company_id AND c.structure_id = $1
       LEFT JOIN app_user u ON u.id = p.user_id AND u.structure_id = $1
      WHERE p.structure_id = $1 AND p.encounter_id = $2 AND ($3::uuid[] IS NULL OR p.id = ANY($3::uuid[]))
      ORDER BY CASE p.party WHEN 'candidate' THEN 0 WHEN 'contact' THEN 1 ELSE 2 END,
               lower(coalesce(ca.last_name, co.last_name, u.last_name, '')), lower(coalesce(ca.first_name, co.first_name, u.first_name, ''))`,
    [structureId, encounterId, onlyIds ?? null],
  );
}

/** How many candidates hold a place (every status but excused). */
export async function placesTaken(manager: EntityManager, structureId: string, encounterId: string): Promise<number> {
  const [row]: Array<{ taken: number }> = await manager.query(
    `SELECT count(*)::int AS taken FROM encounter_participant
      WHERE structure_id = $1 AND encounter_id = $2 AND party = 'candidate' AND status <> 'excused'`,
    [structureId, encounterId],
  );
  return row.taken;
}

export interface OutcomeQueryRow {
  encounter_id: string;
  title: string;
  kind: EncounterKind;
  encounter_day: string;
  participant_id: string;
  candidate_id: string;
  first_name: string;
  last_name: string;
  status: AttendanceStatus;
  outcome: EncounterOutcome | null;
  outcome_on: string | null;
}

/**
 * The candidates of the encounters held (not cancelled) on the Paris days from `fromDay` to
 * `toDay`, with what followed for each: the rows behind the positive-outcome rate.
 */
export function outcomeRows(
  manager: EntityManager,
  structureId: string,
  period: { fromDay: string; toDay: string; timeZone: string },
  filter: { kind?: EncounterKind; encounterId?: string },
): Promise<OutcomeQueryRow[]> {
  return manager.query(
    `SELECT e.id AS encounter_id, e.title, e.kind, to_char((e.starts_at AT TIME ZONE $4)::date, 'YYYY-MM-DD') AS encounter_day,
            p.id AS participant_id, p.candidate_id, ca.first_name, ca.last_name, p.status, p.outcome,
            to_char(p.outcome_on, 'YYYY-MM-DD') AS outcome_on
       FROM encounter e
       JOIN encounter_participant p ON p.encounter_id = e.id AND p.structure_id = $1 AND p.party = 'candidate'
       JOIN candidate ca ON ca.id = p.candidate_id AND ca.structure_id = $1
      WHERE e.structure_id = $1 AND e.status = 'planned'
        AND e.starts_at >= ($2::date)::timestamp AT TIME ZONE $4
        AND e.starts_at < (($3::date + 1)::timestamp AT TIME ZONE $4)
        AND ($5::text IS NULL OR e.kind = $5)
        AND ($6::uuid IS NULL OR e.id = $6)
      ORDER BY e.starts_at, e.title, lower(ca.last_name), lower(ca.first_name)`,
    [structureId, period.fromDay, period.toDay, period.timeZone, filter.kind ?? null, filter.encounterId ?? null],
  );
}
