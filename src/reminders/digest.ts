import { wallTimeToInstant as wallClockInstant } from '../common/calendar/time-zone';
import { calendarDayIn, isWorkingDay } from '../common/calendar/working-days';

/** A time of day as the settings take it ("07:30") or as PostgreSQL returns a `time` ("07:30:00"). */
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

export interface TimeOfDay {
  hours: number;
  minutes: number;
}

/** Null when `value` is not a valid time of day (24:00, 8:00, 08h00...). */
export function parseTimeOfDay(value: string): TimeOfDay | null {
  const match = TIME_PATTERN.exec(value);
  return match ? { hours: Number(match[1]), minutes: Number(match[2]) } : null;
}

/** "08:00:00" → "08:00". */
export function formatTimeOfDay(value: string): string {
  const time = parseTimeOfDay(value);
  if (!time) throw new RangeError(`Not a time of day: ${value}`);
  return `${String(time.hours).padStart(2, '0')}:${String(time.minutes).padStart(2, '0')}`;
}

/** The instant at which the wall clock of `timeZone` shows `time` on `day` (see common/calendar/time-zone). */
export function wallTimeToInstant(timeZone: string, day: string, time: TimeOfDay): Date {
  return wallClockInstant(timeZone, day, time.hours, time.minutes);
}

export interface DigestDue {
  /** The calendar day of `now` in the zone ('YYYY-MM-DD'): the day a digest is for. */
  day: string;
  /** When the digest is due that day (null on weekends and public holidays: no digest). */
  dueAt: Date | null;
  due: boolean;
}

/**
 * Whether a digest set for `digestTime` (local time in `timeZone`) is due at `now`: on a working day
 * (no weekend, no French public holiday, judged on the local calendar day), once the local time has
 * reached the digest time. Catching up later the same day is still due; the next day is a new day.
 */
export function digestDue(now: Date, digestTime: string, timeZone: string): DigestDue {
  const day = calendarDayIn(timeZone, now);
  const time = parseTimeOfDay(digestTime);
  if (!time) throw new RangeError(`Not a time of day: ${digestTime}`);
  if (!isWorkingDay(day)) return { day, dueAt: null, due: false };
  const dueAt = wallTimeToInstant(timeZone, day, time);
  return { day, dueAt, due: now.getTime() >= dueAt.getTime() };
}

const dayLabel = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const shortDayLabel = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });

/** '2026-11-24' → 'mardi 24 novembre'. */
export function frenchDayLabel(day: string): string {
  return dayLabel.format(new Date(`${day}T00:00:00Z`));
}

/** '2026-11-20' → '20/11/2026'. */
export function frenchShortDate(day: string): string {
  return shortDayLabel.format(new Date(`${day}T00:00:00Z`));
}

/** What one digest lists; every list empty means no digest at all. */
export interface DigestContent {
  actionsToday: DigestAction[];
  actionsOverdue: DigestAction[];
  overdueLeads: DigestLead[];
  alerts: DigestAlert[];
  unansweredCheckIns: DigestCheckIn[];
}

export interface DigestAction {
  companyId: string;
  companyName: string;
  actionLabel: string;
  dueOn: string;
}

export interface DigestLead {
  leadId: string;
  jobTitle: string;
  companyName: string;
  spottedOn: string;
  daysOpen: number;
}

export interface DigestAlert {
  kindLabel: string;
  message: string;
  raisedOn: string;
}

export interface DigestCheckIn {
  personName: string;
  companyName: string;
  partyLabel: string;
  sentOn: string;
}

export function isEmptyDigest(content: DigestContent): boolean {
  return (
    content.actionsToday.length === 0 &&
    content.actionsOverdue.length === 0 &&
    content.overdueLeads.length === 0 &&
    content.alerts.length === 0 &&
    content.unansweredCheckIns.length === 0
  );
}

/** At most this many lines per section; the rest is counted and linked. */
export const DIGEST_SECTION_LIMIT = 25;

function section<T, V>(items: T[], view: (item: T) => V, name: string): Record<string, unknown> {
  return {
    [name]: items.slice(0, DIGEST_SECTION_LIMIT).map(view),
    [`${name}Count`]: items.length,
    [`${name}More`]: Math.max(0, items.length - DIGEST_SECTION_LIMIT),
  };
}

/** The handlebars context of templates/mail/digest: French labels and absolute links. */
export function digestMailContext(
  baseUrl: string,
  recipient: { firstName: string; structureName: string; day: string; digestTime: string },
  content: DigestContent,
): Record<string, unknown> {
  const action = (item: DigestAction) => ({
    companyName: item.companyName,
    actionLabel: item.actionLabel,
    dueOn: frenchShortDate(item.dueOn),
    url: `${baseUrl}/entreprises/${item.companyId}`,
  });
  return {
    firstName: recipient.firstName,
    structureName: recipient.structureName,
    dayLabel: frenchDayLabel(recipient.day),
    digestTime: formatTimeOfDay(recipient.digestTime).replace(':', ' h '),
    actionsUrl: `${baseUrl}/relances`,
    leadsUrl: `${baseUrl}/pistes`,
    alertsUrl: `${baseUrl}/#alertes`,
    placementsUrl: `${baseUrl}/placements`,
    ...section(content.actionsOverdue, action, 'actionsOverdue'),
    ...section(content.actionsToday, action, 'actionsToday'),
    ...section(
      content.overdueLeads,
      (lead) => ({
        jobTitle: lead.jobTitle,
        companyName: lead.companyName,
        spottedOn: frenchShortDate(lead.spottedOn),
        daysOpen: lead.daysOpen,
        url: `${baseUrl}/pistes/${lead.leadId}`,
      }),
      'overdueLeads',
    ),
    ...section(
      content.alerts,
      (alert) => ({ kindLabel: alert.kindLabel, message: alert.message, raisedOn: frenchShortDate(alert.raisedOn) }),
      'alerts',
    ),
    ...section(
      content.unansweredCheckIns,
      (checkIn) => ({
        personName: checkIn.personName,
        companyName: checkIn.companyName,
        partyLabel: checkIn.partyLabel,
        sentOn: frenchShortDate(checkIn.sentOn),
      }),
      'checkIns',
    ),
  };
}
