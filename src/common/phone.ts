import { ValidateBy } from 'class-validator';
import { CountryCode, parsePhoneNumberFromString, PhoneNumber } from 'libphonenumber-js/max';

/*
 * The `max` metadata, not `min` or `mobile`: `min` validates by length only (it would take 06 90 12 34 56,
 * an unallocated range, for a number) and knows no number types; `mobile` only tells mobiles from the rest,
 * so it refuses fixed lines. We need both the fixed/mobile split (only mobiles receive SMS) and the premium
 * rate ranges (refused). The extra ~100 kB of metadata is loaded once, server side.
 */

export type PhoneType = 'mobile' | 'fixed' | 'other';

export interface ParsedPhone {
  /** `+33612345678`: what we store. */
  e164: string;
  /** « 06 12 34 56 78 » for French numbers (DOM included), « +32 470 12 34 56 » for foreign ones. */
  national: string;
  type: PhoneType;
  isMobile: boolean;
}

/*
 * Overseas departments and collectivities that share the French 0-prefixed national plan but have their
 * own country calling code: 0694 … is a Guyane mobile (+594 694 …), 0262 … a Réunion line (+262 262 …).
 */
const FRENCH_NUMBERING: readonly CountryCode[] = ['FR', 'RE', 'YT', 'GP', 'MQ', 'GF', 'PM', 'BL', 'MF'];

/** Digits, spaces, dots, dashes, slashes, brackets and a leading plus: what people type around a number. */
const PHONE_CHARACTERS = /^\+?[0-9 .()\-/\u00a0\u202f]+$/;

function typeOf(number: PhoneNumber): PhoneType | null {
  switch (number.getType()) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed';
    // A premium-rate line (08 9x) is a service, never a person's or a company's own number.
    case 'PREMIUM_RATE':
      return null;
    default:
      return 'other';
  }
}

function parsedIn(input: string, country: CountryCode): PhoneNumber | null {
  const number = parsePhoneNumberFromString(input, country);
  return number?.isValid() ? number : null;
}

/**
 * A phone number as typed by a French user (« 06 12 34 56 78 », « 06.12.34.56.78 », « +33 6 … »,
 * « 0033 6 … », « 0694 … » in Guyane, « +32 … »), or null when it is not a valid number. Free text
 * around the digits (« 06… le matin », « poste 12 ») makes it invalid: the field holds one number.
 */
export function parsePhone(input: string | null | undefined, defaultCountry: CountryCode = 'FR'): ParsedPhone | null {
  const text = (input ?? '').trim();
  if (!PHONE_CHARACTERS.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 17) return null;
  const international = text.startsWith('+') || text.startsWith('00');
  const countries = !international && FRENCH_NUMBERING.includes(defaultCountry) ? [defaultCountry, ...FRENCH_NUMBERING] : [defaultCountry];
  for (const country of countries) {
    const number = parsedIn(text, country);
    if (!number) continue;
    const type = typeOf(number);
    if (!type) return null;
    return { e164: number.number, national: display(number), type, isMobile: type === 'mobile' };
  }
  return null;
}

function display(number: PhoneNumber): string {
  return number.country && FRENCH_NUMBERING.includes(number.country) ? number.formatNational() : number.formatInternational();
}

/**
 * How a stored number reads on a page or in an export: French national format for French numbers
 * (« 06 12 34 56 78 »), international for foreign ones; a value that is not a number (typed before
 * numbers were checked) is shown as it was typed.
 */
export function formatPhone(stored: string | null | undefined): string {
  const text = (stored ?? '').trim();
  if (!text) return '';
  const number = text.startsWith('+') ? parsePhoneNumberFromString(text) : undefined;
  return number?.isValid() ? display(number) : text;
}

/** The stored form of a typed number: E.164 when valid, the text as typed otherwise, null when blank. */
export function storedPhone(input: string | null | undefined): string | null {
  const text = (input ?? '').trim();
  if (!text) return null;
  return parsePhone(text)?.e164 ?? text;
}

/** class-transformer `@Transform` for a phone field: blank → null, a valid number → E.164, anything else as typed (for the validator to refuse). */
export const toStoredPhone = ({ value }: { value: unknown }) => (typeof value === 'string' ? storedPhone(value) : value);

/** class-validator: the value is a phone number `parsePhone` accepts (after `toStoredPhone`, an E.164 one). */
export function IsPhone(field: string): PropertyDecorator {
  return ValidateBy({
    name: 'isPhone',
    validator: { validate: (value: unknown) => typeof value === 'string' && parsePhone(value) !== null, defaultMessage: () => `${field} must be a phone number` },
  });
}
