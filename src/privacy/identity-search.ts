/**
 * Finds a person's identifiers in free text the way people actually write them: case and accents
 * folded, compound names with or without hyphens, reordered (« DURAND, Hugo »), initial + surname
 * (« H. Durand », « Durand H. »), the surname after a civility (« Mme Durand »), the e-mail address
 * and the phone number in any usual format. A surname on its own is not a match (it may be a common
 * word, a street or another person), unless the first name is close by; a first name alone never is.
 *
 * Matching runs on a folded copy of the text whose characters map back to the original, so each
 * match is a span of the original text and redaction keeps everything around it.
 */
import type { Identity } from './scrub';

export type MatchKind = 'name' | 'email' | 'phone';

/** A mention found in a text: [start, end) of the original string. */
export interface Span {
  kind: MatchKind;
  start: number;
  end: number;
  /** The original text of the span. */
  text: string;
  /** Its folded form (case, accents and apostrophes folded), for stable ids. */
  folded: string;
}

/** A text folded for comparison, and where each folded character came from. */
export interface FoldedText {
  folded: string;
  /** Index in the original of the character that produced each folded character. */
  starts: number[];
  /** Index in the original just after that character. */
  ends: number[];
}

/** Letters NFD does not decompose, folded by hand. */
const SPECIAL_FOLDS: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  þ: 'th',
  // Typographic apostrophes and dashes are one character each for matching.
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '`': "'",
  '´': "'",
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
};

const MARKS = /\p{M}/gu;

/** One character (a code point) folded: lower case, no accent. */
export function foldChar(char: string): string {
  const lower = char.normalize('NFD').replace(MARKS, '').toLowerCase();
  // Lower-casing may decompose again (İ → i + dot above).
  const bare = lower.normalize('NFD').replace(MARKS, '');
  return [...bare].map((c) => SPECIAL_FOLDS[c] ?? c).join('');
}

/** The text folded, with the map back to the original. */
export function foldText(text: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of text) {
    const out = foldChar(char);
    // A combining accent typed apart belongs to the letter before it.
    if (!out && ends.length) ends[ends.length - 1] = index + char.length;
    for (let i = 0; i < out.length; i++) {
      starts.push(index);
      ends.push(index + char.length);
    }
    folded += out;
    index += char.length;
  }
  return { folded, starts, ends };
}

export function fold(text: string): string {
  return foldText(text).folded;
}

