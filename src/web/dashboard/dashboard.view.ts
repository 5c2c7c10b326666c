import { embeddedJson } from '../kit/embedded-json';
import hbs from 'hbs';
import { COMPANY_SOURCE_LABELS, COMPANY_SOURCES, CompanySource } from '../../companies/company.entity';
import { DYNAMIC_EXITS_LABEL } from '../../reports/outcomes-report';
import { ratio } from '../../reports/sql-params';
import {
  ActivityReport,
  ActivityTargets,
  ActivityWeek,
  FUNNEL_COMPANY_STEPS,
  FUNNEL_STEP_LABELS,
  FunnelCompanyStep,
  FunnelReport,
  FunnelStepKey,
  Outcomes,
  OutcomesReport,
  REPORT_ACTIVITY_TYPES,
  ReportActivityType,
  RETENTION_MONTHS,
  StepCounts,
} from '../../reports/report-types';
import { dayFr } from '../board/board.view';

/*
 * The dashboard's figures as the pages show them: French numbers, the funnel, activity and outcomes
 * tables with the list behind every number, the chart data and the period wording. Pure functions.
 */

/** The style sheets of every dashboard page. */
export const DASHBOARD_STYLES = ['/static/company.css', '/static/leads.css', '/static/dashboard.css'];

// ================================================================ labels and numbers

export const ACTIVITY_TYPE_LABELS: Record<ReportActivityType, string> = {
  call: 'Appels',
  meeting: 'Rendez-vous',
  visit: 'Visites',
  event: 'Événements',
};

/** Short step names for narrow table headers and chart legends. */
export const STEP_SHORT_LABELS: Record<FunnelStepKey, string> = {
  contacted: 'Contactées',
  meeting_held: 'RDV réalisé',
  need_found: 'Besoin repéré',
  candidate_proposed: 'Candidat proposé',
  hired: 'Embauche',
  retained_1m: 'En poste 1 mois',
  retained_3m: 'En poste 3 mois',
  retained_6m: 'En poste 6 mois',
};

const PERCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const INTEGER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** The one rounding of a rate, to a tenth of a percent: 7/13 → "53,8 %"; null → "—". */
export function percentFr(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : PERCENT.format(rate);
}

/** 1.5 → "1,5"; null → "—". */
export function decimalFr(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : DECIMAL.format(value);
}

export function integerFr(value: number): string {
  return INTEGER.format(value);
}

function dateOnlyFr(value: string, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone }).format(new Date(value));
}

export function linkWith(base: string, first: Record<string, string | null | undefined>, filters: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(first)) if (value) params.set(key, value);
  const own = params.toString();
  return `${base}?${[own, filters].filter(Boolean).join('&')}`;
}

export const drillHref = (metric: string, filters: string, extra: Record<string, string | null | undefined> = {}) =>
  linkWith('/tableau-de-bord/liste', { metric, ...extra }, filters);

export const csvHref = (table: string, filters: string, extra: Record<string, string | null | undefined> = {}) =>
  linkWith('/api/reports/export.csv', { table, ...extra }, filters);

// ================================================================ view models

/** One number of a table: its text and, when it can be opened, the list behind it. */
export interface Cell {
  text: string;
  href: string | null;
  /** What the link opens, for screen readers. */
  title?: string;
}

function cell(count: number, href: string | null, title?: string): Cell {
  return { text: integerFr(count), href, title };
}

interface Linker {
  /** The shared filters as a query string; null: the numbers are not links (printable report). */
  filters: string | null;
  /** Whether the team's totals can be opened (managers) or are totals only (staff). */
  teamLinks: boolean;
}

const link = (linker: Linker, metric: string, extra: Record<string, string | null | undefined> = {}) =>
  linker.filters === null ? null : drillHref(metric, linker.filters, extra);

/** The team links drop the staff filter: they open the whole structure's list. */
function teamFilters(linker: Linker): Linker {
  if (linker.filters === null || !linker.teamLinks) return { filters: null, teamLinks: false };
  const params = new URLSearchParams(linker.filters);
  params.delete('staffId');
  return { filters: params.toString(), teamLinks: true };
}

