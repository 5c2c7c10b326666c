import { EntityManager } from 'typeorm';
import { nafPrefix, periodBounds, ReportContext } from './report-context';
import { FUNNEL_COMPANY_STEPS, FunnelCompanyStep, RETENTION_MONTHS } from './report-types';
import { SqlParams } from './sql-params';

/**
 * The outreach funnel's SQL (docs/reports.md): the cohort of companies first contacted in the
 * period, in the context's structure, and the retention of its contracts. The CTEs are shared with
 * the lists behind the numbers (drill.queries.ts).
 */

export interface CohortOptions {
  /** Narrow to the context's staff member (false: the team, for the totals). */
  byStaff: boolean;
  /** Only the companies first contacted in this trend bucket (its first day). */
  bucket?: string;
}

/**
 * The cohort: companies first contacted in the period, with the time each step was reached (a step
 * is reached by its own evidence or any later step's), and the time of each step's own evidence
 * (`own_<step>`, for the median delays). A CTE named `cohort`.
 */
export function cohortCte(context: ReportContext, params: SqlParams, options: CohortOptions): string {
  const { start, end } = periodBounds(context, params);
  const where = [`f.structure_id = ${params.add(context.structureId)}`, `f.contacted_at >= ${start}`, `f.contacted_at < ${end}`];
  const query = context.query;
  let joinCompany = false;
  if (options.byStaff && context.staffId) where.push(`f.contacted_by = ${params.add(context.staffId)}`);
  if (query.naf) {
    joinCompany = true;
    where.push(`c.naf_code LIKE ${params.add(`${nafPrefix(query.naf)}%`)}`);
  }
  if (query.territory) {
    joinCompany = true;
    where.push(`lower(c.territory) = lower(${params.add(query.territory)})`);
  }
  if (query.source) {
    joinCompany = true;
    where.push(`c.source = ${params.add(query.source)}`);
  }
  if (query.scriptVersionId) where.push(`f.first_call_script_version_id = ${params.add(query.scriptVersionId)}`);
  if (options.bucket) {
    where.push(
      `date_trunc(${params.add(context.period.interval)}, f.contacted_at AT TIME ZONE ${params.add(context.timeZone)})::date = ${params.add(options.bucket)}::date`,
    );
  }
  return `cohort AS (
    SELECT f.company_id, f.contacted_by, f.contacted_at,
           f.contacted_at AS contacted,
           LEAST(f.meeting_at, f.need_at, f.proposal_at, f.hire_at) AS meeting_held,
           LEAST(f.need_at, f.proposal_at, f.hire_at) AS need_found,
           LEAST(f.proposal_at, f.hire_at) AS candidate_proposed,
           f.hire_at AS hired,
           f.meeting_at AS own_meeting_held, f.need_at AS own_need_found, f.proposal_at AS own_candidate_proposed
      FROM company_funnel f ${joinCompany ? 'JOIN company c ON c.id = f.company_id' : ''}
     WHERE ${where.join(' AND ')}
  )`;
}

/**
 * Joined to a placement `p`: one row per retention month `m.months` with its mark `k.mark`, the
 * start date plus that many calendar months (31 January + 1 month = 28/29 February).
 */
export const PLACEMENT_MARKS = `CROSS JOIN (VALUES ${RETENTION_MONTHS.map((months) => `(${months})`).join(', ')}) AS m(months)
     CROSS JOIN LATERAL (SELECT (p.start_date + make_interval(months => m.months))::date AS mark) k`;

/** The cohort's started contracts with, for each of 1, 3 and 6 months, their mark and whether they held. A CTE named `held`. */
export function retentionCte(context: ReportContext, params: SqlParams): string {
  return `held AS (
    SELECT p.id AS placement_id, co.contacted_by, m.months, k.mark,
           (k.mark <= ${params.add(context.period.today)}::date
              AND (p.planned_end_date IS NULL OR p.planned_end_date >= k.mark)) AS eligible,
           (p.end_date IS NULL OR p.end_date >= k.mark) AS not_ended
      FROM cohort co
      JOIN placement p ON p.company_id = co.company_id AND p.kind = 'contract' AND p.status IN ('started', 'ended')
     ${PLACEMENT_MARKS}
  )`;
}

