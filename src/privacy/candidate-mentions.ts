import { phonePattern } from './scrub';

/** What replaces, in a company contact's export, a text that also speaks of a person on an insertion path. */
export const WITHHELD = '[non communiqué : ce texte concerne aussi une personne accompagnée]';

/** A candidate as the mentions search knows them. */
export interface MentionedPerson {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

/** Accents off, case kept (a surname is told from a common word by its capital). */
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const escape = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
const words = (text: string | null) => fold(text ?? '').trim().split(/\s+/).filter(Boolean);
/** Whole words only: not inside a longer word or number. */
const whole = (alternatives: string[]) => `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`;

/**
 * Finds, in text written by the structure's staff, the people it accompanies: their surname as a
 * capitalised word (so « H. Dûrandmark », « Mme DURANDMARK » and « Dûrandmark Hugo » are found, « un
 * petit souci » is not for Mme Petit), their full name in any case, their e-mail address, their phone
 * number in any usual format. Accents are ignored. A first name alone is not searched (too common).
 *
 * Used to keep a company contact's export to the contact's own data: a text that names a
 * candidate is withheld whole, since it may also hold their situation (health, housing...).
 * It errs on the side of withholding: a contact whose surname is a candidate's loses those texts.
 */
export class CandidateMentions {
  /** Surnames, matched only when written with a capital. */
  private readonly surnames: RegExp | null;
  /** Full names, and surnames that start with a small letter (« de la Roche »): any case. */
  private readonly anyCase: RegExp | null;
  private readonly emails: string[];
  private readonly phones: RegExp | null;

  constructor(people: MentionedPerson[]) {
    const surnames = new Set<string>();
    const anyCase = new Set<string>();
    const emails = new Set<string>();
    const phones = new Set<string>();
    for (const person of people) {
      const last = words(person.lastName);
      const first = words(person.firstName);
      const surname = last.map(escape).join('\\s+');
      if (last.join('').length >= 2) (last[0][0] === last[0][0].toLowerCase() ? anyCase : surnames).add(surname);
      if (last.length && first.length) {
        anyCase.add([...first, ...last].map(escape).join('\\s+'));
        anyCase.add([...last, ...first].map(escape).join('\\s+'));
      }
      const email = fold(person.email ?? '').trim().toLowerCase();
      if (email.length >= 3) emails.add(email);
      const phone = person.phone ? phonePattern(person.phone) : null;
      if (phone) phones.add(phone);
    }
    this.surnames = surnames.size ? new RegExp(whole([...surnames]), 'giu') : null;
    this.anyCase = anyCase.size ? new RegExp(whole([...anyCase]), 'iu') : null;
    this.emails = [...emails];
    this.phones = phones.size ? new RegExp([...phones].map((pattern) => `(?:${pattern})`).join('|')) : null;
  }

  /** Whether the text names one of the people (see the class comment for how). */
  mentions(text: string | null | undefined): boolean {
    if (!text) return false;
    const folded = fold(text);
    if (this.anyCase?.test(folded)) return true;
    const lower = folded.toLowerCase();
    if (this.emails.some((email) => lower.includes(email))) return true;
    if (this.phones?.test(text)) return true;
    if (this.surnames) {
      for (const match of folded.matchAll(this.surnames)) {
        const initial = match[0][0];
        if (initial !== initial.toLowerCase()) return true;
      }
    }
    return false;
  }

  /** The text, or WITHHELD when it names one of the people. */
  keep(text: string | null): string | null {
    return this.mentions(text) ? WITHHELD : text;
  }
}
