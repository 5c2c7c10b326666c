import { addCalendarDays } from '../common/calendar/working-days';
import type { DismissalReason } from './call-suggestion-dismissal.entity';

/**
 * How many weeks (Monday to Sunday, Paris calendar) a dismissed suggestion stays off the list: the
 * current week, so it may come back next Monday once the situation may have changed; a closed
 * company, a year, since it will not reopen next week (it may be refreshed from the registry).
 */
export const HIDDEN_WEEKS: Record<DismissalReason, number> = { elsewhere: 1, territory: 1, sector: 1, closed: 52, other: 1 };

/** The Monday after `day` ('YYYY-MM-DD'): the first day of the next week. */
export function nextMonday(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
  return addCalendarDays(day, 8 - weekday);
}

/** The first day a suggestion dismissed on `today` for `reason` may come back (exclusive end of its hiding). */
export function hiddenUntil(today: string, reason: DismissalReason): string {
  return addCalendarDays(nextMonday(today), 7 * (HIDDEN_WEEKS[reason] - 1));
}
