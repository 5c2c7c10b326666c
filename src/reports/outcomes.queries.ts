import { EntityManager } from 'typeorm';
import { periodBounds, ReportContext } from './report-context';
import { PLACEMENT_MARKS } from './funnel.queries';
import { SqlParams } from './sql-params';

/** The outcomes report's SQL (docs/reports.md, outcomes), each count in the context's structure. */

/** SQL for the retention marks falling in the period (docs/reports.md, outcomes). A CTE named `marks`. */
export function marksCte(context: ReportContext, params: SqlParams, staffId: string | null): string {
  const from = params.add(context.period.from);
  const to = params.add(context.period.to);
  const today = params.add(context.period.today);
  return `marks AS (
    SELECT p.id AS placement_id, m.months, k.mark,
           (p.end_date IS NULL OR p.end_date >= k.mark) AS not_ended
      FROM placement p
     ${PLACEMENT_MARKS}
     WHERE p.structure_id = ${params.add(context.structureId)}
       AND p.kind = 'contract' AND p.status IN ('started', 'ended')
       AND p.start_date BETWEEN ${from}::date - interval '7 months' AND ${to}::date
       ${staffId ? `AND p.owner_id = ${params.add(staffId)}` : ''}
       AND k.mark BETWEEN ${from}::date AND LEAST(${to}::date, ${today}::date)
       AND (p.planned_end_date IS NULL OR p.planned_end_date >= k.mark)
  )`;
}

export interface PlacementCountRow {
  contract_type: string;
  started: number;
  ruptures: number;
}

export interface MarkCountRow {
  months: number;
  eligible: number;
  retained: number;
}

export interface ExitCountRow {
  exit_category: string;
  count: number;
}

export interface LeadTimeRow {
  count: number;
  median: number | null;
  within: number;
  target: number;
}

export interface CheckInCountRow {
  party: string;
  sent: number;
  answered: number;
}

export interface AlertCountRow {
  kind: string;
  count: number;
}

export interface OutcomeRows {
  placements: PlacementCountRow[];
  marks: MarkCountRow[];
  exits: ExitCountRow[];
  leads: LeadTimeRow[];
  checkIns: CheckInCountRow[];
  alerts: AlertCountRow[];
}

/** Placements, retention marks, exits, lead time, check-ins and alerts of the period, for one staff member or everyone. */
export async function outcomeRows(manager: EntityManager, context: ReportContext, staffId: string | null): Promise<OutcomeRows> {
  const structure = context.structureId;
  const { from, to } = context.period;

  const placementParams = new SqlParams();
  const placementSql = `
    SELECT p.contract_type, count(*) FILTER (WHERE p.start_date BETWEEN $2 AND $3 AND p.status IN ('started', 'ended'))::int AS started,
           count(*) FILTER (WHERE p.end_kind = 'early' AND p.end_date BETWEEN $2 AND $3)::int AS ruptures
      FROM placement p
     WHERE p.structure_id = ${placementParams.add(structure)}
       AND (p.start_date BETWEEN ${placementParams.add(from)} AND ${placementParams.add(to)} OR p.end_date BETWEEN $2 AND $3)
       ${staffId ? `AND p.owner_id = ${placementParams.add(staffId)}` : ''}
     GROUP BY p.contract_type`;

  const marksParams = new SqlParams();
  const marksSql = `WITH ${marksCte(context, marksParams, staffId)}
    SELECT months, count(*)::int AS eligible, count(*) FILTER (WHERE not_ended)::int AS retained FROM marks GROUP BY months`;

  const exitParams = new SqlParams();
  const exitSql = `
    SELECT exit_category, count(*)::int AS count FROM candidate
     WHERE structure_id = ${exitParams.add(structure)} AND exit_date BETWEEN ${exitParams.add(from)} AND ${exitParams.add(to)}
       ${staffId ? `AND owner_id = ${exitParams.add(staffId)}` : ''}
     GROUP BY exit_category`;

  const leadParams = new SqlParams();
  const leadBounds = periodBounds(context, leadParams);
  const leadSql = `
    SELECT count(l.id)::int AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM l.first_proposed_at - l.spotted_at) / 86400) AS median,
           count(*) FILTER (WHERE l.first_proposed_at - l.spotted_at <= s.proposal_target_days * interval '1 day')::int AS within,
           min(s.proposal_target_days) AS target
      FROM structure s
      LEFT JOIN job_lead l ON l.structure_id = s.id
           AND l.first_proposed_at >= ${leadBounds.start} AND l.first_proposed_at < ${leadBounds.end}
           ${staffId ? `AND l.owner_id = ${leadParams.add(staffId)}` : ''}
     WHERE s.id = ${leadParams.add(structure)}`;

  const checkInParams = new SqlParams();
  const checkInBounds = periodBounds(context, checkInParams);
  const checkInSql = `
    SELECT c.party, count(*)::int AS sent, count(c.answered_at)::int AS answered
      FROM check_in c ${staffId ? 'JOIN placement p ON p.id = c.placement_id' : ''}
     WHERE c.structure_id = ${checkInParams.add(structure)}
       AND c.sent_at >= ${checkInBounds.start} AND c.sent_at < ${checkInBounds.end}
       ${staffId ? `AND p.owner_id = ${checkInParams.add(staffId)}` : ''}
     GROUP BY c.party`;

  const alertParams = new SqlParams();
  const alertBounds = periodBounds(context, alertParams);
  const alertSql = `
    SELECT kind, count(*)::int AS count FROM staff_alert
     WHERE structure_id = ${alertParams.add(structure)}
       AND created_at >= ${alertBounds.start} AND created_at < ${alertBounds.end}
       ${staffId ? `AND user_id = ${alertParams.add(staffId)}` : ''}
     GROUP BY kind`;

  const [placements, marks, exits, leads, checkIns, alerts] = (await Promise.all([
    manager.query(placementSql, placementParams.values),
    manager.query(marksSql, marksParams.values),
    manager.query(exitSql, exitParams.values),
    manager.query(leadSql, leadParams.values),
    manager.query(checkInSql, checkInParams.values),
    manager.query(alertSql, alertParams.values),
  ])) as [PlacementCountRow[], MarkCountRow[], ExitCountRow[], LeadTimeRow[], CheckInCountRow[], AlertCountRow[]];
  return { placements, marks, exits, leads, checkIns, alerts };
}
