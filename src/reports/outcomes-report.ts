import { EntityManager } from 'typeorm';
import { ALERT_KIND_LABELS } from '../alerts/alerts.service';
import { ALERT_KINDS, AlertKind } from '../alerts/staff-alert.entity';
import { CHECK_IN_PARTIES } from '../checkins/check-in.entity';
import { CONTRACT_TYPE_LABELS, CONTRACT_TYPES, ContractType, DYNAMIC_EXIT_CATEGORIES, EXIT_CATEGORIES, ExitCategory } from '../placements/contract-types';
import { periodBounds, ReportContext } from './report-context';
import { PLACEMENT_MARKS } from './funnel-report';
import { FUNNEL_RETENTION_STEPS, Outcomes, RETENTION_MONTHS } from './report-types';
import { ratio, round, SqlParams } from './sql-params';

export const PARTY_LABELS = { employee: 'Salarié·e', employer: 'Employeur' } as const;

/** The exit categories as a funder's report names them (groups of people, hence the plurals). */
export const EXIT_REPORT_LABELS: Record<ExitCategory, string> = {
  durable_employment: 'Emploi durable',
  transition_employment: 'Emploi de transition',
  positive_exit: 'Sorties positives',
  other: 'Autres sorties',
};

export const DYNAMIC_EXITS_LABEL = 'Sorties dynamiques';

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

/** Placements, retention, exits, lead time, check-ins and alerts of the period, for one staff member or everyone. */
export async function outcomesFor(manager: EntityManager, context: ReportContext, staffId: string | null): Promise<Outcomes> {
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
  ])) as Array<Array<Record<string, unknown>>>;

  const started = new Map(placements.map((row) => [String(row.contract_type), Number(row.started)]));
  const byContractType = CONTRACT_TYPES.filter((type) => (started.get(type) ?? 0) > 0).map((type: ContractType) => ({
    contractType: type,
    label: CONTRACT_TYPE_LABELS[type],
    count: started.get(type)!,
  }));
  const retention = RETENTION_MONTHS.map((months, index) => {
    const row = marks.find((candidate) => Number(candidate.months) === months);
    const eligible = row ? Number(row.eligible) : 0;
    const retained = row ? Number(row.retained) : 0;
    return { months, key: FUNNEL_RETENTION_STEPS[index], eligible, retained, rate: ratio(retained, eligible) };
  });
  const exitCounts = new Map(exits.map((row) => [String(row.exit_category), Number(row.count)]));
  const exitTotal = [...exitCounts.values()].reduce((sum, count) => sum + count, 0);
  const dynamicExits = DYNAMIC_EXIT_CATEGORIES.reduce((sum, category) => sum + (exitCounts.get(category) ?? 0), 0);
  const lead = leads[0];
  const parties = CHECK_IN_PARTIES.map((party) => {
    const row = checkIns.find((candidate) => candidate.party === party);
    const sent = row ? Number(row.sent) : 0;
    const answered = row ? Number(row.answered) : 0;
    return { party, label: PARTY_LABELS[party], sent, answered, rate: ratio(answered, sent) };
  });
  const sent = parties.reduce((sum, party) => sum + party.sent, 0);
  const answered = parties.reduce((sum, party) => sum + party.answered, 0);
  const alertCounts = new Map(alerts.map((row) => [String(row.kind), Number(row.count)]));

  return {
    placements: {
      byContractType,
      total: byContractType.reduce((sum, row) => sum + row.count, 0),
      ruptures: placements.reduce((sum, row) => sum + Number(row.ruptures), 0),
    },
    retention,
    exits: {
      byCategory: EXIT_CATEGORIES.map((category) => ({
        category,
        label: EXIT_REPORT_LABELS[category],
        count: exitCounts.get(category) ?? 0,
        share: ratio(exitCounts.get(category) ?? 0, exitTotal),
        dynamic: DYNAMIC_EXIT_CATEGORIES.includes(category),
      })),
      dynamic: { count: dynamicExits, rate: ratio(dynamicExits, exitTotal) },
      total: exitTotal,
    },
    leadTime: {
      count: Number(lead.count),
      medianDays: round(lead.median as number | null, 1),
      withinTarget: Number(lead.within),
      targetDays: Number(lead.target),
    },
    checkIns: { byParty: parties, sent, answered, rate: ratio(answered, sent) },
    alerts: {
      byKind: ALERT_KINDS.map((kind: AlertKind) => ({ kind, label: ALERT_KIND_LABELS[kind], count: alertCounts.get(kind) ?? 0 })),
      total: [...alertCounts.values()].reduce((sum, count) => sum + count, 0),
    },
  };
}