type Months = (typeof RETENTION_MONTHS)[number];
const retentionKey = (months: number) => `retained_${months as Months}m` as const;
const eligibleKey = (months: number) => `eligible_${months as Months}m` as const;

export function funnelView(report: FunnelReport, linker: Linker, showTeam: boolean) {
  const team = teamFilters(linker);
  const contacted = report.steps.find((step) => step.key === 'contacted')?.count ?? 0;
  const rows = report.steps.map((step) => {
    const retention = step.unit === 'contracts';
    const months = retention ? Number(/\d+/.exec(step.key)?.[0]) : 0;
    const eligibleMetric = retention ? `funnel.${eligibleKey(months)}` : '';
    const teamCount = report.team[step.key as keyof StepCounts];
    const teamEligible = retention ? report.team[eligibleKey(months)] : null;
    return {
      key: step.key,
      label: step.label,
      retention,
      count: cell(step.count, link(linker, `funnel.${step.key}`), `Voir la liste : ${step.label}`),
      eligible: retention && step.eligible !== null ? cell(step.eligible, link(linker, eligibleMetric), `Voir les contrats attendus à ${months} mois`) : null,
      conversion: percentFr(step.conversion),
      medianDays: decimalFr(step.medianDays),
      team: showTeam && typeof teamCount === 'number' ? cell(teamCount, link(team, `funnel.${step.key}`)) : null,
      teamEligible: showTeam && teamEligible !== null ? cell(teamEligible, link(team, eligibleMetric)) : null,
      // The bar: companies against the contacted ones; retained contracts against the eligible ones.
      barMax: retention ? Math.max(step.eligible ?? 0, 1) : Math.max(contacted, 1),
      barValue: step.count,
    };
  });
  return { rows, companyRows: rows.filter((row) => !row.retention), retentionRows: rows.filter((row) => row.retention) };
}

const STAFF_COLUMNS: Array<{ key: keyof StepCounts; label: string; eligible?: keyof StepCounts }> = [
  ...FUNNEL_COMPANY_STEPS.map((key) => ({ key, label: STEP_SHORT_LABELS[key] })),
  ...RETENTION_MONTHS.map((months) => ({ key: retentionKey(months), label: STEP_SHORT_LABELS[retentionKey(months)], eligible: eligibleKey(months) })),
];

export function staffTableView(report: FunnelReport, linker: Linker) {
  const team = teamFilters(linker);
  const cellsOf = (counts: StepCounts, own: Linker, staffId: string | null | undefined, who: string) =>
    STAFF_COLUMNS.map((column) => ({
      count: cell(counts[column.key], staffId === null ? null : link(own, `funnel.${column.key}`, { staffId }), `${column.label} – ${who}`),
      eligible: column.eligible
        ? cell(counts[column.eligible], staffId === null ? null : link(own, `funnel.${column.eligible}`, { staffId }), `Contrats attendus – ${who}`)
        : null,
    }));
  return {
    columns: STAFF_COLUMNS.map((column) => ({ label: column.label, retention: Boolean(column.eligible) })),
    rows: report.byStaff.map((row) => ({ name: row.name, staffId: row.staffId, cells: cellsOf(row.counts, linker, row.staffId, row.name) })),
    team: { cells: cellsOf(report.team, team, undefined, 'équipe') },
  };
}

export function trendView(report: FunnelReport, linker: Linker) {
  return {
    interval: report.trend.interval,
    intervalLabel: report.trend.interval === 'week' ? 'Semaine' : 'Mois',
    columns: FUNNEL_COMPANY_STEPS.map((key) => STEP_SHORT_LABELS[key]),
    rows: report.trend.buckets.map((bucket) => ({
      label: bucket.label,
      start: bucket.start,
      cells: FUNNEL_COMPANY_STEPS.map((key) =>
        cell(bucket.counts[key], link(linker, `funnel.${key}`, { bucket: bucket.start, interval: report.trend.interval }), `${STEP_SHORT_LABELS[key]} – ${bucket.label}`),
      ),
    })),
  };
}

function targetText(target: number | null): string {
  return target === null ? 'pas d’objectif' : `objectif ${integerFr(target)}/sem.`;
}