/** The words of a name, folded: « Jean-Pierre » and « Le Gall » are two words each. */
export function nameTokens(name: string | null | undefined): string[] {
  return fold(name ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A literal inside a `u` regular expression (where escaping anything else is an error). */
const escape = (text: string) => text.replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&');

/** Not inside a word. */
const B_START = '(?<![\\p{L}\\p{N}])';
const B_END = '(?![\\p{L}\\p{N}])';
/** Between the words of a compound name: nothing, a space, a hyphen, an apostrophe. */
const INSIDE = "[\\s'.\\-]*";
/** Between first name and surname: spaces (dots, underscores as in e-mail user names), or a comma. */
const GAP = '(?:\\s*,\\s*|[\\s._\\-]+)';
const CIVILITIES = ['monsieur', 'madame', 'mademoiselle', 'messieurs', 'mesdames', 'docteur', 'docteure', 'maitre', 'professeur',
  'mmes', 'mme', 'mlles', 'mlle', 'mrs', 'mr', 'm', 'me', 'dr', 'pr'];
/** Civilities that are also common words or units count only with their capital (« M. », not « m. » for mètre; « Me », not « me »). */
const CAPITAL_CIVILITIES = ['m', 'me', 'pr'];
const CIVILITY = `(?<civ>${CIVILITIES.join('|')})(?:\\.\\s*|\\s+)`;

/** A name's words in sequence, compound separators optional. */
const sequence = (tokens: string[]) => tokens.map(escape).join(INSIDE);

/** The initials of a first name: « H », « J.-P. », « JP »; the first one required. */
function initials(tokens: string[]): string {
  const [head, ...rest] = tokens.map((token) => escape(token[0]));
  return rest.reduce((pattern, initial) => `${pattern}(?:\\.?[\\s\\-]*${initial})?`, head);
}

/*
 * Country codes of the numbers French people dial with a 0 at home: metropolitan France and the
 * overseas departments (Réunion and Mayotte, Guadeloupe, Guyane, Martinique, Saint-Pierre-et-Miquelon).
 * Stored numbers are E.164 (+594 694 …); notes say « 0694 … ».
 */
export const FRENCH_PLAN_CODES = ['33', '262', '590', '594', '596', '508'];

/**
 * The significant digits of a phone number (numbers of the French plan without 0 / +33 / +594…),
 * null when too short to hunt.
 */
export function phoneDigits(phone: string | null | undefined): { digits: string; french: boolean } | null {
  const raw = (phone ?? '').trim();
  let digits = raw.replace(/\D/g, '');
  const international = raw.startsWith('+') || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  let french = false;
  const code = international ? FRENCH_PLAN_CODES.find((candidate) => digits.startsWith(candidate)) : undefined;
  const national = code ? digits.slice(code.length) : '';
  if (!international && digits.length === 10 && digits.startsWith('0')) {
    digits = digits.slice(1);
    french = true;
  } else if (code && (national.length === 9 || (national.length === 10 && national.startsWith('0')))) {
    digits = national.replace(/^0/, '');
    french = true;
  }
  return digits.length >= 6 ? { digits, french } : null;
}

/** Separators people put inside a phone number. */
const PHONE_SEP = '[\\s.\\-/]*';

function phonePattern(phone: { digits: string; french: boolean }): string {
  const body = phone.digits.split('').join(PHONE_SEP);
  const prefix = phone.french
    ? // 06…, +33 6…, +33 (0)6…, 0033 6…, (+33) 6…, +594 694…
      `(?:0|(?:\\(\\s*)?(?:\\+|00)\\s*(?:${FRENCH_PLAN_CODES.join('|')})(?:\\s*\\))?\\s*(?:\\(\\s*0\\s*\\)|0)?)${PHONE_SEP}`
    : `(?:(?:\\+|00)\\s*)?`;
  // Not part of a longer number: no digit just before or after, even across one separator.
  return `(?<![\\d+][\\s.\\-]?)${prefix}${body}(?![\\s.\\-]?\\d)`;
}

interface Rule {
  regex: RegExp;
  kind: MatchKind;
}

/** The folded needles a SQL prefilter can look for (every match contains one of them). */
export interface Needles {
  /** Folded text any name match contains (the surname's longest word); null: no name to hunt. */
  name: string | null;
  email: string | null;
  /** Significant digits of the phone number. */
  digits: string | null;
}

/** Finds one person's mentions in texts. */
export interface IdentityMatcher {
  find(text: string): Span[];
  needles: Needles;
}

const isUpper = (char: string | undefined) => Boolean(char) && char !== char!.toLowerCase() && char === char!.toUpperCase();

/**
 * Where a rule's match really is, on the original text: a civility that must be a capital and is
 * not leaves the rest (named `body`) alone, or nothing when the rest is a surname alone; an initial
 * without its dot must be a capital.
 */
function accepted(match: RegExpExecArray, original: string, map: FoldedText): { start: number; end: number } | null {
  const groups = match.groups ?? {};
  const indices = match.indices!.groups ?? {};
  const capital = (foldedIndex: number) => isUpper(original[map.starts[foldedIndex]]);
  let start = match.index;
  if (groups.civ && CAPITAL_CIVILITIES.includes(groups.civ) && !capital(indices.civ![0])) {
    if (!groups.body) return null;
    start = indices.body![0];
  }
  if (groups.initial && !groups.dot?.startsWith('.') && !capital(indices.initial![0])) return null;
  return { start, end: match.index + match[0].length };
}

/**
 * The matcher for one identity, null when there is nothing to look for. Names need a surname (and a
 * first name for every form but « civility + surname »).
 */
export function identityMatcher(identity: Identity): IdentityMatcher | null {
  const first = nameTokens(identity.firstName);
  const last = nameTokens(identity.lastName);
  const rules: Rule[] = [];
  const lastPattern = last.length ? sequence(last) : null;
  // A one-letter surname is no word to hunt.
  const surnameUsable = last.join('').length >= 2;
  if (lastPattern && surnameUsable) {
    const L = `(?<last>${lastPattern})`;
    if (first.length) {
      const F = sequence(first);
      const I = `(?<initial>${initials(first)})`;
      // Prénom Nom, Mme Prénom Nom, hugo.durand (an e-mail's user name)
      rules.push({ regex: new RegExp(`${B_START}(?:${CIVILITY})?(?<body>${F}${GAP}${L})${B_END}`, 'gdu'), kind: 'name' });
      // NOM Prénom, NOM, Prénom
      rules.push({ regex: new RegExp(`${B_START}${L}${GAP}${F}${B_END}`, 'gdu'), kind: 'name' });
      // H. Durand, H Durand, J.-P. Durand, Mme H. Durand
      rules.push({ regex: new RegExp(`${B_START}(?:${CIVILITY})?(?<body>${I}(?<dot>\\.\\s*|\\s+)${L})${B_END}`, 'gdu'), kind: 'name' });
      // Durand H.
      rules.push({ regex: new RegExp(`${B_START}${L}\\s+${I}\\.`, 'gdu'), kind: 'name' });
    }
    // Mme Durand, M. Durand, Monsieur Durand
    rules.push({ regex: new RegExp(`${B_START}${CIVILITY}${L}${B_END}`, 'gdu'), kind: 'name' });
  }
  const email = fold(identity.email ?? '').trim();
  const emailUsable = email.length >= 3 && email.includes('@');
  if (emailUsable) {
    rules.push({ regex: new RegExp(`(?<![\\p{L}\\p{N}._%+\\-])${escape(email)}(?![\\p{L}\\p{N}_\\-]|\\.[\\p{L}\\p{N}])`, 'gdu'), kind: 'email' });
  }
  const phone = phoneDigits(identity.phone);
  if (phone) rules.push({ regex: new RegExp(phonePattern(phone), 'gdu'), kind: 'phone' });
  if (!rules.length) return null;

  // The surname alone, and the first name alone, matter only next to each other (« Hugo, de chez nous, Durand »).
  const near =
    lastPattern && surnameUsable && first.length
      ? {
          last: new RegExp(`${B_START}${lastPattern}${B_END}`, 'gu'),
          first: new RegExp(`${B_START}${sequence(first)}${B_END}`, 'gu'),
        }
      : null;

  const longest = last.reduce((best, token) => (token.length > best.length ? token : best), '');
  return {
    needles: {
      name: lastPattern && surnameUsable ? longest : null,
      email: emailUsable ? email : null,
      digits: phone?.digits ?? null,
    },
    find(text: string): Span[] {
      if (!text) return [];
      const map = foldText(text);
      const found: Array<{ kind: MatchKind; start: number; end: number }> = [];
      for (const rule of rules) {
        for (const match of map.folded.matchAll(rule.regex)) {
          const span = accepted(match, text, map);
          if (span) found.push({ kind: rule.kind, ...span });
        }
      }
      const chosen = withoutOverlaps(found);
      if (near) chosen.push(...nearMentions(map.folded, near, chosen));
      return withoutOverlaps(chosen).map((span) => {
        const start = map.starts[span.start];
        const end = map.ends[span.end - 1];
        return { kind: span.kind, start, end, text: text.slice(start, end), folded: map.folded.slice(span.start, span.end) };
      });
    },
  };
}

/** Bare surnames and first names at most this many characters apart, in one sentence, name the person. */
const NEAR_GAP = /^[^.!?;:\n]{1,30}$/u;

function nearMentions(
  folded: string,
  near: { last: RegExp; first: RegExp },
  taken: Array<{ start: number; end: number }>,
): Array<{ kind: MatchKind; start: number; end: number }> {
  const free = (start: number, end: number) => !taken.some((span) => start < span.end && span.start < end);
  const all = (regex: RegExp) => [...folded.matchAll(regex)].map((m) => ({ start: m.index, end: m.index + m[0].length })).filter((s) => free(s.start, s.end));
  const lasts = all(near.last);
  if (!lasts.length) return [];
  const firsts = all(near.first);
  const result: Array<{ kind: MatchKind; start: number; end: number }> = [];
  for (const last of lasts) {
    for (const first of firsts) {
      const gap = first.end <= last.start ? folded.slice(first.end, last.start) : last.end <= first.start ? folded.slice(last.end, first.start) : null;
      if (gap === null || !NEAR_GAP.test(gap)) continue;
      result.push({ kind: 'name', ...last }, { kind: 'name', ...first });
    }
  }
  return result;
}

/** Earliest first, then longest; a span overlapping one already kept is dropped. */
function withoutOverlaps<T extends { start: number; end: number }>(spans: T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  for (const span of sorted) {
    if (kept.length && span.start < kept[kept.length - 1].end) continue;
    kept.push(span);
  }
  return kept;
}

/** The text with each span replaced (spans as `find` returns them: sorted, not overlapping). */
export function redactSpans(text: string, spans: ReadonlyArray<Pick<Span, 'start' | 'end'>>, replacement: string): string {
  let result = '';
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor) continue;
    result += text.slice(cursor, span.start) + replacement;
    cursor = span.end;
  }
  return result + text.slice(cursor);
}

/** Where a match sits: about `radius` characters either side, cut at a word, « … » where cut. */
export function excerpt(text: string, span: Pick<Span, 'start' | 'end'>, radius = 30): { before: string; match: string; after: string } {
  let from = Math.max(0, span.start - radius);
  let to = Math.min(text.length, span.end + radius);
  if (from > 0 && !/\s/.test(text[from - 1])) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < span.start) from = space + 1;
  }
  if (to < text.length && !/\s/.test(text[to])) {
    const space = text.lastIndexOf(' ', to);
    if (space > span.end) to = space;
  }
  const flat = (part: string) => part.replace(/\s+/g, ' ');
  return {
    before: (from > 0 ? '…' : '') + flat(text.slice(from, span.start)),
    match: text.slice(span.start, span.end),
    after: flat(text.slice(span.end, to)) + (to < text.length ? '…' : ''),
  };
}
