/**
 * Regular expressions (PostgreSQL's ARE syntax) for a person's full name, address and number, for
 * SQL that rewrites JSON in place (the audit trail's forgetting) or looks for candidates named in a
 * contact's export. Free text of the structure is searched by `identity-search.ts`, which knows the
 * usual variants of a name (initials, civilities, reordering).
 */
import { FRENCH_PLAN_CODES, phoneDigits } from './identity-search';

/** What identifies a person in text. */
export interface Identity {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

/** What names are replaced with. */
export const ANONYMOUS_NAME = 'Personne anonymisée';
/** What e-mail addresses and phone numbers are replaced with. */
export const REMOVED = '[donnée supprimée]';

/** One search-and-replace, case-insensitive unless `caseSensitive`. */
export interface Replacement {
  pattern: string;
  replacement: string;
  caseSensitive?: boolean;
}

/** A literal as a PostgreSQL regular expression. */
export function regexLiteral(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** The words of a text, any whitespace between them. */
function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** Digits of a French or international number, separators (space, dot, dash) allowed between them. */
export function phonePattern(phone: string): string | null {
  const found = phoneDigits(phone);
  if (!found) return null;
  const spaced = (value: string) => value.split('').join('[\\s.-]*');
  // 06 12 34 56 78 is also written +33 6 12 34 56 78 (and stored +33612345678); 0694 … is +594 694 ….
  if (found.french) return `(0[\\s.-]*${spaced(found.digits)}|(\\+|00)[\\s.-]*(${FRENCH_PLAN_CODES.join('|')})[\\s.-]*(\\(0\\))?[\\s.-]*${spaced(found.digits)})`;
  return spaced(found.digits);
}

/** "First Last" and "Last First" (any spacing); null when either is missing (one word is too common to hunt). */
export function fullNamePattern(identity: Identity): string | null {
  const first = words(identity.firstName ?? '');
  const last = words(identity.lastName ?? '');
  if (!first.length || !last.length) return null;
  const join = (parts: string[]) => parts.map(regexLiteral).join('\\s+');
  return `(${join([...first, ...last])}|${join([...last, ...first])})`;
}

/**
 * The replacements for free text anywhere in the structure: the full name, the e-mail address and
 * the phone number. `forJson`: only what can be replaced inside a JSON document's text without
 * breaking it (no quote or backslash in the searched text).
 */
export function identityReplacements(identity: Identity, forJson = false): Replacement[] {
  const safe = (value: string) => !forJson || !/["\\\u0000-\u001f]/.test(value);
  const result: Replacement[] = [];
  const name = fullNamePattern(identity);
  if (name && safe(`${identity.firstName} ${identity.lastName}`)) result.push({ pattern: name, replacement: ANONYMOUS_NAME });
  const email = identity.email?.trim();
  if (email && email.length >= 3 && safe(email)) result.push({ pattern: regexLiteral(email), replacement: REMOVED });
  const phone = identity.phone ? phonePattern(identity.phone) : null;
  if (phone) result.push({ pattern: phone, replacement: REMOVED });
  return result;
}

/**
 * A SQL expression applying the replacements to `column` in order, and the condition that it
 * contains any of them (so untouched rows are not rewritten). Patterns are bind parameters,
 * numbered from `firstParam`.
 */
export function replacementSql(
  column: string,
  replacements: Replacement[],
  firstParam: number,
): { expression: string; condition: string; params: string[] } {
  const params: string[] = [];
  let expression = column;
  const conditions: string[] = [];
  for (const { pattern, replacement, caseSensitive } of replacements) {
    params.push(pattern, replacement);
    const patternParam = `$${firstParam + params.length - 2}`;
    const replacementParam = `$${firstParam + params.length - 1}`;
    expression = `regexp_replace(${expression}, ${patternParam}, ${replacementParam}, '${caseSensitive ? 'g' : 'gi'}')`;
    conditions.push(`${column} ${caseSensitive ? '~' : '~*'} ${patternParam}`);
  }
  return { expression, condition: conditions.length ? `(${conditions.join(' OR ')})` : 'false', params };
}
