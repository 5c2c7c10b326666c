import { wallTimeOf, wallTimeToInstant } from '../../common/calendar/time-zone';
import { addCalendarDays, calendarDayIn } from '../../common/calendar/working-days';
import { AgendaEncounterRow, AgendaMeetingRow } from '../../encounters/agenda.queries';
import { ENCOUNTER_KIND_LABELS } from '../../encounters/encounter.entity';
import { option, Raw, text, UUID } from '../kit/forms';

/*
 * The team agenda (« Totem ») as the page shows it: a week from Monday to Sunday on the Paris wall
 * clock, each day with its encounters and meetings booked with companies. Pure functions.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR_MS = 3_600_000;

/** One line of a day: an encounter or a meeting with a company. */
export interface AgendaItem {
  /** The Paris day it starts on. */
  day: string;
  /** Its start, to order a day's items (a time repeated by the October change keeps its order). */
  at: number;
  startTime: string;
  endTime: string;
  kindLabel: string;
  title: string;
  /** The companies taking part, when the title does not say it. */
  companies: string | null;
  href: string;
  place: string | null;
  who: string | null;
  cancelled: boolean;
  meeting: boolean;
}

/** The Monday of the week `day` falls in ('YYYY-MM-DD'; weeks run Monday to Sunday). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addCalendarDays(day, -((weekday + 6) % 7));
}

function isDay(value: string): boolean {
  return DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** The week and the person from the page's query (`?semaine=` any day of the week, `?personne=` a staff id); anything else: this week, everyone. */
export function agendaQueryOf(raw: Raw, today: string): { monday: string; staffId: string | null } {
  const week = text(raw.semaine);
  const person = text(raw.personne);
  return { monday: mondayOf(isDay(week) ? week : today), staffId: UUID.test(person) ? person.toLowerCase() : null };
}

export function agendaHref(monday: string, staffId: string | null): string {
  const params = new URLSearchParams({ semaine: monday });
  if (staffId) params.set('personne', staffId);
  return `/agenda?${params.toString()}`;
}

export function encounterItems(rows: readonly AgendaEncounterRow[], timeZone: string): AgendaItem[] {
  return rows.map((row) => {
    const startsAt = new Date(row.starts_at);
    return {
      day: calendarDayIn(timeZone, startsAt),
      at: startsAt.getTime(),
      startTime: wallTimeOf(timeZone, startsAt),
      endTime: wallTimeOf(timeZone, new Date(row.ends_at)),
      kindLabel: ENCOUNTER_KIND_LABELS[row.kind] ?? 'Rencontre',
      title: row.title,
      companies: row.company_names.length ? row.company_names.join(', ') : null,
      href: `/rencontres/${row.id}`,
      place: row.place ?? (row.host_company_name ? `chez ${row.host_company_name}` : null),
      who: row.staff_names.length ? row.staff_names.join(', ') : null,
      cancelled: row.status === 'cancelled',
      meeting: false,
    };
  });
}

/** Meetings booked with companies last an hour. */
export function meetingItems(rows: readonly AgendaMeetingRow[], timeZone: string): AgendaItem[] {
  return rows.map((row) => {
    const [hours, minutes] = row.time.split(':').map(Number);
    const startsAt = wallTimeToInstant(timeZone, row.day, hours, minutes);
    const place = [row.address, [row.postcode, row.commune].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return {
      day: row.day,
      at: startsAt.getTime(),
      startTime: wallTimeOf(timeZone, startsAt),
      endTime: wallTimeOf(timeZone, new Date(startsAt.getTime() + HOUR_MS)),
      kindLabel: 'Rendez-vous',
      title: row.company_name,
      companies: null,
      href: `/entreprises/${row.company_id}`,
      place: place || null,
      who: row.staff_name,
      cancelled: false,
      meeting: true,
    };
  });
}

const DAY_LABEL = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const DAY_MONTH = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const at = (day: string) => new Date(`${day}T12:00:00Z`);

/** « Semaine du 29 mars au 4 avril 2027 ». */
export function weekTitle(monday: string): string {
  const sunday = addCalendarDays(monday, 6);
  const first = monday.slice(0, 4) === sunday.slice(0, 4) ? DAY_MONTH.format(at(monday)) : DAY_MONTH_YEAR.format(at(monday));
  return `Semaine du ${first} au ${DAY_MONTH_YEAR.format(at(sunday))}`;
}

/** The seven days of the week with their items, earliest first; an item outside the week is left out. */
export function weekDays(monday: string, today: string, items: readonly AgendaItem[]) {
  return Array.from({ length: 7 }, (_, index) => {
    const day = addCalendarDays(monday, index);
    const own = items.filter((item) => item.day === day).sort((a, b) => a.at - b.at || a.title.localeCompare(b.title, 'fr'));
    return { day, label: DAY_LABEL.format(at(day)), today: day === today, items: own, empty: own.length === 0 };
  });
}

export function agendaView(input: {
  monday: string;
  today: string;
  staffId: string | null;
  team: ReadonlyArray<{ id: string; firstName: string; lastName: string; active: boolean }>;
  items: readonly AgendaItem[];
}) {
  const { monday, staffId } = input;
  const thisWeek = mondayOf(input.today);
  const chosen = input.team.find((user) => user.id === staffId);
  return {
    monday,
    weekLabel: weekTitle(monday),
    days: weekDays(monday, input.today, input.items),
    count: input.items.length,
    previousHref: agendaHref(addCalendarDays(monday, -7), staffId),
    nextHref: agendaHref(addCalendarDays(monday, 7), staffId),
    thisWeekHref: agendaHref(thisWeek, staffId),
    isThisWeek: monday === thisWeek,
    person: chosen ? `${chosen.firstName} ${chosen.lastName}` : null,
    staffOptions: [
      option('', 'Tout le monde', staffId ?? ''),
      ...input.team
        .filter((user) => user.active || user.id === staffId)
        .map((user) => option(user.id, `${user.firstName} ${user.lastName}`, staffId ?? '')),
    ],
  };
}
