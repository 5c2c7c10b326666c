import { EntityManager } from 'typeorm';
import type { ScoreTables } from './call-score';

export interface TallyRow {
  dimension: 'division' | 'band' | 'area' | 'all';
  key: string | null;
  contacted: number;
  successes: number;
}

/**
 * Per NAF division, headcount band and area (postcode's first 3 digits), and over the whole
 * structure: companies contacted (a row in `company_funnel`: the first evidence of contact) and those
 * where a need was found or someone hired. One pass over the funnel with grouping sets.
 */
export async function historyTallies(manager: EntityManager, structureId: string): Promise<TallyRow[]> {
  const rows: Array<{ g: number; division: string | null; band: string | null; area: string | null; contacted: number; successes: number }> =
    await manager.query(
      `SELECT GROUPING(left(c.naf_code, 2), c.headcount_band, left(c.postcode, 3)) AS g,
              left(c.naf_code, 2) AS division, c.headcount_band AS band, left(c.postcode, 3) AS area,
              count(*)::int AS contacted,
              count(*) FILTER (WHERE f.need_at IS NOT NULL OR f.hire_at IS NOT NULL)::int AS successes
         FROM company_funnel f JOIN company c ON c.id = f.company_id
        WHERE f.structure_id = $1 AND c.structure_id = $1
        GROUP BY GROUPING SETS ((left(c.naf_code, 2)), (c.headcount_band), (left(c.postcode, 3)), ())`,
      [structureId],
    );
  // GROUPING() sets a bit per column left out: 0b011 kept the division, 0b101 the band, 0b110 the area.
  const dimensions: Record<number, TallyRow['dimension']> = { 3: 'division', 5: 'band', 6: 'area', 7: 'all' };
  return rows.map((row) => ({
    dimension: dimensions[row.g],
    key: row.g === 3 ? row.division : row.g === 5 ? row.band : row.g === 6 ? row.area : null,
    contacted: row.contacted,
    successes: row.successes,
  }));
}

/** Companies set aside as « secteur non pertinent » per NAF division, and « hors de notre territoire » per area. */
export async function dismissalTallies(manager: EntityManager, structureId: string): Promise<Array<{ reason: 'sector' | 'territory'; key: string; companies: number }>> {
  return manager.query(
    `SELECT d.reason, CASE d.reason WHEN 'sector' THEN left(c.naf_code, 2) ELSE left(c.postcode, 3) END AS key,
            count(DISTINCT d.company_id)::int AS companies
       FROM call_suggestion_dismissal d JOIN company c ON c.id = d.company_id
      WHERE d.structure_id = $1 AND d.reason IN ('sector', 'territory')
      GROUP BY 1, 2
     HAVING CASE d.reason WHEN 'sector' THEN left(c.naf_code, 2) ELSE left(c.postcode, 3) END IS NOT NULL`,
    [structureId],
  );
}

export interface CurrentCandidate {
  romeCodes: string[];
  homeCommune: string | null;
  mobilityRadiusKm: number | null;
  reachableCommunes: string[];
}

/** The people on a path now (not exited, not anonymised): the ROME codes they want and how far they travel. */
export async function currentCandidates(manager: EntityManager, structureId: string): Promise<CurrentCandidate[]> {
  return manager.query(
    `SELECT ARRAY(SELECT DISTINCT j->>'romeCode' FROM jsonb_array_elements(c.wanted_jobs) j WHERE j->>'romeCode' IS NOT NULL) AS "romeCodes",
            c.home_commune AS "homeCommune", c.mobility_radius_km AS "mobilityRadiusKm", c.reachable_communes AS "reachableCommunes"
       FROM candidate c
      WHERE c.structure_id = $1 AND c.status <> 'exited' AND c.anonymised_at IS NULL`,
    [structureId],
  );
}

/** ROME codes the structure's leads linked to a NAF division (the lead's company's). */
export async function learnedRomeDivisions(manager: EntityManager, structureId: string): Promise<Array<{ romeCode: string; division: string }>> {
  return manager.query(
    `SELECT DISTINCT l.rome_code AS "romeCode", left(c.naf_code, 2) AS division
       FROM job_lead l JOIN company c ON c.id = l.company_id
      WHERE l.structure_id = $1 AND l.rome_code IS NOT NULL AND c.naf_code IS NOT NULL`,
    [structureId],
  );
}

/** Every commune the structure's companies are in, as written on them. */
export async function companyCommunes(manager: EntityManager, structureId: string): Promise<string[]> {
  const rows: Array<{ commune: string }> = await manager.query(
    `SELECT DISTINCT commune FROM company WHERE structure_id = $1 AND commune IS NOT NULL`,
    [structureId],
  );
  return rows.map((row) => row.commune);
}