/** A step's own evidence: `contacted` is the earliest of everything, `hired` has no later step to be implied by. */
const OWN: Record<FunnelCompanyStep, string> = {
  contacted: 'contacted',
  meeting_held: 'own_meeting_held',
  need_found: 'own_need_found',
  candidate_proposed: 'own_candidate_proposed',
  hired: 'hired',
};

/**
 * The median days from one step to the next, over the companies that have evidence of both steps
 * of their own, in that order. A step only implied by a later one (a need found on the first call
 * passes the meeting gate) took no time of its own: counting it as 0 days would pull every median
 * to 0 where staff record steps out of order or skip them.
 */
function medianSql([previous, step]: [FunnelCompanyStep, FunnelCompanyStep]): string {
  const [from, to] = [OWN[previous], OWN[step]];
  return `percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${to} - ${from}) / 86400)
             FILTER (WHERE ${to} >= ${from}) AS median_${step}`;
}

export const MEDIAN_PAIRS: Array<[FunnelCompanyStep, FunnelCompanyStep]> = [
  ['contacted', 'meeting_held'],
  ['meeting_held', 'need_found'],
  ['need_found', 'candidate_proposed'],
  ['candidate_proposed', 'hired'],
];

export interface GroupRow {
  staff_id: string | null;
  is_total: boolean;
  [column: string]: unknown;
}

/**
 * The team's cohort counted per staff member and in total, in one pass (grouping sets), with the
 * median days between steps; its contracts' retention likewise; and the trend for the context's
 * staff member (or the team).
 */
export async function funnelRows(
  manager: EntityManager,
  context: ReportContext,
): Promise<{ stepRows: GroupRow[]; heldRows: GroupRow[]; trendRows: Array<Record<string, unknown>> }> {
  const stepParams = new SqlParams();
  const stepSql = `WITH ${cohortCte(context, stepParams, { byStaff: false })}
    SELECT contacted_by AS staff_id, grouping(contacted_by) = 1 AS is_total,
           ${FUNNEL_COMPANY_STEPS.map((step) => `count(${step})::int AS ${step}`).join(', ')},
           ${MEDIAN_PAIRS.map(medianSql).join(', ')}
      FROM cohort GROUP BY GROUPING SETS ((contacted_by), ())`;

  const heldParams = new SqlParams();
  const heldSql = `WITH ${cohortCte(context, heldParams, { byStaff: false })}, ${retentionCte(context, heldParams)}
    SELECT contacted_by AS staff_id, grouping(contacted_by) = 1 AS is_total,
           ${RETENTION_MONTHS.map(
             (months) =>
               `count(*) FILTER (WHERE months = ${months} AND eligible)::int AS eligible_${months}m,
                count(*) FILTER (WHERE months = ${months} AND eligible AND not_ended)::int AS retained_${months}m`,
           ).join(', ')}
      FROM held GROUP BY GROUPING SETS ((contacted_by), ())`;

  const trendParams = new SqlParams();
  const trendSql = `WITH ${cohortCte(context, trendParams, { byStaff: true })}
    SELECT to_char(date_trunc(${trendParams.add(context.period.interval)}, contacted_at AT TIME ZONE ${trendParams.add(context.timeZone)}), 'YYYY-MM-DD') AS start,
           ${FUNNEL_COMPANY_STEPS.map((step) => `count(${step})::int AS ${step}`).join(', ')}
      FROM cohort GROUP BY 1`;

  const [stepRows, heldRows, trendRows] = await Promise.all([
    manager.query(stepSql, stepParams.values) as Promise<GroupRow[]>,
    manager.query(heldSql, heldParams.values) as Promise<GroupRow[]>,
    manager.query(trendSql, trendParams.values) as Promise<Array<Record<string, unknown>>>,
  ]);
  return { stepRows, heldRows, trendRows };
}
