import { wallClock } from './calendar/time-zone';

/**
 * How our CSV exports write what French Excel would otherwise misread: codes made of digits stay
 * text, days and times read as dates in Paris, and file names stay French.
 */

/**
 * A code made of digits (SIRET, postcode) as a formula that yields the text: as a number Excel shows
 * a SIRET as 3,56E+13 and the postcode 01000 as 1000.
 */
export function spreadsheetText(value: string | null | undefined): string {
  return value ? `="${value.replace(/"/g, '""')}"` : '';
}

const pad = (value: number) => String(value).padStart(2, '0');

/** 'YYYY-MM-DD' as 'dd/mm/yyyy', which French Excel reads as a date (ISO stays text). */
export function spreadsheetDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day;
}

/**
 * An instant as the zone's wall clock, 'dd/mm/yyyy hh:mm': 4 December 00:30 in Paris is
 * 3 December 23:30 UTC, and must not be read as the 3rd.
 */
export function spreadsheetTime(instant: Date | string, timeZone: string): string {
  const wall = wallClock(timeZone, new Date(instant));
  return `${pad(wall.day)}/${pad(wall.month)}/${wall.year} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * A Content-Disposition header for a download: an ASCII name every browser takes (accents dropped,
 * anything else but letters, digits, `.`, `_` and `-` made a `-`), plus the exact UTF-8 name
 * (RFC 6266 `filename*`) when it differs.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-');
  if (ascii === filename) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