function weekCells(week: ActivityWeek, targets: ActivityTargets | null, linker: Linker, staffId: string | null | undefined, who: string) {
  return REPORT_ACTIVITY_TYPES.map((type) => {
    const target = targets ? targets[type] : null;
    const count = week.counts[type];
    const status = target === null || week.partial ? 'none' : count >= target ? 'met' : 'below';
    return {
      ...cell(count, staffId === null ? null : link(linker, `activity.${type}`, { staffId, week: week.week }), `${ACTIVITY_TYPE_LABELS[type]} – ${who} – ${week.label}`),
      status,
      met: status === 'met',
      below: status === 'below',
    };
  });
}

export function activityView(report: ActivityReport, linker: Linker) {
  const team = teamFilters(linker);
  return {
    types: REPORT_ACTIVITY_TYPES.map((type) => ({ type, label: ACTIVITY_TYPE_LABELS[type] })),
    staff: report.staff.map((member) => {
      const full = member.weeks.filter((week) => !week.partial);
      return {
        name: member.name,
        staffId: member.staffId,
        // Per type: the total, the average of full weeks against the weekly target, the weeks at target.
        summary: REPORT_ACTIVITY_TYPES.map((type) => {
          const target = member.targets[type];
          const met = target === null ? null : full.filter((week) => week.counts[type] >= target).length;
          const average = full.length ? full.reduce((sum, week) => sum + week.counts[type], 0) / full.length : null;
          return {
            label: ACTIVITY_TYPE_LABELS[type],
            total: cell(member.totals[type], member.staffId === null ? null : link(linker, `activity.${type}`, { staffId: member.staffId }), `${ACTIVITY_TYPE_LABELS[type]} – ${member.name}`),
            average: decimalFr(average),
            target: target === null ? '—' : integerFr(target),
            weeksMet: met === null ? '—' : `${met} / ${full.length}`,
            below: target !== null && average !== null && average < target,
          };
        }),
        targets: REPORT_ACTIVITY_TYPES.map((type) => ({ label: ACTIVITY_TYPE_LABELS[type], text: targetText(member.targets[type]) })),
        weeks: member.weeks.map((week) => ({ label: week.label, partial: week.partial, cells: weekCells(week, member.targets, linker, member.staffId, member.name) })),
        totals: REPORT_ACTIVITY_TYPES.map((type) =>
          cell(member.totals[type], member.staffId === null ? null : link(linker, `activity.${type}`, { staffId: member.staffId }), `${ACTIVITY_TYPE_LABELS[type]} – ${member.name}`),
        ),
      };
    }),
    team: {
      weeks: report.team.weeks.map((week) => ({ label: week.label, partial: week.partial, cells: weekCells(week, null, team, undefined, 'équipe') })),
      totals: REPORT_ACTIVITY_TYPES.map((type) => ({
        ...cell(report.team.totals[type], link(team, `activity.${type}`), `${ACTIVITY_TYPE_LABELS[type]} – équipe`),
        label: ACTIVITY_TYPE_LABELS[type],
      })),
    },
  };
}

