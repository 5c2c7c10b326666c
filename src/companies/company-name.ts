// Legal forms say nothing about which employer it is, and are written inconsistently ("SARL", "S.A.R.L.", nothing).
const LEGAL_FORMS = new Set([
  'sarl',
  'sas',
  'sasu',
  'sa',
  'eurl',
  'sci',
  'scop',
  'snc',
  'sca',
  'scic',
  'selarl',
  'ei',
  'eirl',
  'association',
  'ets',
  'etablissements',
]);

/**
 * Folds text for accent- and punctuation-insensitive matching: "L'Œuvre & Cie — S.A." → "l oeuvre et cie sa".
 * Used on both sides of a search: the index and the query.
 */
export function normalizeSearchText(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // NFD leaves the French ligatures whole, yet people type them as two letters.
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/&/g, ' et ')
      // Dotted initials ("s.a.r.l.", "a.b.c.") become one word rather than scattered letters.
      .replace(/(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu, (initials) => initials.replace(/\./g, ''))
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * The key under which two spellings of one employer meet, to flag likely duplicates:
 * "Boulangerie Dupont SARL" and "boulangerie  dupont" both give "boulangerie dupont".
 */
export function normalizeCompanyName(name: string): string {
  return normalizeSearchText(name)
    .split(' ')
    .filter((word) => !LEGAL_FORMS.has(word))
    .join(' ');
}
