import { IntlMessageFormat } from 'intl-messageformat';
import { FR } from './fr';
import { ParamsOf, RefusalCode } from './index';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** A calendar day as French writes it in a sentence: « 1er janvier 2027 », « 6 janvier 2027 ». */
export function frenchLongDay(day: string): string {
  const match = DAY.exec(day);
  if (!match) return day;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return `${date === 1 ? '1er' : date} ${MONTHS[month - 1]} ${year}`;
}

/** The month of a calendar day as French names it: « décembre 2026 ». */
export function frenchMonth(day: string): string {
  const match = DAY.exec(day);
  if (!match) return day;
  return `${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

const compiled = new Map<RefusalCode, IntlMessageFormat>();

function formatOf(code: RefusalCode): IntlMessageFormat {
  let format = compiled.get(code);
  if (!format) {
    format = new IntlMessageFormat(FR[code], 'fr');
    compiled.set(code, format);
  }
  return format;
}

/** Parameters as the sentence shows them: days written out in French. */
function shown(params: object): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? frenchLongDay(value) : (value as number | boolean)]),
  );
}

/** The French sentence of a refusal. */
export function french<C extends RefusalCode>(code: C, params: ParamsOf<C>): string {
  return frenchOf({ code, params });
}

/** The French sentence of a code and parameters as the error shape carries them. */
export function frenchOf(coded: { code: RefusalCode; params?: object }): string {
  return String(formatOf(coded.code).format(shown(coded.params ?? {})));
}

/** Whether a string is a known code (for codes read back from a form or a script). */
export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FR, value);
}
