import { wallTimeToInstant } from '../common/calendar/time-zone';
import type { PlacementKind } from '../placements/placement.entity';
import { CHECK_IN_PARTIES, CheckInParty } from './check-in.entity';
import { addCalendarDays, addMonths, addWorkingDays } from '../common/calendar/working-days';

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
  /** Steps sent to one party only; a step absent from it (or no map) goes to both parties. */
  parties?: Readonly<Record<string, readonly CheckInParty[]>> | null;
  timeZone: string;
  /** When the plan is made: steps already past then are not all sent at once. */
  now: Date;
}

/**
 * Why a step is recorded but never sent. `after_planned_end`: due after the planned end.
 * `past_when_planned`: already past when the plan was made (recorded late, or started late), and
 * a more recent step stands for it. `not_in_plan`: the structure's cadence no longer has that step
 * when the placement was re-planned.
 */
export const SKIP_REASONS = ['after_planned_end', 'past_when_planned', 'not_in_plan'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface PlannedStep {
  step: string;
  /** Who receives this step: both parties unless the structure chose one. */
  parties: CheckInParty[];
  dueAt: Date;
  status: 'planned' | 'skipped';
  skipReason: SkipReason | null;
}

/**
 * The follow-up plan of one placement: one step per offset, for both parties unless the structure
 * sent that step to one party only, due at 09:30 local
 * time on the start day + offset, or on the next working day when that day is a Saturday, a Sunday or
 * a French public holiday (nobody reads the e-mail, nobody answers the call it may turn into).
 * A step whose working day falls after the planned end is skipped. A PMSMP immersion keeps only its
 * first two steps (it lasts a month at most; the later ones would all be skipped anyway).
 *
 * Steps already due at `now` would all leave at once, with near-identical e-mails: only the most
 * recent of them is kept (it goes out at once), the older ones are skipped.
 */
export function planCheckIns(input: PlanInput): PlannedStep[] {
  const offsets = input.offsets?.length ? [...new Set(input.offsets)] : [...DEFAULT_CHECK_IN_OFFSETS];
  const kept = input.kind === 'immersion' ? offsets.slice(0, IMMERSION_STEPS) : offsets;
  const steps = kept.map((step): PlannedStep => {
    const day = addWorkingDays(stepDay(input.startDate, step), 0);
    const afterEnd = !!input.plannedEndDate && day > input.plannedEndDate;
    return {
      step,
      parties: partiesOf(step, input.parties),
      dueAt: zonedInstant(day, CHECK_IN_TIME.hour, CHECK_IN_TIME.minute, input.timeZone),
      status: afterEnd ? 'skipped' : 'planned',
      skipReason: afterEnd ? 'after_planned_end' : null,
    };
  });
  const pastDue = steps.filter((step) => step.status === 'planned' && step.dueAt.getTime() <= input.now.getTime());
  const latest = pastDue.reduce<PlannedStep | null>((last, step) => (!last || step.dueAt > last.dueAt ? step : last), null);
  for (const step of pastDue) {
    if (step === latest) continue;
    step.status = 'skipped';
    step.skipReason = 'past_when_planned';
  }
  return steps;
}

/** The parties a step goes to: the structure's choice when it made one, else both. */
export function partiesOf(step: string, parties: PlanInput['parties']): CheckInParty[] {
  const chosen = parties?.[step]?.filter((party) => (CHECK_IN_PARTIES as readonly string[]).includes(party));
  return chosen?.length ? [...chosen] : [...CHECK_IN_PARTIES];
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
