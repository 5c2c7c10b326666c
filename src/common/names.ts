import { ValidateBy } from 'class-validator';

/**
 * Characters that change how a name reads without showing: bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), which can make « Martin » display as another name or
 * reorder a line of a list or a CSV, and zero-width ones (U+200B–U+200D, U+2060, U+FEFF), which make
 * two identical-looking names different (duplicates, search, sorting).
 */
const HIDDEN_CHARACTERS = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/;

export function hasHiddenCharacters(value: string): boolean {
  return HIDDEN_CHARACTERS.test(value);
}

export function hiddenCharactersMessage(field: string): string {
  return `${field} must not contain invisible or text-direction characters`;
}

/** What the pages say, in French, for such a name. */
export const HIDDEN_CHARACTERS_FR =
  'Ce nom contient des caractères invisibles ou qui inversent le sens du texte (souvent venus d’un copier-coller) : retapez-le.';

/** A name (of a person, a company, a structure) without invisible or text-direction characters. */
export function IsName(field: string): PropertyDecorator {
  return ValidateBy({
    name: 'isName',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !hasHiddenCharacters(value),
      defaultMessage: () => hiddenCharactersMessage(field),
    },
  });
}
