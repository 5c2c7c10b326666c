/**
 * The GSM 03.38 alphabet a text can be sent in without switching to UCS-2 (which cuts a segment
 * from 160 characters to 70). « é », « è », « à » are in it; « ê », « œ », « ’ », « ç » are not.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters sent as an escape and a second septet: they count twice. */
const GSM7_EXTENSION = '^{}\\[~]|€\f';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

/** True when every character of `text` has a GSM-7 encoding (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const character of text) if (!BASIC.has(character) && !EXTENSION.has(character)) return false;
  return true;
}

/** Septets the text takes in GSM-7 (extension characters count two); only meaningful when isGsm7. */
export function gsm7Length(text: string): number {
  let length = 0;
  for (const character of text) length += EXTENSION.has(character) ? 2 : 1;
  return length;
}
