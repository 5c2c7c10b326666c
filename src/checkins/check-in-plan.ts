import { wallTimeToInstant } from '../common/time-zone';
import type { PlacementKind } from '../placements/placement.entity';
import { addCalendarDays, addMonths } from '../prospection/working-days';

/** The plan when the structure set none: SEVE follows the first days closely, then spaces out. */
export const DEFAULT_CHECK_IN_OFFSETS: readonly string[] = ['3 days', '10 days', '1 month', '2 months', '3 months', '6 months'];

/** A PMSMP immersion lasts one month at most: only the first two steps of the plan are kept. */
export const IMMERSION_STEPS = 2;

/** Local wall-clock time at which a step is due, in the business time zone. */
export const CHECK_IN_TIME = { hour: 9, minute: 30 } as const;

export interface Offset {
  count: number;
  unit: 'day' | 'week' | 'month';
}

/** "3 days", "1 week", "2 months" (singular or plural, English, as stored in structure.check_in_offsets). */
export function parseOffset(step: string): Offset {
  const match = /^\s*(\d{1,3})\s+(day|week|month)s?\s*$/i.exec(step);
  if (!match) throw new RangeError(`Not a check-in offset ("3 days", "2 weeks", "1 month"): ${step}`);
  return { count: Number(match[1]), unit: match[2].toLowerCase() as Offset['unit'] };
}

/** The local calendar day of a step: days and weeks by calendar days, months by calendar months (01-31 + 1 month → 02-28). */
export function stepDay(startDate: string, step: string): string {
  const { count, unit } = parseOffset(step);
  if (unit === 'month') return addMonths(startDate, count);
  return addCalendarDays(startDate, unit === 'week' ? count * 7 : count);
}

/** The UTC instant of a wall-clock time on a local day (`2027-03-29`, 09:30, Europe/Paris → 07:30Z). */
export function zonedInstant(day: string, hour: number, minute: number, timeZone: string): Date {
  return wallTimeToInstant(timeZone, day, hour, minute);
}

export interface PlanInput {
  kind: PlacementKind;
  startDate: string;
  plannedEndDate: string | null;
  /** The structure's offsets; null or empty means the default plan. */
  offsets: readonly string[] | null;
  timeZone: string;
}

export interface PlannedStep {
  step: string;
  dueAt: Date;
  /** Due after the planned end: recorded for the record, never sent. */
  status: 'planned' | 'skipped';
}

/**
 * The follow-up plan of one placement, for each party alike: one step per offset, due at 09:30 local
 * time on the start day + offset; a step after the planned end is skipped. A PMSMP immersion keeps
 * only its first two steps (it lasts a month at most; the later ones would all be skipped anyway).
 */
export function planCheckIns(input: PlanInput): PlannedStep[] {
  const offsets = input.offsets?.length ? [...new Set(input.offsets)] : [...DEFAULT_CHECK_IN_OFFSETS];
  const kept = input.kind === 'immersion' ? offsets.slice(0, IMMERSION_STEPS) : offsets;
  return kept.map((step) => {
    const day = stepDay(input.startDate, step);
    return {
      step,
      dueAt: zonedInstant(day, CHECK_IN_TIME.hour, CHECK_IN_TIME.minute, input.timeZone),
      status: input.plannedEndDate && day > input.plannedEndDate ? 'skipped' : 'planned',
    };
  });
}

const UNIT_LABELS: Record<Offset['unit'], [string, string]> = {
  day: ['jour', 'jours'],
  week: ['semaine', 'semaines'],
  month: ['mois', 'mois'],
};

/** "3 days" → "3 jours", "1 month" → "1 mois": for e-mails and alerts. */
export function stepLabel(step: string): string {
  const { count, unit } = parseOffset(step);
  return `${count} ${UNIT_LABELS[unit][count > 1 ? 1 : 0]}`;
}
