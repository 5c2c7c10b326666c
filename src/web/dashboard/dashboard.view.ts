import { BadRequestException, ForbiddenException, HttpException } from '@nestjs/common';
import hbs from 'hbs';
import { codedProblem, FieldProblem, ValidationFailedException } from '../common/validation';
import { ALERT_KIND_LABELS } from '../alerts/alerts.service';
import { COMPANY_SOURCE_LABELS, COMPANY_SOURCES } from '../companies/company.entity';
import { PLACEMENT_STATUS_LABELS } from '../placements/dto/placement-view.dto';
import { CONTRACT_TYPE_LABELS, EXIT_CATEGORY_LABELS } from '../placements/contract-types';
import { ACTIVITY_LABELS, CALL_OUTCOME_LABELS } from '../prospection/activity.entity';
import { DYNAMIC_EXITS_LABEL, PARTY_LABELS } from '../reports/outcomes-report';
import { ratio } from '../reports/sql-params';
import {
  ActivityReport,
  ActivityTargets,
  ActivityWeek,
  DrillKind,
  DrillList,
  DrillRow,
  FUNNEL_COMPANY_STEPS,
  FUNNEL_STEP_LABELS,
  FunnelCompanyStep,
  FunnelReport,
  FunnelStepKey,
  Outcomes,
  OutcomesReport,
  REPORT_ACTIVITY_TYPES,
  ReportActivityType,
  ReportQuery,
  RETENTION_MONTHS,
  StepCounts,
} from '../reports/report-types';
import { dayFr } from './board-view-helpers';
import { Raw, text } from './kit/forms';
import { french, frenchOf } from '../refusals/french';
import { isCodedRefusal } from '../refusals/refused';

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

function dateTimeFr(value: string, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(new Date(value));
}

function dateOnlyFr(value: string, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone }).format(new Date(value));
}

// ================================================================ filters

