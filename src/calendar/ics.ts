import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendar, ICalCalendarMethod, ICalEventData, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

/*
 * The iCalendar (RFC 5545) files Tremplin writes: invitations sent with e-mails and each staff
 * member's subscription feed. Pure functions, no Nest: the callers decide UIDs, sequences and
 * the clock's now.
 */

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarEvent {
  /** Stable, e.g. `encounter-<participantId>@<host of APP_BASE_URL>`. */
  uid: string;
  /** Raised by the caller on each change. */
  sequence: number;
  /** Instants (UTC); written in the time zone given. */
  start: Date;
  end: Date;
  summary: string;
  location?: string | null;
  description?: string | null;
  url?: string | null;
  organizer?: CalendarPerson | null;
  attendees?: CalendarPerson[];
  /** A planned call without a time: DTSTART;VALUE=DATE of the day of `start` in the time zone. */
  allDay?: boolean;
  /** DTSTAMP, defaults to now (pass the clock's now). */
  stamp?: Date;
}

const PRODID = { company: 'Tremplin', product: 'Tremplin', language: 'FR' };

/**
 * A calendar whose events carry their own TZID. The calendar-level time zone name stays unset:
 * with it, ical-generator writes DTSTAMP in local time without `Z`, which RFC 5545 forbids; the
 * generator still adds the VTIMEZONE of every zone the events name.
 */
function calendar(method: ICalCalendarMethod): ICalCalendar {
  const cal = ical({ prodId: PRODID, method });
  cal.timezone({ name: null, generator: getVtimezoneComponent });
  return cal;
}

function eventData(event: CalendarEvent, timeZone: string, rsvp: boolean): ICalEventData {
  const common = {
    id: event.uid,
    sequence: event.sequence,
    stamp: event.stamp ?? new Date(),
    summary: event.summary,
    location: event.location ?? null,
    description: event.description ?? null,
    url: event.url ?? null,
    organizer: event.organizer ? { name: event.organizer.name, email: event.organizer.email } : null,
    attendees: (event.attendees ?? []).map((person) => ({
      name: person.name,
      email: person.email,
      role: ICalAttendeeRole.REQ,
      ...(rsvp ? { rsvp: true, status: ICalAttendeeStatus.NEEDSACTION } : {}),
    })),
  };
  if (event.allDay) {
    // A floating date: the day as it is in the time zone, whatever the instant's UTC day.
    const day = DateTime.fromJSDate(event.start, { zone: timeZone }).startOf('day');
    const lastDay = DateTime.fromJSDate(event.end, { zone: timeZone }).startOf('day');
    const end = lastDay > day ? lastDay : day.plus({ days: 1 });
    return { ...common, allDay: true, start: day.toISODate()!, end: end.toISODate()! };
  }
  const start = DateTime.fromJSDate(event.start, { zone: timeZone });
  const end = DateTime.fromJSDate(event.end, { zone: timeZone });
  // A wall-clock time that happens twice (02:30 on the last Sunday of October in Paris) names the
  // first one by RFC 5545, and readers differ anyway (ical.js takes the second): such an event is
  // written in UTC, which every reader places right.
  if (isAmbiguous(start) || isAmbiguous(end)) return { ...common, start: event.start, end: event.end };
  return { ...common, timezone: timeZone, start, end };
}

function isAmbiguous(time: DateTime): boolean {
  return time.getPossibleOffsets().length > 1;
}

/** One event as an invitation (METHOD:REQUEST, STATUS:CONFIRMED) or its cancellation (METHOD:CANCEL, STATUS:CANCELLED). */
export function invitationIcs(method: 'REQUEST' | 'CANCEL', event: CalendarEvent, timeZone: string): string {
  const cal = calendar(method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL);
  cal.createEvent({
    ...eventData(event, timeZone, method === 'REQUEST'),
    status: method === 'REQUEST' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
  });
  return cal.toString();
}

/** A subscription feed (METHOD:PUBLISH, X-WR-CALNAME name, no attendees RSVP). */
export function feedIcs(name: string, events: CalendarEvent[], timeZone: string): string {
  const cal = calendar(ICalCalendarMethod.PUBLISH);
  cal.name(name);
  for (const event of events) cal.createEvent(eventData(event, timeZone, false));
  return cal.toString();
}

/** The host part for UIDs: the hostname of APP_BASE_URL. */
export function uidHost(appBaseUrl: string): string {
  return new URL(appBaseUrl).hostname;
}
