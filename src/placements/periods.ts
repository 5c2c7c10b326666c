import { addCalendarDays, addMonths } from '../common/calendar/working-days';

/**
 * The last day of a period of `months` calendar months starting on `start` (both days included):
 * the day before the same day `months` later (2026-03-02 + 1 month → 2026-04-01). When that month
 * has no such day, the period ends on its last day (2026-01-31 + 1 month → 2026-02-28), as French
 * law counts month periods (« à défaut d'un quantième identique, le dernier jour du mois »).
 */
export function periodLastDay(start: string, months: number): string {
  const sameDay = addMonths(start, months);
  const clamped = Number(sameDay.slice(8)) !== Number(start.slice(8));
  return clamped ? sameDay : addCalendarDays(sameDay, -1);
}

/** Whether `start` → `end` (both included) lasts at least `months` calendar months. */
export function lastsAtLeastMonths(start: string, end: string, months: number): boolean {
  return end >= periodLastDay(start, months);
}