export function outcomesView(report: OutcomesReport, linker: Linker, showTeam: boolean) {
  const team = teamFilters(linker);
  const teamOf = <T>(pick: (outcomes: Outcomes) => T) => (showTeam ? pick(report.team) : null);
  const teamCount = (count: number | undefined, metric: string, extra: Record<string, string> = {}) =>
    showTeam && count !== undefined ? cell(count, link(team, metric, extra)) : null;
  /** A table of counts by one key (contract type, exit category, alert kind) and its total, every number linked to its list. */
  const countsBy = (
    metric: string,
    param: string,
    rowsOf: (outcomes: Outcomes) => Array<{ label: string; count: number; value: string }>,
    totalOf: (outcomes: Outcomes) => number,
    titlePrefix: string,
    totalTitle: string,
  ) => ({
    rows: rowsOf(report).map((row) => ({
      label: row.label,
      count: cell(row.count, link(linker, metric, { [param]: row.value }), `${titlePrefix} : ${row.label}`),
      team: teamCount(teamOf((outcomes) => rowsOf(outcomes).find((entry) => entry.value === row.value)?.count ?? 0) ?? undefined, metric, {
        [param]: row.value,
      }),
    })),
    total: cell(totalOf(report), link(linker, metric), totalTitle),
    teamTotal: teamCount(teamOf(totalOf) ?? undefined, metric),
  });
  const exits = countsBy(
    'outcomes.exits',
    'category',
    (outcomes) => outcomes.exits.byCategory.map((row) => ({ ...row, value: row.category })),
    (outcomes) => outcomes.exits.total,
    'Sorties',
    'Toutes les sorties',
  );
  return {
    placements: {
      ...countsBy(
        'outcomes.placements',
        'contractType',
        (outcomes) => outcomes.placements.byContractType.map((row) => ({ ...row, value: row.contractType })),
        (outcomes) => outcomes.placements.total,
        'Placements',
        'Tous les placements',
      ),
      ruptures: cell(report.placements.ruptures, link(linker, 'outcomes.ruptures'), 'Ruptures'),
      teamRuptures: teamCount(teamOf((outcomes) => outcomes.placements.ruptures) ?? undefined, 'outcomes.ruptures'),
    },
    retention: report.retention.map((figure) => {
      const teamFigure = teamOf((outcomes) => outcomes.retention.find((entry) => entry.months === figure.months));
      return {
        label: `${figure.months} mois`,
        eligible: cell(figure.eligible, link(linker, `outcomes.${eligibleKey(figure.months)}`), `Contrats attendus à ${figure.months} mois`),
        retained: cell(figure.retained, link(linker, `outcomes.${retentionKey(figure.months)}`), `Contrats tenus à ${figure.months} mois`),
        rate: percentFr(figure.rate),
        team: teamFigure
          ? {
              eligible: cell(teamFigure.eligible, link(team, `outcomes.${eligibleKey(figure.months)}`)),
              retained: cell(teamFigure.retained, link(team, `outcomes.${retentionKey(figure.months)}`)),
              rate: percentFr(teamFigure.rate),
            }
          : null,
      };
    }),
    exits: {
      ...exits,
      rows: exits.rows.map((row, index) => ({ ...row, share: percentFr(report.exits.byCategory[index].share) })),
      totalShare: percentFr(report.exits.total ? 1 : null),
      // The « sorties dynamiques » (emploi durable + emploi de transition + sorties positives) and
      // their rate over all exits, linked to their list like every number.
      dynamic: {
        label: DYNAMIC_EXITS_LABEL,
        count: cell(report.exits.dynamic.count, link(linker, 'outcomes.dynamic_exits'), `${DYNAMIC_EXITS_LABEL} : emploi durable, emploi de transition et sorties positives`),
        rate: percentFr(report.exits.dynamic.rate),
        team: teamCount(teamOf((outcomes) => outcomes.exits.dynamic.count) ?? undefined, 'outcomes.dynamic_exits'),
        teamRate: showTeam ? percentFr(report.team.exits.dynamic.rate) : null,
      },
    },
    leadTime: {
      count: cell(report.leadTime.count, link(linker, 'outcomes.lead_time'), 'Pistes avec une première proposition'),
      medianDays: decimalFr(report.leadTime.medianDays),
      withinTarget: cell(report.leadTime.withinTarget, link(linker, 'outcomes.lead_time'), 'Pistes avec une première proposition'),
      withinRate: percentFr(ratio(report.leadTime.withinTarget, report.leadTime.count)),
      targetDays: integerFr(report.leadTime.targetDays),
      team: showTeam
        ? {
            count: cell(report.team.leadTime.count, link(team, 'outcomes.lead_time')),
            medianDays: decimalFr(report.team.leadTime.medianDays),
            withinTarget: cell(report.team.leadTime.withinTarget, link(team, 'outcomes.lead_time')),
          }
        : null,
    },
    checkIns: {
      rows: report.checkIns.byParty.map((row) => {
        const teamRow = teamOf((outcomes) => outcomes.checkIns.byParty.find((entry) => entry.party === row.party));
        return {
          label: row.label,
          sent: cell(row.sent, link(linker, 'outcomes.check_ins_sent', { party: row.party }), `Suivis envoyés : ${row.label}`),
          answered: cell(row.answered, link(linker, 'outcomes.check_ins_answered', { party: row.party }), `Suivis répondus : ${row.label}`),
          rate: percentFr(row.rate),
          team: teamRow ? { sent: cell(teamRow.sent, link(team, 'outcomes.check_ins_sent', { party: row.party })), rate: percentFr(teamRow.rate) } : null,
        };
      }),
      total: {
        sent: cell(report.checkIns.sent, link(linker, 'outcomes.check_ins_sent'), 'Tous les suivis envoyés'),
        answered: cell(report.checkIns.answered, link(linker, 'outcomes.check_ins_answered'), 'Tous les suivis répondus'),
        rate: percentFr(report.checkIns.rate),
        team: showTeam ? { sent: cell(report.team.checkIns.sent, link(team, 'outcomes.check_ins_sent')), rate: percentFr(report.team.checkIns.rate) } : null,
      },
    },
    alerts: countsBy(
      'outcomes.alerts',
      'kind',
      (outcomes) => outcomes.alerts.byKind.map((row) => ({ ...row, value: row.kind })),
      (outcomes) => outcomes.alerts.total,
      'Alertes',
      'Toutes les alertes',
    ),
  };
}