export const FILTER_FIELDS = ['from', 'to', 'staffId', 'naf', 'territory', 'source', 'scriptVersionId', 'interval'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const PRESETS = [
  { value: 'mois', label: 'Ce mois-ci' },
  { value: 'mois-dernier', label: 'Le mois dernier' },
  { value: 'trimestre', label: 'Ce trimestre' },
  { value: 'annee', label: 'Cette année' },
  { value: '12-mois', label: '12 derniers mois' },
] as const;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDay(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** The two days of a preset period, relative to `today` (a Paris calendar day). */
export function presetPeriod(preset: string, today: string): { from: string; to: string } | null {
  const [year, month, day] = today.split('-').map(Number);
  const monthIndex = month - 1;
  switch (preset) {
    case 'mois':
      return { from: utcDay(year, monthIndex, 1), to: today };
    case 'mois-dernier':
      return { from: utcDay(year, monthIndex - 1, 1), to: utcDay(year, monthIndex, 0) };
    case 'trimestre':
      return { from: utcDay(year, monthIndex - (monthIndex % 3), 1), to: today };
    case 'annee':
      return { from: utcDay(year, 0, 1), to: today };
    case '12-mois': {
      // The day after the same day twelve months ago (clamped to the month's end), up to today.
      const lastDay = new Date(Date.UTC(year - 1, monthIndex + 1, 0)).getUTCDate();
      const start = new Date(Date.UTC(year - 1, monthIndex, Math.min(day, lastDay)));
      start.setUTCDate(start.getUTCDate() + 1);
      return { from: start.toISOString().slice(0, 10), to: today };
    }
    default:
      return null;
  }
}

export interface DashboardFilters {
  /** What the form shows. */
  values: Record<FilterField, string>;
  /** What the service gets (only the filled-in filters; the service validates them and names a bad one). */
  query: ReportQuery;
}

/**
 * The filters of a report page from its query string. `periode` (a preset button) wins over the
 * typed dates; staff never choose a staff member (the service shows them their own figures).
 */
export function parseDashboardFilters(raw: Raw, today: string, canPickStaff: boolean): DashboardFilters {
  const values = Object.fromEntries(FILTER_FIELDS.map((field) => [field, text(raw[field]).slice(0, 200)])) as Record<FilterField, string>;
  const preset = presetPeriod(text(raw.periode), today);
  if (preset) Object.assign(values, preset);
  if (!canPickStaff) values.staffId = '';
  const query: ReportQuery = {};
  for (const field of FILTER_FIELDS) if (values[field]) (query as Record<string, string>)[field] = values[field];
  return { values, query };
}

/** Which preset, if any, the period is (to show it pressed). */
export function presetOf(period: { from: string; to: string }, today: string): string | null {
  return PRESETS.find((preset) => {
    const dates = presetPeriod(preset.value, today);
    return dates?.from === period.from && dates.to === period.to;
  })?.value ?? null;
}

/**
 * The filters as a query string for links (drill-down, CSV, report): the period as the service
 * understood it (so a link shows exactly the figures clicked) and every other filter in use.
 */
export function filterQueryString(query: ReportQuery, period: { from: string; to: string } | null): string {
  const params = new URLSearchParams();
  const from = period?.from ?? query.from;
  const to = period?.to ?? query.to;
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  for (const field of ['staffId', 'naf', 'territory', 'source', 'scriptVersionId', 'interval'] as const) {
    const value = query[field];
    if (value) params.set(field, value);
  }
  return params.toString();
}

/** A link with `metric` (or `table`) and its own parameters first, then the shared filters. */
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

export function sourceOptions(selected: string) {
  return [
    { value: '', label: 'Toutes les origines', selected: selected === '' },
    ...COMPANY_SOURCES.map((source) => ({ value: source, label: COMPANY_SOURCE_LABELS[source], selected: source === selected })),
  ];
}

// ================================================================ errors in French

/** The French sentence of one refused field (its code says which, see src/refusals/fr/report.ts). */
export function reportFieldMessageFr(problem: FieldProblem): string {
  return frenchOf(codedProblem(problem));
}

/** The field problems of a refused report request: a 400's fields, or the field a coded refusal names. */
export function problemsOf(error: HttpException): FieldProblem[] {
  if (error instanceof ValidationFailedException) return error.problems;
  if (isCodedRefusal(error) && error.field) return [{ field: error.field, message: '', ...error.refusal }];
  return [];
}

/** A refusal the report pages explain in French (bad filter, someone else's figures) rather than an error page. */
export function isReportRefusal(error: unknown): error is HttpException {
  return error instanceof BadRequestException || error instanceof ForbiddenException;
}

/** A refused request as French messages: by form field when the form shows it, else in the alert. */
export function reportRefusalFr(error: HttpException, shown: readonly string[]): { errors: Record<string, string>; alert: string } {
  if (error instanceof ForbiddenException) return { errors: {}, alert: isCodedRefusal(error) ? frenchOf(error.refusal) : french('common.forbidden', {}) };
  const errors: Record<string, string> = {};
  const others: string[] = [];
  for (const problem of problemsOf(error)) {
    const message = reportFieldMessageFr(problem);
    if (shown.includes(problem.field)) errors[problem.field] ??= message;
    else others.push(message);
  }
  const intro = Object.keys(errors).length ? 'Certains filtres sont à corriger : voir les messages à côté des champs.' : '';
  const alert = [intro, ...new Set(others)].filter(Boolean).join(' ') || 'Les filtres demandés ne sont pas valides : corrigez-les ou effacez-les.';
  return { errors, alert };
}

// ================================================================ targets form

/** A posted target: '' → null (no target); a whole number 0–1000; anything else refused. */
export function parseTargets(form: Raw): { targets: ActivityTargets; values: Record<ReportActivityType, string>; errors: Record<string, string> } {
  const values = Object.fromEntries(REPORT_ACTIVITY_TYPES.map((type) => [type, text(form[type])])) as Record<ReportActivityType, string>;
  const targets = {} as ActivityTargets;
  const errors: Record<string, string> = {};
  for (const type of REPORT_ACTIVITY_TYPES) {
    const value = values[type];
    if (value === '') targets[type] = null;
    else if (/^\d{1,4}$/.test(value) && Number(value) <= 1000) targets[type] = Number(value);
    else errors[type] = french('report.target_invalid', {});
  }
  return { targets, values, errors };
}

export function targetValues(targets: ActivityTargets): Record<ReportActivityType, string> {
  return Object.fromEntries(REPORT_ACTIVITY_TYPES.map((type) => [type, targets[type] === null ? '' : String(targets[type])])) as Record<
    ReportActivityType,
    string
  >;
}

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

/** JSON safe inside `<script type="application/json">`: no `</script>` can close it. */
export function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

// ================================================================ drill-down lists

const END_KIND_LABELS: Record<string, string> = { normal: 'Normale', early: 'Anticipée (rupture)' };

/** The columns of each kind of list, in order, with the French of their coded values. */
interface DrillColumn {
  key: string;
  label: string;
  values?: Record<string, string>;
}

const DRILL_COLUMNS: Record<DrillKind, DrillColumn[]> = {
  companies: [
    { key: 'commune', label: 'Commune' },
    { key: 'stage', label: 'Étape actuelle' },
    { key: 'contactedAt', label: 'Premier contact' },
    { key: 'reachedAt', label: 'Étape atteinte le' },
    { key: 'staff', label: 'Chargé·e' },
  ],
  placements: [
    { key: 'company', label: 'Entreprise' },
    { key: 'contractType', label: 'Contrat', values: CONTRACT_TYPE_LABELS },
    { key: 'startDate', label: 'Début' },
    { key: 'plannedEndDate', label: 'Fin prévue' },
    { key: 'endDate', label: 'Fin' },
    { key: 'endKind', label: 'Type de fin', values: END_KIND_LABELS },
    { key: 'status', label: 'Statut', values: PLACEMENT_STATUS_LABELS },
    { key: 'mark', label: 'Échéance' },
  ],
  activities: [
    { key: 'occurredAt', label: 'Date' },
    { key: 'type', label: 'Type', values: ACTIVITY_LABELS },
    { key: 'outcome', label: 'Issue', values: CALL_OUTCOME_LABELS },
    { key: 'author', label: 'Auteur·rice' },
  ],
  candidates: [
    { key: 'exitDate', label: 'Date de sortie' },
    { key: 'category', label: 'Catégorie de sortie', values: EXIT_CATEGORY_LABELS },
  ],
  leads: [
    { key: 'spottedAt', label: 'Besoin repéré le' },
    { key: 'firstProposedAt', label: 'Première proposition' },
    { key: 'days', label: 'Délai (jours)' },
    { key: 'withinTarget', label: 'Dans le délai' },
  ],
  check_ins: [
    { key: 'party', label: 'Destinataire', values: PARTY_LABELS },
    { key: 'step', label: 'Étape du suivi' },
    { key: 'sentAt', label: 'Envoyé le' },
    { key: 'answeredAt', label: 'Répondu le' },
    { key: 'rating', label: 'Note' },
  ],
  alerts: [
    { key: 'kind', label: 'Type', values: ALERT_KIND_LABELS },
    { key: 'createdAt', label: 'Créée le' },
    { key: 'resolvedAt', label: 'Traitée le' },
  ],
};

/** Fields never shown as a column: the row's own link, and codes another column already says. */
const HIDDEN_FIELDS = ['id', 'label', 'href', 'kind'];

/** The columns of a list: the known ones of its kind, then any other field the rows carry. */
export function drillColumns(kind: DrillKind, rows: DrillRow[]): DrillColumn[] {
  const known = DRILL_COLUMNS[kind] ?? [];
  const others: string[] = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!known.some((column) => column.key === key) && !HIDDEN_FIELDS.includes(key) && !/Id$/.test(key) && !others.includes(key)) others.push(key);
    }
  }
  return [...known.filter((column) => rows.length === 0 || rows.some((row) => column.key in row)), ...others.map((key) => ({ key, label: key }))];
}

