import { EntityManager } from 'typeorm';
import { ACTIVITY_LABELS } from '../prospection/activity.entity';
import { ALERT_KIND_LABELS } from '../alerts/alerts.service';
import { AlertKind } from '../alerts/staff-alert.entity';
import { CONTRACT_TYPE_LABELS, ContractType, DYNAMIC_EXIT_CATEGORIES, ExitCategory } from '../placements/contract-types';
import { ValidationFailedException } from '../common/validation';
import { cohortCte, retentionCte } from './funnel.queries';
import { DYNAMIC_EXITS_LABEL, EXIT_REPORT_LABELS, PARTY_LABELS } from './outcomes-report';
import { marksCte } from './outcomes.queries';
import { addDays } from './period';
import { periodBounds, ReportContext } from './report-context';
import { DrillKind, FUNNEL_COMPANY_STEPS, FUNNEL_STEP_LABELS, FunnelCompanyStep, REPORT_ACTIVITY_TYPES, ReportActivityType } from './report-types';
import { SqlParams } from './sql-params';
import { REPORT } from '../refusals/index';
import { because } from '../refusals/refused';

/*
 * The SQL of the lists behind the numbers of the reports (docs/reports.md): one builder per family
 * of numbers, each in the context's structure (and staff member), at most DRILL_LIMIT rows.
 */

export const DRILL_LIMIT = 1000;

const PLACEMENT_COLUMNS = `p.id, trim(ca.first_name || ' ' || ca.last_name) || ' — ' || co.name AS label,
  '/candidats/' || p.candidate_id AS href, co.name AS company, p.kind, p.contract_type AS "contractType",
  to_char(p.start_date, 'YYYY-MM-DD') AS "startDate", to_char(p.planned_end_date, 'YYYY-MM-DD') AS "plannedEndDate",
  to_char(p.end_date, 'YYYY-MM-DD') AS "endDate", p.end_kind AS "endKind", p.status`;
const PLACEMENT_JOINS = `JOIN candidate ca ON ca.id = p.candidate_id JOIN company co ON co.id = p.company_id`;

interface Built {
  kind: DrillKind;
  title: string;
  sql: string;
  params: SqlParams;
}

function retentionMetric(name: string): { which: 'retained' | 'eligible'; months: number } | null {
  const match = /^(retained|eligible)_(1|3|6)m$/.exec(name);
  return match ? { which: match[1] as 'retained' | 'eligible', months: Number(match[2]) } : null;
}

function unknownMetric(): never {
  throw new ValidationFailedException([{ field: 'metric', message: 'metric is not a report number (see the API documentation)', ...because(REPORT.metricInvalid) }]);
}

function funnelDrill(context: ReportContext, name: string): Built {
  const params = new SqlParams();
  const bucket = context.query.bucket;
  if ((FUNNEL_COMPANY_STEPS as readonly string[]).includes(name)) {
    const step = name as FunnelCompanyStep;
    const sql = `WITH ${cohortCte(context, params, { byStaff: true, bucket })}
      SELECT c.id, c.name AS label, '/entreprises/' || c.id AS href, c.commune, s.name AS stage,
             co.contacted_at AS "contactedAt", co.${step} AS "reachedAt",
             trim(u.first_name || ' ' || u.last_name) AS staff, count(*) OVER ()::int AS total
        FROM cohort co JOIN company c ON c.id = co.company_id JOIN pipeline_stage s ON s.id = c.stage_id
        LEFT JOIN app_user u ON u.id = co.contacted_by
       WHERE co.${step} IS NOT NULL
       ORDER BY co.${step}, c.name LIMIT ${DRILL_LIMIT}`;
    return { kind: 'companies', title: `${FUNNEL_STEP_LABELS[step]} : entreprises`, sql, params };
  }
  const retention = retentionMetric(name);
  if (!retention) unknownMetric();
  const sql = `WITH ${cohortCte(context, params, { byStaff: true, bucket })}, ${retentionCte(context, params)}
    SELECT ${PLACEMENT_COLUMNS}, to_char(h.mark, 'YYYY-MM-DD') AS mark, count(*) OVER ()::int AS total
      FROM held h JOIN placement p ON p.id = h.placement_id ${PLACEMENT_JOINS}
     WHERE h.months = ${retention.months} AND h.eligible ${retention.which === 'retained' ? 'AND h.not_ended' : ''}
     ORDER BY p.start_date, label LIMIT ${DRILL_LIMIT}`;
  const title =
    retention.which === 'retained'
      ? `En poste à ${retention.months} mois : contrats`
      : `Contrats arrivés à ${retention.months} mois`;
  return { kind: 'placements', title, sql, params };
}

