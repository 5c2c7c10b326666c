import { addMonths, calendarDayIn } from '../common/calendar/working-days';
import { wallTimeToInstant } from '../common/calendar/time-zone';
import type { ActivityType, CallOutcome } from './activity.entity';
import type { NextActionType } from './cadence';

/**
 * Contact pressure, as rules a table can test: what counts as a contact, the month it is counted
 * in, when the monthly cap warns, and when a company that never answers rests.
 */

/** What an employer feels as being contacted: calls, e-mails, meetings and visits (not notes or events). */
export const CONTACT_TYPES = ['call', 'email', 'meeting', 'visit'] as const satisfies ReadonlyArray<ActivityType & NextActionType>;

export function isContact(type: string): boolean {
  return (CONTACT_TYPES as readonly string[]).includes(type);
}

/** An unanswered attempt: a call nobody picked up. E-mails have no « answered » in Tremplin, so they are not attempts. */
export function isUnansweredAttempt(type: ActivityType, outcome: CallOutcome | null | undefined): boolean {
  return type === 'call' && outcome === 'no_answer';
}

/** The company answered: a call with any other outcome, a meeting or a visit. A call without an outcome says nothing. */
export function isAnswered(type: ActivityType, outcome: CallOutcome | null | undefined): boolean {
  if (type === 'meeting' || type === 'visit') return true;
  return type === 'call' && outcome !== null && outcome !== undefined && outcome !== 'no_answer';
}

/**
 * The calendar month (in the business time zone) an instant falls in, as the instants it starts
 * and ends at (end exclusive): 31 March 23:30 in Paris is in March, though it is 21:30 UTC.
 * A calendar month is what an employer means by « deux fois par mois ».
 */
export function monthOf(timeZone: string, instant: Date): { month: string; start: Date; end: Date } {
  const day = calendarDayIn(timeZone, instant);
  const first = `${day.slice(0, 8)}01`;
  return { month: day.slice(0, 7), start: wallTimeToInstant(timeZone, first, 0, 0), end: wallTimeToInstant(timeZone, addMonths(first, 1), 0, 0) };
}

export interface MonthContacts {
  /** Contacts already logged this month. */
  count: number;
  /** Who made the last of them, and when. */
  last: { by: string | null; at: Date } | null;
}

export interface CapWarning {
  max: number;
  count: number;
  by: string;
  on: string;
}

/**
 * The warning a new contact deserves: when the month already holds as many contacts as the
 * employer accepts (the new one would exceed it), naming the last one. No cap, no warning.
 */
export function capWarningOf(cap: number | null, month: MonthContacts, timeZone: string): CapWarning | null {
  if (cap === null || month.count < cap) return null;
  return {
    max: cap,
    count: month.count,
    by: month.last?.by ?? 'une personne de la structure',
    on: month.last ? calendarDayIn(timeZone, month.last.at) : '',
  };
}

export interface RestSettings {
  /** Unanswered calls that start a rest (default 6). */
  attempts: number;
  /** The window they are counted in and the length of the rest, in calendar months (default 3). */
  months: number;
}

export const DEFAULT_REST_SETTINGS: RestSettings = { attempts: 6, months: 3 };

export interface Rest {
  /** Resting until this day, exclusive: back on the lists that day. */
  until: string;
  /** Unanswered calls in the window. */
  count: number;
  /** The day of the last of them (the one that crossed the threshold). */
  lastDay: string;
}

/**
 * The rest that unanswered calls (their Paris days, those since the company last answered) start:
 * when at least `attempts` of them fall within `months` months up to the last one (an attempt
 * counts while its day + `months` months is after the last: 6 September is out of a window ending
 * 6 December), the company rests until the last one's day + `months` months (31 August + 3 months
 * is 30 November: a shorter month ends it on its last day). Otherwise no rest.
 */
export function restAfter(attemptDays: string[], settings: RestSettings): Rest | null {
  if (!attemptDays.length) return null;
  const lastDay = [...attemptDays].sort().pop()!;
  const count = attemptDays.filter((day) => addMonths(day, settings.months) > lastDay).length;
  if (count < settings.attempts) return null;
  return { until: addMonths(lastDay, settings.months), count, lastDay };
}

/** Whether a company rests on `today`: its rest ends on its own on `resting_until`. */
export function isResting(restingUntil: string | null, today: string): boolean {
  return restingUntil !== null && restingUntil > today;
}

/**
 * The condition that keeps a company (alias `c`, parameter `:today`) on the « à appeler » lists:
 * not resting on that day, and not asking never to be contacted. It reads the company's own
 * columns only, so the lists and the board's filter keep their plans.
 */
export const CALLABLE_COMPANY = 'NOT c.no_contact AND (c.resting_until IS NULL OR c.resting_until <= :today)';