export function drillValueFr(value: unknown, timeZone: string, labels?: Record<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return decimalFr(value);
  const string = String(value);
  if (labels && string in labels) return labels[string];
  if (DAY.test(string)) return dayFr(string);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(string) && !Number.isNaN(Date.parse(string))) return dateTimeFr(string, timeZone);
  return string;
}

const DRILL_NOUNS: Record<DrillKind, [string, string]> = {
  companies: ['entreprise', 'entreprises'],
  placements: ['contrat', 'contrats'],
  candidates: ['personne', 'personnes'],
  leads: ['piste', 'pistes'],
  activities: ['activité', 'activités'],
  check_ins: ['questionnaire', 'questionnaires'],
  alerts: ['alerte', 'alertes'],
};

export function drillView(list: DrillList, timeZone: string) {
  const columns = drillColumns(list.kind, list.rows);
  const [singular, plural] = DRILL_NOUNS[list.kind] ?? ['ligne', 'lignes'];
  return {
    noun: list.total <= 1 ? singular : plural,
    columns: columns.map((column) => column.label),
    rows: list.rows.map((row) => ({
      label: row.label,
      href: row.href,
      values: columns.map((column) => drillValueFr(row[column.key], timeZone, column.values)),
    })),
    truncated: list.total > list.rows.length,
  };
}

// ================================================================ period wording

export function periodFr(period: { from: string; to: string }): string {
  return `du ${dayFr(period.from)} au ${dayFr(period.to)}`;
}

export function asOfFr(asOf: string, timeZone: string): string {
  return `${dateOnlyFr(asOf, timeZone)} à ${new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone }).format(new Date(asOf))}`;
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