function activityDrill(context: ReportContext, name: string): Built {
  if (!(REPORT_ACTIVITY_TYPES as readonly string[]).includes(name)) unknownMetric();
  const type = name as ReportActivityType;
  const params = new SqlParams();
  const { start, end } = periodBounds(context, params);
  const where = [`a.structure_id = ${params.add(context.structureId)}`, `a.type = ${params.add(type)}`, `a.occurred_at >= ${start}`, `a.occurred_at < ${end}`];
  if (context.staffId) where.push(`a.author_id = ${params.add(context.staffId)}`);
  if (context.query.week) {
    const zone = params.add(context.timeZone);
    where.push(`a.occurred_at >= (${params.add(context.query.week)}::date::timestamp AT TIME ZONE ${zone})`);
    where.push(`a.occurred_at < (${params.add(addDays(context.query.week, 7))}::date::timestamp AT TIME ZONE ${zone})`);
  }
  const sql = `SELECT a.id, c.name AS label, '/entreprises/' || c.id AS href, a.type, a.outcome, a.occurred_at AS "occurredAt",
                      trim(u.first_name || ' ' || u.last_name) AS author, count(*) OVER ()::int AS total
                 FROM activity a JOIN company c ON c.id = a.company_id LEFT JOIN app_user u ON u.id = a.author_id
                WHERE ${where.join(' AND ')}
                ORDER BY a.occurred_at, a.id LIMIT ${DRILL_LIMIT}`;
  return { kind: 'activities', title: `${ACTIVITY_LABELS[type]} : activités`, sql, params };
}

