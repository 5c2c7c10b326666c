import { ValidationFailedException } from '../common/validation';
import { addCalendarDays, addMonths, daysBetween } from '../common/calendar/working-days';
import { TrendInterval } from './report-types';
import { REPORT } from '../refusals/index';
import { because } from '../refusals/refused';
import { frenchMonth } from '../refusals/french';

export interface Period {
  from: string;
  to: string;
  /** Today in Paris: retention marks after it have not happened yet. */
  today: string;
  interval: TrendInterval;
}

export { addCalendarDays as addDays, addMonths, daysBetween };

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addCalendarDays(day, -((weekday + 6) % 7));
}

/**
 * The period a report covers, from the query (its days already checked by the DTO): two Paris
 * calendar days, both included. Defaults to the last 12 months up to today; a reversed or too long
 * period is a 400 naming the field.
 */
export function resolvePeriod(query: { from?: string; to?: string; interval?: TrendInterval }, today: string): Period {
  const to = query.to ?? today;
  const from = query.from ?? addCalendarDays(addMonths(to, -12), 1);
  if (to < from) throw new ValidationFailedException([{ field: 'to', message: 'to must be on or after from', ...because(REPORT.periodReversed) }]);
  if (to >= addMonths(from, 36)) {
    throw new ValidationFailedException([{ field: 'from', message: 'the period must be at most 3 years long', ...because(REPORT.periodTooLong) }]);
  }
  const interval = query.interval ?? (daysBetween(from, to) + 1 > 92 ? 'month' : 'week');
  return { from, to, today, interval };
}

export function bucketLabel(start: string, interval: TrendInterval): string {
  const [, month, date] = start.split('-');
  if (interval === 'month') return frenchMonth(start);
  return `sem. du ${date}/${month}`;
}

/** Every bucket (Monday or first of the month) overlapping the period, in order. */
export function bucketStarts(period: Period): string[] {
  const starts: string[] = [];
  if (period.interval === 'week') {
    for (let day = mondayOf(period.from); day <= period.to; day = addCalendarDays(day, 7)) starts.push(day);
  } else {
    for (let day = `${period.from.slice(0, 7)}-01`; day <= period.to; day = addMonths(day, 1)) starts.push(day);
  }
  return starts;
}
