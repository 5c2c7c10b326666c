/** Wall-clock arithmetic in a named time zone (Europe/Paris), daylight-saving changes included. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** What the wall clock of the zone shows at an instant. */
export function wallClock(timeZone: string, instant: Date) {
  const parts = formatter(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour') % 24, minute: part('minute'), second: part('second') };
}

/** The time of day the zone's wall clock shows at an instant, 'HH:MM' (24-hour). */
export function wallTimeOf(timeZone: string, instant: Date): string {
  const { hour, minute } = wallClock(timeZone, instant);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The zone's offset from UTC at `instant`, in milliseconds (Paris: +1 h in winter, +2 h in summer). */
export function zoneOffsetMs(timeZone: string, instant: Date): number {
  const wall = wallClock(timeZone, instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `timeZone` shows `hours:minutes` on `day` ('YYYY-MM-DD'),
 * with that moment's own offset (08:00 Paris is 07:00 UTC in winter, 06:00 UTC in summer, the change
 * days included). A time skipped by the spring change (02:30 on the last Sunday of March) moves
 * forward by the jump (03:30), as Temporal's "compatible" rule does; a time repeated in autumn maps
 * to its first occurrence.
 */
export function wallTimeToInstant(timeZone: string, day: string, hours: number, minutes: number, seconds = 0): Date {
  const [year, month, date] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date, hours, minutes, seconds);
  // The offsets in force a day either side: one of them is the offset at the wanted instant.
  const candidates = [...new Set([zoneOffsetMs(timeZone, new Date(wall - 86_400_000)), zoneOffsetMs(timeZone, new Date(wall + 86_400_000))])]
    .map((offset) => wall - offset)
    .filter((instant) => zoneOffsetMs(timeZone, new Date(instant)) === wall - instant)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]);
  // Skipped wall time: read it with the offset in force before the jump, i.e. one hour later.
  return new Date(wall - zoneOffsetMs(timeZone, new Date(wall - 86_400_000)));
}
