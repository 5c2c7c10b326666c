import { BadRequestException, ForbiddenException, HttpException } from '@nestjs/common';
import { COMPANY_SOURCE_LABELS, COMPANY_SOURCES } from '../../companies/company.entity';
import { codedProblem, FieldProblem, ValidationFailedException } from '../../common/validation';
import { french, frenchOf } from '../../refusals/french';
import { isCodedRefusal } from '../../refusals/refused';
import { ActivityTargets, DrillQuery, REPORT_ACTIVITY_TYPES, ReportActivityType, ReportQuery } from '../../reports/report-types';
import { option, Raw, text } from '../kit/forms';

/*
 * The dashboard's forms: the filters of a report page (query string), the French of a refused
 * filter, and the weekly targets form.
 */

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

/** A refused targets form shown again: what was typed and the French problems, on the form it came from. */
export interface TargetsFormState {
  notice?: string;
  alert?: string;
  /** The refused form: 'defaults' or a user id, with what was typed and the French problems. */
  refused?: { who: string; values: Record<ReportActivityType, string>; errors: Record<string, string> };
}

export function targetsRefusal(error: HttpException, who: string, parsed: ReturnType<typeof parseTargets>): TargetsFormState {
  const errors = { ...parsed.errors };
  if (error instanceof ValidationFailedException) {
    for (const problem of error.problems) errors[problem.field] ??= reportFieldMessageFr(problem);
  }
  return {
    alert: 'Les objectifs n’ont pas été enregistrés : voir les messages à côté des champs.',
    refused: { who, values: parsed.values, errors },
  };
}

// ================================================================ drill-down query

/** Parameters of a drill-down list besides the shared filters. */
export const DRILL_FIELDS = ['metric', 'bucket', 'week', 'contractType', 'category', 'party', 'kind'] as const;

/** What the service gets for a list behind a number, and the list's own parameters (for its CSV link). */
export function drillQueryOf(raw: Raw, filters: DashboardFilters): { query: DrillQuery; own: Record<string, string> } {
  const query: DrillQuery = { ...filters.query, metric: text(raw.metric) };
  for (const field of DRILL_FIELDS) {
    const value = text(raw[field]);
    if (value) (query as unknown as Record<string, string>)[field] = value;
  }
  const own = Object.fromEntries(DRILL_FIELDS.map((field) => [field, text(raw[field])]));
  return { query, own };
}

// ================================================================ the filters form

/** The filters form of the dashboard: values, French problems and the choices of each select. */
export function filterForm(
  filters: DashboardFilters,
  refusal: { errors: Record<string, string>; alert: string },
  staffOptions: Option[],
  scriptOptions: Option[],
) {
  return {
    values: filters.values,
    errors: refusal.errors,
    alert: refusal.alert,
    staffOptions,
    scriptOptions,
    sourceOptions: sourceOptions(filters.values.source),
    intervalOptions: [
      option('', 'Automatique', filters.values.interval),
      option('week', 'Par semaine', filters.values.interval),
      option('month', 'Par mois', filters.values.interval),
    ],
    presets: PRESETS.map((preset) => ({ ...preset, pressed: false })),
    active: FILTER_FIELDS.some((field) => filters.values[field] !== ''),
  };
}

type Option = ReturnType<typeof option>;

/** The staff filter's choices: the whole team, then each active member (and the chosen one even if deactivated). */
export function staffOptions(users: Array<{ id: string; firstName: string; lastName: string; active: boolean }>, selected: string): Option[] {
  return [
    option('', 'Toute l’équipe', selected),
    ...users
      .filter((user) => user.active || user.id === selected)
      .map((user) => option(user.id, `${user.firstName} ${user.lastName}${user.active ? '' : ' (compte désactivé)'}`, selected)),
  ];
}

/** The script-version filter's choices. */
export function scriptOptions(versions: Array<{ id: string; title: string; number: number }>, selected: string): Option[] {
  return [option('', 'Toutes les versions', selected), ...versions.map((version) => option(version.id, `${version.title} — version ${version.number}`, selected))];
}
