/**
 * French grammar that templates cannot do: the preposition « de » before a proper name, and dates
 * written out. Plain functions, table-tested in french.spec.ts.
 */

const ELIDING = /^[aeiouyàâäéèêëîïôöùûü]/i;

/**
 * « de » before a name, contracted with its article or elided before a vowel:
 * « Les Jardins du Lien » → « des Jardins du Lien », « Le Relais » → « du Relais »,
 * « La Ressourcerie » → « de la Ressourcerie », « L’Atelier » → « de l’Atelier »,
 * « Envie » → « d’Envie », « Tremplin » → « de Tremplin ». A name starting with « h » keeps « de »:
 * whether its h is mute cannot be told from the spelling, and « de » is never wrong enough to shock.
 */
export function ofName(name: string): string {
  const trimmed = name.trim();
  const article = /^(?:(les|le|la)\s+|(l)['’]\s*)(.+)$/i.exec(trimmed);
  if (article) {
    const word = (article[1] ?? article[2]).toLowerCase();
    const rest = article[3];
    if (word === 'les') return `des ${rest}`;
    if (word === 'le') return `du ${rest}`;
    if (word === 'la') return `de la ${rest}`;
    return `de l’${rest}`;
  }
  return ELIDING.test(trimmed) ? `d’${trimmed}` : `de ${trimmed}`;
}

const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** '2026-12-04' → '4 décembre 2026'; the first of the month is « 1er ». */
export function frenchLongDate(day: string): string {
  const formatted = longDate.format(new Date(`${day}T00:00:00Z`));
  return formatted.replace(/^1 /, '1er ');
}