/** What static/dashboard.js draws (the tables stay the reference). */
export function chartData(funnel: FunnelReport, activity: ActivityReport) {
  const own = activity.scope === 'own' ? activity.staff[0] : null;
  const weeks = own ? own.weeks : activity.team.weeks;
  return {
    funnel: {
      labels: funnel.steps.filter((step) => step.unit === 'companies').map((step) => step.label),
      data: funnel.steps.filter((step) => step.unit === 'companies').map((step) => step.count),
    },
    trend: {
      labels: funnel.trend.buckets.map((bucket) => bucket.label),
      datasets: FUNNEL_COMPANY_STEPS.map((key: FunnelCompanyStep) => ({
        label: FUNNEL_STEP_LABELS[key],
        data: funnel.trend.buckets.map((bucket) => bucket.counts[key]),
      })),
    },
    activity: {
      title: own ? 'Mes activités par semaine' : 'Activités de l’équipe par semaine',
      labels: weeks.map((week) => week.label),
      datasets: REPORT_ACTIVITY_TYPES.map((type) => ({ label: ACTIVITY_TYPE_LABELS[type], data: weeks.map((week) => week.counts[type]) })),
      // Staff see their weekly call target as a line.
      callTarget: own ? own.targets.call : null,
    },
    staff: {
      labels: funnel.byStaff.map((row) => row.name),
      datasets: (['contacted', 'meeting_held', 'need_found', 'hired'] as const).map((key) => ({
        label: FUNNEL_STEP_LABELS[key],
        data: funnel.byStaff.map((row) => row.counts[key]),
      })),
    },
  };
}


// ================================================================ period wording

export function periodFr(period: { from: string; to: string }): string {
  return `du ${dayFr(period.from)} au ${dayFr(period.to)}`;
}

export function asOfFr(asOf: string, timeZone: string): string {
  return `${dateOnlyFr(asOf, timeZone)} à ${new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone }).format(new Date(asOf))}`;
}

// ================================================================ the pages' figures

/** Whose figures a page shows. */
export function scopeLabel(funnel: FunnelReport): string {
  const staffName = funnel.byStaff.find((row) => row.staffId === funnel.filters.staffId)?.name ?? '';
  return funnel.scope === 'own' ? 'Mes chiffres' : funnel.filters.staffId ? `Chiffres de ${staffName}` : 'Toute la structure';
}

/** The tables the dashboard offers as CSV. */
export const CSV_TABLES = ['funnel', 'funnel_staff', 'funnel_trend', 'activity', 'placements', 'retention', 'exits', 'lead_time', 'check_ins', 'alerts'] as const;

