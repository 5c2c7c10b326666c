import Holidays from 'date-holidays';
import { spreadsheetDay } from '../spreadsheet';

// Days are 'YYYY-MM-DD' strings handled as UTC midnights, so that the machine's time zone never shifts them.
const DAY_MS = 24 * 60 * 60 * 1000;

function toUtc(day: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC rolls 2026-02-30 over to March; refusing it beats silently moving a due date.
  if (!date || formatDay(date) !== day) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
  return date;
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function requireInteger(name: string, value: number): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

// Metropolitan France. Lundi de Pentecôte stays in: it is a public holiday by law, even though many
// employers work that day as their journée de solidarité.
const holidays = new Holidays('FR');
const publicHolidaysByYear = new Map<number, ReadonlySet<string>>();

function publicHolidaysOf(year: number): ReadonlySet<string> {
  let days = publicHolidaysByYear.get(year);
  if (!days) {
    // `date` is the holiday's own local day ('2026-05-25 00:00:00'), independent of the machine's time zone.
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    publicHolidaysByYear.set(year, days);
  }
  return days;
}

/** True on the 11 national jours fériés of metropolitan France. */
export function isFrenchPublicHoliday(day: string): boolean {
  return publicHolidaysOf(toUtc(day).getUTCFullYear()).has(day);
}

/** Monday to Friday, except public holidays. */
export function isWorkingDay(day: string): boolean {
  const weekday = toUtc(day).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(day);
}

export function addCalendarDays(day: string, count: number): string {
  requireInteger('count', count);
  return formatDay(new Date(toUtc(day).getTime() + count * DAY_MS));
}

/** Same day of the month `count` months later, or that month's last day when it is shorter (01-31 + 1 → 02-28). */
export function addMonths(day: string, count: number): string {
  requireInteger('count', count);
  const date = toUtc(day);
  const month = date.getUTCMonth() + count;
  const lastDayOfMonth = new Date(Date.UTC(date.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return formatDay(new Date(Date.UTC(date.getUTCFullYear(), month, Math.min(date.getUTCDate(), lastDayOfMonth))));
}

function nextWorkingDayFrom(day: string): string {
  let current = day;
  while (!isWorkingDay(current)) current = addCalendarDays(current, 1);
  return current;
}

/**
 * `count` working days after `day`: Thursday 2026-12-31 + 1 is Monday 2027-01-04. With 0, the day itself
 * when it is a working day, else the next one.
 */
export function addWorkingDays(day: string, count: number): string {
  requireInteger('count', count);
  if (count < 0) throw new RangeError(`count must not be negative, got ${count}`);
  if (count === 0) return nextWorkingDayFrom(day);
  let current = day;
  let remaining = count;
  while (remaining > 0) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current)) remaining--;
  }
  return current;
}

/**
 * The working day `count` working days before `day` (count ≥ 1): two working days before Tuesday
 * 2027-05-18 are Friday 14 and Thursday 13 (Whit Monday 17 is off), so Thursday 2027-05-13.
 */
export function workingDaysBefore(day: string, count: number): string {
  requireInteger('count', count);
  if (count < 1) throw new RangeError(`count must be at least 1, got ${count}`);
  let current = day;
  let remaining = count;
  while (remaining > 0) {
    current = addCalendarDays(current, -1);
    if (isWorkingDay(current)) remaining--;
  }
  return current;
}

/** 'YYYY-MM-DD' as 'dd/mm/yyyy' (a calendar day, no time zone); empty as '—', anything else as is. */
export function frenchDay(day: string | null | undefined): string {
  return day ? spreadsheetDay(day) : '—';
}

/** Calendar days from `fromDay` to `toDay`: positive when `toDay` is later, negative when earlier. */
export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((toUtc(toDay).getTime() - toUtc(fromDay).getTime()) / DAY_MS);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day ('YYYY-MM-DD') an instant falls on in a time zone such as 'Europe/Paris'. */
export function calendarDayIn(timeZone: string, instant: Date): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  // Assembled from the parts, as the order and separators of the formatted string depend on the ICU version.
  const parts = formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
