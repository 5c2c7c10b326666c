import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/**
 * The one place that says which dates the API accepts. `Date` itself rolls 2026-02-30 over to
 * 2 March and takes many loose formats, so input is checked field by field before it ever reaches
 * `Date`: a calendar day or an instant is refused, naming its field, unless it exists as written.
 */

/** Calendar day, as sent by forms and stored in `date` columns. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** ISO 8601 instant: day, `T`, hours and minutes, optional seconds and fraction, and a mandatory offset. */
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dayExists(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** `YYYY-MM-DD` naming a day of the calendar: 2026-02-30 and 2026-13-01 are not. */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  return dayExists(year, month, day);
}

/**
 * The instant an ISO 8601 date-time names, or null when it is not one: a day that exists, a time of
 * day 00:00 to 23:59:59 (no leap second, no 24:00) and an offset (Z or ±HH:MM up to ±14:00), since
 * a date-time without one names no instant.
 */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = INSTANT_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  if (!dayExists(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const offset = match[8];
  if (offset !== 'Z') {
    const [offsetHours, offsetMinutes] = offset.slice(1).split(':').map(Number);
    if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 14 * 60) return null;
  }
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** A calendar day (YYYY-MM-DD) that exists: 2026-02-30 is refused, naming `field`. */
export function IsDay(field: string): PropertyDecorator {
  return ValidateBy({ name: 'isDay', validator: { validate: isCalendarDay, defaultMessage: () => `${field} must be a date (YYYY-MM-DD)` } });
}

/**
 * A date-time (ISO 8601 with an offset, e.g. 2026-03-02T10:00:00Z) naming an instant that exists,
 * handed to the service as a `Date`; anything else is refused naming `field`.
 */
export function IsInstant(field: string): PropertyDecorator {
  const toDate = Transform(({ value }: { value: unknown }) => (value instanceof Date ? value : (parseInstant(value) ?? value)));
  const check = ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()),
      defaultMessage: () => `${field} must be a date and time that exists (ISO 8601 with an offset, e.g. 2026-03-02T10:00:00Z)`,
    },
  });
  return (target: object, property: string | symbol) => {
    toDate(target, property as string);
    check(target, property);
  };
}