export interface RankedRow {
  id: string;
  name: string;
  commune: string | null;
  postcode: string | null;
  nafCode: string | null;
  sectorLabel: string | null;
  headcountBand: string | null;
  phone: string | null;
  ownerId: string | null;
  ownerName: string | null;
  version: number;
  stageKind: string;
  stageName: string;
  nextActionDue: string | null;
  comeBackOn: string | null;
  stageEnteredDay: string;
  lastContactDay: string | null;
  score: number;
}

export interface RankingWindow {
  today: string;
  /** Only companies owned by this user or by nobody; null for the whole team. */
  ownerOrNobody: string | null;
  noNeedDays: number;
  offset: number;
  limit: number;
  timeZone: string;
}

/**
 * One window of the companies that may be suggested, best score first (then name, then id): not
 * refused and not an active partner, not « never contact », not resting, nothing planned from today
 * on, not dismissed for now, and a « pas de besoin » company only once its come-back day is reached.
 * The score adds the points the tables give each key (`scoreOf` is the same sum). The last contact
 * (call, meeting, visit or e-mail) is read for the window's rows only: whether it is recent enough
 * to leave the company out is decided by `dueBecause`.
 */
export async function rankedWindow(manager: EntityManager, structureId: string, tables: ScoreTables, window: RankingWindow): Promise<RankedRow[]> {
  return manager.query(
    `WITH ranked AS (
       SELECT c.id, c.name, c.commune, c.postcode, c.naf_code, c.sector_label, c.headcount_band, c.phone, c.owner_id, c.version,
              s.kind AS stage_kind, s.name AS stage_name, c.next_action_due, c.come_back_on,
              (c.stage_entered_at AT TIME ZONE $8)::date AS stage_entered_day,
              coalesce(($2::jsonb ->> left(c.naf_code, 2))::float8, $5)
                + coalesce(($3::jsonb ->> c.headcount_band)::float8, $5)
                + coalesce(($4::jsonb ->> left(c.postcode, 3))::float8, $5)
                + coalesce(($6::jsonb ->> left(c.naf_code, 2))::float8, 0)
                + coalesce(($7::jsonb ->> c.commune)::float8, 0) AS score
         FROM company c JOIN pipeline_stage s ON s.id = c.stage_id
        WHERE c.structure_id = $1
          AND NOT c.no_contact AND (c.resting_until IS NULL OR c.resting_until <= $9::date)
          AND s.kind <> 'refused' AND s.key IS DISTINCT FROM 'active_partner'
          AND (c.next_action_due IS NULL OR c.next_action_due < $9::date)
          AND ($10::uuid IS NULL OR c.owner_id = $10::uuid OR c.owner_id IS NULL)
          AND (s.kind <> 'no_need'
               OR coalesce(c.come_back_on, (c.stage_entered_at AT TIME ZONE $8)::date + $11::int) <= $9::date)
          AND NOT EXISTS (SELECT 1 FROM call_suggestion_dismissal d
                           WHERE d.structure_id = $1 AND d.company_id = c.id AND d.hidden_until > $9::date)
        ORDER BY score DESC, c.name, c.id
        OFFSET $12 LIMIT $13
     )
     SELECT r.id, r.name, r.commune, r.postcode, r.naf_code AS "nafCode", r.sector_label AS "sectorLabel",
            r.headcount_band AS "headcountBand", r.phone, r.owner_id AS "ownerId",
            nullif(trim(concat_ws(' ', u.first_name, u.last_name)), '') AS "ownerName", r.version,
            r.stage_kind AS "stageKind", r.stage_name AS "stageName",
            to_char(r.next_action_due, 'YYYY-MM-DD') AS "nextActionDue", to_char(r.come_back_on, 'YYYY-MM-DD') AS "comeBackOn",
            to_char(r.stage_entered_day, 'YYYY-MM-DD') AS "stageEnteredDay",
            to_char((last.at AT TIME ZONE $8)::date, 'YYYY-MM-DD') AS "lastContactDay", r.score
       FROM ranked r
       LEFT JOIN app_user u ON u.id = r.owner_id
       LEFT JOIN LATERAL (SELECT a.occurred_at AS at FROM activity a
                           WHERE a.company_id = r.id AND a.type IN ('call', 'meeting', 'visit', 'email')
                           ORDER BY a.occurred_at DESC LIMIT 1) last ON true
      ORDER BY r.score DESC, r.name, r.id`,
    [
      structureId,
      JSON.stringify(tables.division),
      JSON.stringify(tables.band),
      JSON.stringify(tables.area),
      tables.fallback,
      JSON.stringify(tables.fit),
      JSON.stringify(tables.reach),
      window.timeZone,
      window.today,
      window.ownerOrNobody,
      window.noNeedDays,
      window.offset,
      window.limit,
    ],
  );
}
