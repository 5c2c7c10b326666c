import { calendarDayIn, frenchDay } from '../common/calendar/working-days';

/**
 * What free text tied to an erased or anonymised person becomes, whole: « [effacé le 04/12/2026] »
 * (the day in the structure's calendar). Whole, not word by word: what staff wrote about someone
 * (their health, their family) goes with their name.
 */
export function erasedText(now: Date, timeZone: string): string {
  return `[effacé le ${frenchDay(calendarDayIn(timeZone, now))}]`;
}
