import { EntityManager } from 'typeorm';
import { funnelRows, GroupRow, MEDIAN_PAIRS } from './funnel.queries';
import { bucketLabel, bucketStarts } from './period';
import { ReportContext } from './report-context';
import {
  FUNNEL_COMPANY_STEPS,
  FUNNEL_RETENTION_STEPS,
  FUNNEL_STEP_LABELS,
  FunnelCompanyStep,
  FunnelStep,
  RETENTION_MONTHS,
  StepCounts,
  TrendBucket,
} from './report-types';
import { ratio, round } from './sql-params';

export interface FunnelFigures {
  /** Counts per staff member (key: id, '' for no author) and for the whole cohort ('*'). */
  counts: Map<string, StepCounts>;
  medians: Map<string, Partial<Record<FunnelCompanyStep, number | null>>>;
  trend: TrendBucket[];
}

const TOTAL = '*';

function emptyCounts(): StepCounts {
  return {
    contacted: 0,
    meeting_held: 0,
    need_found: 0,
    candidate_proposed: 0,
    hired: 0,
    retained_1m: 0,
    retained_3m: 0,
    retained_6m: 0,
    eligible_1m: 0,
    eligible_3m: 0,
    eligible_6m: 0,
  };
}

/**
 * The team's cohort, counted per staff member and in total, in one pass (grouping sets), with the
 * median days between steps; and the trend for the context's staff member (or the team).
 */
export async function funnelFigures(manager: EntityManager, context: ReportContext): Promise<FunnelFigures> {
  const { stepRows, heldRows, trendRows } = await funnelRows(manager, context);

  const keyOf = (row: GroupRow) => (row.is_total ? TOTAL : (row.staff_id ?? ''));
  const counts = new Map<string, StepCounts>();
  const medians = new Map<string, Partial<Record<FunnelCompanyStep, number | null>>>();
  const countsFor = (key: string) => {
    if (!counts.has(key)) counts.set(key, emptyCounts());
    return counts.get(key)!;
  };
  countsFor(TOTAL);
  for (const row of stepRows) {
    const target = countsFor(keyOf(row));
    for (const step of FUNNEL_COMPANY_STEPS) target[step] = Number(row[step]);
    medians.set(
      keyOf(row),
      Object.fromEntries(MEDIAN_PAIRS.map(([, step]) => [step, round(row[`median_${step}`] as number | null, 1)])),
    );
  }
  for (const row of heldRows) {
    const target = countsFor(keyOf(row));
    for (const months of RETENTION_MONTHS) {
      target[`eligible_${months}m` as keyof StepCounts] = Number(row[`eligible_${months}m`]);
      target[`retained_${months}m` as keyof StepCounts] = Number(row[`retained_${months}m`]);
    }
  }

  const byStart = new Map(trendRows.map((row) => [String(row.start), row]));
  const trend = bucketStarts(context.period).map((start) => {
    const row = byStart.get(start);
    return {
      start,
      label: bucketLabel(start, context.period.interval),
      counts: Object.fromEntries(FUNNEL_COMPANY_STEPS.map((step) => [step, row ? Number(row[step]) : 0])) as Record<
        FunnelCompanyStep,
        number
      >,
    };
  });
  return { counts, medians, trend };
}

export function countsOf(figures: FunnelFigures, staffId: string | null): StepCounts {
  return figures.counts.get(staffId === null ? TOTAL : staffId) ?? emptyCounts();
}

/** The steps as the page shows them: counts, conversion from the step before, median days. */
export function funnelSteps(counts: StepCounts, medians: Partial<Record<FunnelCompanyStep, number | null>>): FunnelStep[] {
  const companySteps = FUNNEL_COMPANY_STEPS.map((key, index): FunnelStep => {
    const previous = index > 0 ? counts[FUNNEL_COMPANY_STEPS[index - 1]] : null;
    return {
      key,
      label: FUNNEL_STEP_LABELS[key],
      unit: 'companies',
      count: counts[key],
      eligible: null,
      conversion: previous === null ? null : ratio(counts[key], previous),
      medianDays: index === 0 ? null : (medians[key] ?? null),
    };
  });
  const retentionSteps = FUNNEL_RETENTION_STEPS.map((key, index): FunnelStep => {
    const eligible = counts[`eligible_${RETENTION_MONTHS[index]}m` as keyof StepCounts];
    return {
      key,
      label: FUNNEL_STEP_LABELS[key],
      unit: 'contracts',
      count: counts[key],
      eligible,
      conversion: ratio(counts[key], eligible),
      medianDays: null,
    };
  });
  return [...companySteps, ...retentionSteps];
}

export function staffMedians(figures: FunnelFigures, staffId: string | null) {
  return figures.medians.get(staffId === null ? TOTAL : staffId) ?? {};
}