function outcomesDrill(context: ReportContext, name: string): Built {
  const params = new SqlParams();
  const structure = () => params.add(context.structureId);
  const staff = (column: string) => (context.staffId ? `AND ${column} = ${params.add(context.staffId)}` : '');
  const { from, to } = context.period;
  const query = context.query;

  if (name === 'placements' || name === 'ruptures') {
    const where =
      name === 'placements'
        ? `p.start_date BETWEEN ${params.add(from)} AND ${params.add(to)} AND p.status IN ('started', 'ended')
           ${query.contractType ? `AND p.contract_type = ${params.add(query.contractType)}` : ''}`
        : `p.end_kind = 'early' AND p.end_date BETWEEN ${params.add(from)} AND ${params.add(to)}`;
    const sql = `SELECT ${PLACEMENT_COLUMNS}, count(*) OVER ()::int AS total FROM placement p ${PLACEMENT_JOINS}
                  WHERE p.structure_id = ${structure()} AND ${where} ${staff('p.owner_id')}
                  ORDER BY p.start_date, label LIMIT ${DRILL_LIMIT}`;
    const title =
      name === 'ruptures'
        ? 'Ruptures de la période'
        : `Placements commencés${query.contractType ? ` (${CONTRACT_TYPE_LABELS[query.contractType as ContractType]})` : ''}`;
    return { kind: 'placements', title, sql, params };
  }
  const retention = retentionMetric(name);
  if (retention) {
    const sql = `WITH ${marksCte(context, params, context.staffId)}
      SELECT ${PLACEMENT_COLUMNS}, to_char(m.mark, 'YYYY-MM-DD') AS mark, count(*) OVER ()::int AS total
        FROM marks m JOIN placement p ON p.id = m.placement_id ${PLACEMENT_JOINS}
       WHERE m.months = ${retention.months} ${retention.which === 'retained' ? 'AND m.not_ended' : ''}
       ORDER BY m.mark, label LIMIT ${DRILL_LIMIT}`;
    const title =
      retention.which === 'retained'
        ? `En poste à ${retention.months} mois (échéance dans la période)`
        : `Contrats arrivés à ${retention.months} mois dans la période`;
    return { kind: 'placements', title, sql, params };
  }
  if (name === 'exits' || name === 'dynamic_exits') {
    // The dynamic exits are the list behind their total: the exits of the three dynamic categories.
    const categories = name === 'dynamic_exits' ? [...DYNAMIC_EXIT_CATEGORIES] : query.category ? [query.category] : null;
    const sql = `SELECT ca.id, trim(ca.first_name || ' ' || ca.last_name) AS label, '/candidats/' || ca.id AS href,
                        to_char(ca.exit_date, 'YYYY-MM-DD') AS "exitDate", ca.exit_category AS category, count(*) OVER ()::int AS total
                   FROM candidate ca
                  WHERE ca.structure_id = ${structure()} AND ca.exit_date BETWEEN ${params.add(from)} AND ${params.add(to)}
                    ${categories ? `AND ca.exit_category = ANY(${params.add(categories)}::text[])` : ''} ${staff('ca.owner_id')}
                  ORDER BY ca.exit_date, label LIMIT ${DRILL_LIMIT}`;
    const title =
      name === 'dynamic_exits'
        ? DYNAMIC_EXITS_LABEL
        : `Sorties${query.category ? ` : ${EXIT_REPORT_LABELS[query.category as ExitCategory]}` : ''}`;
    return { kind: 'candidates', title, sql, params };
  }
  if (name === 'lead_time') {
    const { start, end } = periodBounds(context, params);
    const sql = `SELECT l.id, l.job_title || ' — ' || c.name AS label, '/pistes/' || l.id AS href, l.spotted_at AS "spottedAt",
                        l.first_proposed_at AS "firstProposedAt",
                        round((extract(epoch FROM l.first_proposed_at - l.spotted_at) / 86400)::numeric, 1)::float AS days,
                        (l.first_proposed_at - l.spotted_at <= s.proposal_target_days * interval '1 day') AS "withinTarget",
                        count(*) OVER ()::int AS total
                   FROM job_lead l JOIN company c ON c.id = l.company_id JOIN structure s ON s.id = l.structure_id
                  WHERE l.structure_id = ${structure()} AND l.first_proposed_at >= ${start} AND l.first_proposed_at < ${end}
                    ${staff('l.owner_id')}
                  ORDER BY l.first_proposed_at, l.id LIMIT ${DRILL_LIMIT}`;
    return { kind: 'leads', title: 'Pistes : délai entre besoin repéré et première proposition', sql, params };
  }
  if (name === 'check_ins_sent' || name === 'check_ins_answered') {
    const { start, end } = periodBounds(context, params);
    const sql = `SELECT ci.id, CASE ci.party WHEN 'employee' THEN '${PARTY_LABELS.employee}' ELSE '${PARTY_LABELS.employer}' END
                          || ' — ' || trim(ca.first_name || ' ' || ca.last_name) || ' — ' || co.name || ' (' || ci.step || ')' AS label,
                        '/candidats/' || p.candidate_id AS href, ci.party, ci.step, ci.sent_at AS "sentAt", ci.answered_at AS "answeredAt",
                        ci.rating, count(*) OVER ()::int AS total
                   FROM check_in ci JOIN placement p ON p.id = ci.placement_id ${PLACEMENT_JOINS}
                  WHERE ci.structure_id = ${structure()} AND ci.sent_at >= ${start} AND ci.sent_at < ${end}
                    ${name === 'check_ins_answered' ? 'AND ci.answered_at IS NOT NULL' : ''}
                    ${query.party ? `AND ci.party = ${params.add(query.party)}` : ''} ${staff('p.owner_id')}
                  ORDER BY ci.sent_at, ci.id LIMIT ${DRILL_LIMIT}`;
    return {
      kind: 'check_ins',
      title: name === 'check_ins_sent' ? 'Questionnaires de suivi envoyés' : 'Questionnaires de suivi répondus',
      sql,
      params,
    };
  }
  if (name === 'alerts') {
    const { start, end } = periodBounds(context, params);
    const sql = `SELECT al.id, al.message AS label,
                        CASE WHEN p.id IS NULL THEN '/' ELSE '/candidats/' || p.candidate_id END AS href,
                        al.kind, al.created_at AS "createdAt", al.resolved_at AS "resolvedAt", count(*) OVER ()::int AS total
                   FROM staff_alert al LEFT JOIN placement p ON p.id = al.placement_id
                  WHERE al.structure_id = ${structure()} AND al.created_at >= ${start} AND al.created_at < ${end}
                    ${query.kind ? `AND al.kind = ${params.add(query.kind)}` : ''} ${staff('al.user_id')}
                  ORDER BY al.created_at, al.id LIMIT ${DRILL_LIMIT}`;
    return { kind: 'alerts', title: `Alertes${query.kind ? ` : ${ALERT_KIND_LABELS[query.kind as AlertKind]}` : ''}`, sql, params };
  }
  return unknownMetric();
}

/** The rows behind `metric` (`<family>.<name>`), each with the list's `total`, and the list's kind and title. */
export async function drillRows(
  manager: EntityManager,
  context: ReportContext,
  metric: string,
): Promise<{ kind: DrillKind; title: string; rows: Array<Record<string, unknown>> }> {
  const [family, name] = metric.split('.');
  const built = family === 'funnel' ? funnelDrill(context, name) : family === 'activity' ? activityDrill(context, name) : outcomesDrill(context, name);
  const rows: Array<Record<string, unknown>> = await manager.query(built.sql, built.params.values);
  return { kind: built.kind, title: built.title, rows };
}
