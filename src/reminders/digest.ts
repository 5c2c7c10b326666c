import { calendarDayIn, isWorkingDay } from '../prospection/working-days';

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

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `instant`, in milliseconds (Paris: +1 h in winter, +2 h in summer). */
export function zoneOffsetMs(timeZone: string, instant: Date): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `timeZone` shows `time` on `day`, with that moment's own
 * offset (so 08:00 Paris is 07:00 UTC in winter and 06:00 UTC in summer, the change days included).
 * A time skipped by the spring change (02:30 on the last Sunday of March) is moved forward by the
 * jump (03:30), as Temporal's "compatible" rule does; a time repeated in autumn maps to its first
 * occurrence.
 */
export function wallTimeToInstant(timeZone: string, day: string, time: TimeOfDay): Date {
  const [year, month, date] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date, time.hours, time.minutes);
  // Try the offsets in force a day either side: one of them is the offset at the wanted instant.
  const candidates = [...new Set([zoneOffsetMs(timeZone, new Date(wall - 86_400_000)), zoneOffsetMs(timeZone, new Date(wall + 86_400_000))])]
    .map((offset) => wall - offset)
    .filter((instant) => zoneOffsetMs(timeZone, new Date(instant)) === wall - instant)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]);
  // Skipped wall time: read it with the offset in force before the jump, i.e. one hour later.
  return new Date(wall - zoneOffsetMs(timeZone, new Date(wall - 86_400_000)));
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
