/**
 * Shapes of the reports' answers (see docs/reports.md for how every number is defined).
 */

export const FUNNEL_COMPANY_STEPS = ['contacted', 'meeting_held', 'need_found', 'candidate_proposed', 'hired'] as const;
export type FunnelCompanyStep = (typeof FUNNEL_COMPANY_STEPS)[number];

export const RETENTION_MONTHS = [1, 3, 6] as const;
export const FUNNEL_RETENTION_STEPS = ['retained_1m', 'retained_3m', 'retained_6m'] as const;
export type FunnelRetentionStep = (typeof FUNNEL_RETENTION_STEPS)[number];

export type FunnelStepKey = FunnelCompanyStep | FunnelRetentionStep;

export const FUNNEL_STEP_LABELS: Record<FunnelStepKey, string> = {
  contacted: 'Entreprises contactées',
  meeting_held: 'Rendez-vous réalisé',
  need_found: 'Besoin repéré',
  candidate_proposed: 'Candidat proposé',
  hired: 'Embauche',
  retained_1m: 'En poste à 1 mois',
  retained_3m: 'En poste à 3 mois',
  retained_6m: 'En poste à 6 mois',
};

export const REPORT_ACTIVITY_TYPES = ['call', 'meeting', 'visit', 'event'] as const;
export type ReportActivityType = (typeof REPORT_ACTIVITY_TYPES)[number];

export type TrendInterval = 'week' | 'month';

export interface ReportPeriod {
  /** Paris calendar days, both included. */
  from: string;
  to: string;
  /** When the figures were computed (ISO instant). */
  asOf: string;
}

export interface FunnelStep {
  key: FunnelStepKey;
  label: string;
  unit: 'companies' | 'contracts';
  count: number;
  /** Retention steps only: contracts whose mark has passed and were expected to last that long. */
  eligible: number | null;
  conversion: number | null;
  medianDays: number | null;
}

export interface StepCounts {
  contacted: number;
  meeting_held: number;
  need_found: number;
  candidate_proposed: number;
  hired: number;
  retained_1m: number;
  retained_3m: number;
  retained_6m: number;
  eligible_1m: number;
  eligible_3m: number;
  eligible_6m: number;
}

export interface StaffStepCounts {
  staffId: string | null;
  name: string;
  counts: StepCounts;
}

export interface TrendBucket {
  /** First day of the week (Monday) or month. */
  start: string;
  label: string;
  counts: Record<FunnelCompanyStep, number>;
}

export interface FunnelFilters {
  staffId: string | null;
  naf: string | null;
  territory: string | null;
  source: string | null;
  scriptVersionId: string | null;
}

export interface FunnelReport {
  period: ReportPeriod;
  filters: FunnelFilters;
  /** 'structure' for managers and admins, 'own' for staff (their own figures). */
  scope: 'structure' | 'own';
  steps: FunnelStep[];
  byStaff: StaffStepCounts[];
  /** The same counts without the staff filter. */
  team: StepCounts;
  trend: { interval: TrendInterval; buckets: TrendBucket[] };
}

export type ActivityTargets = Record<ReportActivityType, number | null>;

export interface ActivityWeek {
  /** Monday of the week. */
  week: string;
  label: string;
  partial: boolean;
  counts: Record<ReportActivityType, number>;
}

export interface StaffActivity {
  staffId: string | null;
  name: string;
  targets: ActivityTargets;
  weeks: ActivityWeek[];
  totals: Record<ReportActivityType, number>;
}

export interface ActivityReport {
  period: ReportPeriod;
  scope: 'structure' | 'own';
  staff: StaffActivity[];
  /** Every staff member together, per week. */
  team: { weeks: ActivityWeek[]; totals: Record<ReportActivityType, number> };
}

export interface TargetsView {
  defaults: ActivityTargets;
  staff: Array<{ userId: string; name: string; overridden: boolean; targets: ActivityTargets }>;
}

export interface RetentionFigure {
  months: number;
  key: FunnelRetentionStep;
  eligible: number;
  retained: number;
  rate: number | null;
}

export interface Outcomes {
  placements: {
    byContractType: Array<{ contractType: string; label: string; count: number }>;
    total: number;
    ruptures: number;
  };
  retention: RetentionFigure[];
  exits: {
    /** Each category's count and share of all exits; `dynamic`: one of the « sorties dynamiques ». */
    byCategory: Array<{ category: string; label: string; count: number; share: number | null; dynamic: boolean }>;
    /** Emploi durable + emploi de transition + sorties positives, and their rate over all exits. */
    dynamic: { count: number; rate: number | null };
    total: number;
  };
  leadTime: { count: number; medianDays: number | null; withinTarget: number; targetDays: number };
  checkIns: {
    byParty: Array<{ party: 'employee' | 'employer'; label: string; sent: number; answered: number; rate: number | null }>;
    sent: number;
    answered: number;
    rate: number | null;
  };
  alerts: { byKind: Array<{ kind: string; label: string; count: number }>; total: number };
}

export interface OutcomesReport extends Outcomes {
  period: ReportPeriod;
  scope: 'structure' | 'own';
  staffId: string | null;
  /** The same figures for the whole structure. */
  team: Outcomes;
}

export type DrillKind = 'companies' | 'placements' | 'candidates' | 'leads' | 'activities' | 'check_ins' | 'alerts';

export interface DrillRow {
  id: string;
  label: string;
  href: string;
  /** Kind-specific fields (dates as ISO strings or YYYY-MM-DD). */
  [field: string]: string | number | boolean | null;
}

export interface DrillList {
  metric: string;
  kind: DrillKind;
  title: string;
  total: number;
  rows: DrillRow[];
}

export const EXPORT_TABLES = [
  'funnel',
  'funnel_staff',
  'funnel_trend',
  'activity',
  'placements',
  'retention',
  'exits',
  'lead_time',
  'check_ins',
  'alerts',
  'drill',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** The query every report takes (validated by ReportQueryDto). */
export interface ReportQuery {
  from?: string;
  to?: string;
  staffId?: string;
  naf?: string;
  territory?: string;
  source?: string;
  scriptVersionId?: string;
  interval?: TrendInterval;
}

export interface DrillQuery extends ReportQuery {
  metric: string;
  bucket?: string;
  week?: string;
  contractType?: string;
  category?: string;
  party?: string;
  kind?: string;
}

/**
 * The service the API and the pages both use:
 *   funnel(actor, query): Promise<FunnelReport>
 *   activity(actor, query): Promise<ActivityReport>
 *   outcomes(actor, query): Promise<OutcomesReport>
 *   drill(actor, query: DrillQuery): Promise<DrillList>
 *   targets(actor): Promise<TargetsView>
 *   csv(actor, table: ExportTable, query: DrillQuery): Promise<{ filename, body }>  (BOM included)
 */
