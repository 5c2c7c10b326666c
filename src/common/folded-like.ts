/*
 * Words matched in any case and without their accents by SQL LIKE: the word is folded here
 * (`likeWord`), the column in SQL with `translate(lower(column), ACCENTED, UNACCENTED)`.
 */

export const ACCENTED = 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ';
export const UNACCENTED = 'aaaaaaceeeeiiiinooooouuuuyy';

/** Lower case, accents off, LIKE wildcards escaped: one search word as a LIKE pattern. */
export function likeWord(word: string): string {
  const plain = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return `%${plain.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
