import { wallClock, wallTimeToInstant } from '../common/calendar/time-zone';
import { addWorkingDays, calendarDayIn, isWorkingDay } from '../common/calendar/working-days';

/** Texts leave between 08:00 (included) and 20:00 (excluded), wall clock of the structure's zone. */
export const SENDING_HOURS = { from: 8, until: 20 } as const;

/**
 * When a text due `now` may leave: `now` itself between 08:00 and 20:00 on a working day (weekends and
 * French public holidays are off), else 08:00 of the next working day (or of today, before 08:00 on a
 * working day). 08:00 is read in the zone on that day, so it follows the March and October clock changes.
 */
export function nextSendingInstant(now: Date, timeZone: string): Date {
  const today = calendarDayIn(timeZone, now);
  if (isWorkingDay(today)) {
    const { hour } = wallClock(timeZone, now);
    if (hour >= SENDING_HOURS.from && hour < SENDING_HOURS.until) return now;
    if (hour < SENDING_HOURS.from) return wallTimeToInstant(timeZone, today, SENDING_HOURS.from, 0);
  }
  return wallTimeToInstant(timeZone, addWorkingDays(today, 1), SENDING_HOURS.from, 0);
}
