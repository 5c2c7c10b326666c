/*
 * How long a text is as an SMS. GSM 03.38 (GSM-7) packs 160 characters in one message, 153 per part
 * once split (the rest of each part carries the concatenation header); any character outside it sends
 * the whole text in UCS-2: 70 UTF-16 units, 67 per part. Characters of the GSM-7 extension table are an
 * escape plus a character: they count 2, and a part never ends between the two.
 */

/** The GSM-7 basic table. `ç` is there too: 0x09 is shown as « ç » by handsets and providers send it as is. */
const GSM_BASIC = new Set(
  [
    '@£$¥èéùìòÇç\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?',
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ].join(''),
);

/** The GSM-7 extension table: each costs an escape septet plus its own. */
const GSM_EXTENSION = new Set(['\f', '^', '{', '}', '\\', '[', ']', '~', '|', '€']);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** In septets for GSM-7 (extension characters count 2), in UTF-16 units for UCS-2. */
  length: number;
  segments: number;
}

/** Texts longer than two parts are refused: a third part costs a third SMS and reads badly on a phone. */
export const MAX_SEGMENTS = 2;

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

function isGsm7(text: string): boolean {
  for (const character of text) if (!GSM_BASIC.has(character) && !GSM_EXTENSION.has(character)) return false;
  return true;
}

/** The width of each character in the encoding's units: what may not be cut between two parts. */
function widths(text: string, encoding: SmsEncoding): number[] {
  return [...text].map((character) => (encoding === 'GSM-7' ? (GSM_EXTENSION.has(character) ? 2 : 1) : character.length));
}

export function smsSegments(text: string): SmsLength {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const units = widths(text, encoding);
  const length = units.reduce((sum, width) => sum + width, 0);
  const limits = LIMITS[encoding];
  if (length === 0) return { encoding, length, segments: 0 };
  if (length <= limits.single) return { encoding, length, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const width of units) {
    if (used + width > limits.part) {
      segments += 1;
      used = 0;
    }
    used += width;
  }
  return { encoding, length, segments };
}

export function fitsInTwoSegments(text: string): boolean {
  return smsSegments(text).segments <= MAX_SEGMENTS;
}

/*
 * French typography and letters outside GSM-7, with their nearest GSM-7 spelling. Accents that GSM-7
 * has (é è à ù ç É) stay; the others lose theirs, as French SMS have always written them.
 */
const GSM_FRIENDLY: Record<string, string> = {
  '’': "'", '‘': "'", 'ʼ': "'", '´': "'", '`': "'",
  '«': '"', '»': '"', '“': '"', '”': '"', '„': '"',
  '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\u2007': ' ', '\t': ' ',
  '–': '-', '—': '-', '‑': '-', '−': '-',
  '…': '...', '•': '-', '·': '.',
  'œ': 'oe', 'Œ': 'OE',
  'â': 'a', 'ê': 'e', 'î': 'i', 'ô': 'o', 'û': 'u', 'ë': 'e', 'ï': 'i', 'ÿ': 'y', 'á': 'a', 'í': 'i', 'ó': 'o', 'ú': 'u',
  'À': 'A', 'Â': 'A', 'È': 'E', 'Ê': 'E', 'Ë': 'E', 'Î': 'I', 'Ï': 'I', 'Ô': 'O', 'Ù': 'U', 'Û': 'U', 'Ÿ': 'Y',
};

/**
 * Our own texts in GSM-7: the typographic apostrophe and quotes, « œ », « ê » and the like are replaced so
 * that a 150-character reminder stays one SMS instead of three. What has no GSM-7 spelling (an emoji, a
 * name in Arabic script) is left: the text then goes in UCS-2, as it must.
 */
export function toGsmFriendly(text: string): string {
  return [...text.normalize('NFC')].map((character) => GSM_FRIENDLY[character] ?? character).join('');
}