/** The dashboard's figures: every table with its links (`query`: the shared filters as a query string). */
export function dashboardView(funnel: FunnelReport, activity: ActivityReport, outcomes: OutcomesReport, query: string, timeZone: string) {
  const own = funnel.scope === 'own';
  const showTeam = own || funnel.filters.staffId !== null;
  const linker = { filters: query, teamLinks: !own };
  return {
    figures: true,
    own,
    showTeam,
    scopeLabel: scopeLabel(funnel),
    teamLabel: 'Équipe',
    period: { text: periodFr(funnel.period), asOf: asOfFr(funnel.period.asOf, timeZone) },
    funnel: funnelView(funnel, linker, showTeam),
    staffTable: staffTableView(funnel, linker),
    trend: trendView(funnel, linker),
    activity: activityView(activity, linker),
    outcomes: outcomesView(outcomes, linker, showTeam),
    chartJson: embeddedJson(chartData(funnel, activity)),
    csv: Object.fromEntries(CSV_TABLES.map((table) => [table, csvHref(table, query)])),
    reportHref: linkWith('/tableau-de-bord/rapport', {}, query),
  };
}

/** The printable report's figures: the same tables without links (`dashboardHref`: back to the dashboard). */
export function reportView(funnel: FunnelReport, activity: ActivityReport, outcomes: OutcomesReport, dashboardHref: string, timeZone: string) {
  const own = funnel.scope === 'own';
  const showTeam = own || funnel.filters.staffId !== null;
  const noLinks = { filters: null, teamLinks: false };
  return {
    figures: true,
    own,
    showTeam,
    scopeLabel: scopeLabel(funnel),
    period: { text: periodFr(funnel.period), from: funnel.period.from, to: funnel.period.to, asOf: asOfFr(funnel.period.asOf, timeZone) },
    funnel: funnelView(funnel, noLinks, showTeam),
    activity: activityView(activity, noLinks),
    outcomes: outcomesView(outcomes, noLinks, showTeam),
    filtersText: filtersText(funnel),
    dashboardHref,
  };
}

/** A company source in words; an unknown one stays as typed. */
function sourceLabel(source: string): string | undefined {
  return (COMPANY_SOURCES as readonly string[]).includes(source) ? COMPANY_SOURCE_LABELS[source as CompanySource] : undefined;
}

/** The filters in use besides the period, in words (a report names what it counts). */
export function filtersText(funnel: FunnelReport): string[] {
  const filters = funnel.filters;
  const words: string[] = [];
  if (funnel.scope === 'structure' && filters.staffId) {
    words.push(`Chargé·e : ${funnel.byStaff.find((row) => row.staffId === filters.staffId)?.name ?? ''}`);
  }
  if (filters.naf) words.push(`Secteur (NAF) : ${filters.naf}`);
  if (filters.territory) words.push(`Territoire : ${filters.territory}`);
  if (filters.source) words.push(`Origine : ${sourceLabel(filters.source) ?? filters.source}`);
  if (filters.scriptVersionId) words.push('Une version d’argumentaire');
  return words;
}

/** One person's (or the defaults') target fields, with what a refused form typed. */
export function targetFields(
  who: string,
  current: Record<ReportActivityType, string>,
  name: string,
  refused: { who: string; values: Record<ReportActivityType, string>; errors: Record<string, string> } | undefined,
) {
  const shown = refused?.who === who ? refused : null;
  return REPORT_ACTIVITY_TYPES.map((type) => ({
    type,
    label: ACTIVITY_TYPE_LABELS[type],
    accessibleLabel: `${ACTIVITY_TYPE_LABELS[type]} par semaine – ${name}`,
    value: shown ? shown.values[type] : current[type],
    error: shown?.errors[type] ?? '',
  }));
}

let registered = false;

/** Helpers of the dashboard pages; registered once per process. */
export function registerDashboardViewHelpers(): void {
  if (registered) return;
  registered = true;
  const escape = (value: unknown) => hbs.handlebars.escapeExpression(String(value ?? ''));
  /** A number of a table: a link to the list behind it when there is one. */
  hbs.registerHelper('dashCell', (value: Cell | null | undefined) => {
    if (!value) return '';
    if (!value.href) return new hbs.handlebars.SafeString(`<span class="num">${escape(value.text)}</span>`);
    const title = value.title ? ` title="${escape(value.title)}"` : '';
    return new hbs.handlebars.SafeString(`<a class="num" href="${escape(value.href)}"${title}>${escape(value.text)}</a>`);
  });
}