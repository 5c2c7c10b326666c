import { fitsInTwoSegments, toGsmFriendly } from '../sms/sms-text';

export type ReminderWhich = 'early' | 'late';
export type ReminderChannel = 'email' | 'sms' | null;

/** What we know of an invitee when their reminder is written. */
export interface InviteeReach {
  /** An address that is not opted out of e-mail. */
  email: boolean;
  /** A mobile that did not ask for no texts, with SMS on. */
  mobile: boolean;
  /** A company contact whose preferred channel is SMS. */
  prefersSms: boolean;
}

/**
 * How an invitee gets one reminder. Two hours before, a text: it is read on the way, an e-mail often
 * is not, and sending both would only double the noise; the e-mail remains for those without a
 * mobile. Two working days before, the e-mail (it carries the place and the details), a text only
 * for those who cannot be e-mailed or who prefer texts.
 */
export function reminderChannel(which: ReminderWhich, reach: InviteeReach): ReminderChannel {
  if (reach.mobile && (which === 'late' || reach.prefersSms || !reach.email)) return 'sms';
  return reach.email ? 'email' : null;
}

/**
 * The reminder by SMS, in two GSM-7 parts at most: « Rappel : Job dating logistique aujourd'hui à
 * 10:00, Salle des fêtes, Lille. Prévenez-nous si vous ne pouvez pas venir. - ACI du Lien ».
 * Long names give way first: the signature, then the place, then the title.
 */
export function encounterReminderText(input: { title: string; whenLabel: string; startTime: string; place: string | null; structureName: string }): string {
  const build = (title: string, place: string | null, signature: boolean) =>
    toGsmFriendly(
      `Rappel : ${title} ${input.whenLabel} à ${input.startTime}${place ? `, ${place}` : ''}. Prévenez-nous si vous ne pouvez pas venir.` +
        (signature ? ` - ${input.structureName}` : ''),
    );
  const shorten = (value: string, length: number) => (value.length > length ? `${value.slice(0, length - 1).trimEnd()}…` : value);
  const attempts = [
    build(input.title, input.place, true),
    build(input.title, input.place, false),
    build(input.title, input.place && shorten(input.place, 80), false),
    build(shorten(input.title, 60), input.place && shorten(input.place, 80), false),
  ];
  for (const text of attempts) if (fitsInTwoSegments(text)) return text;
  return build(shorten(input.title, 40), null, false);
}

/**
 * A company contact's reminder of a meeting with the structure, two hours before: « Rappel :
 * rendez-vous avec ACI du Lien aujourd'hui à 14:30 (Entrepôt Nord). Prévenez-nous si vous ne pouvez
 * pas venir. » A long company name is cut, then left out.
 */
export function meetingReminderText(input: { structureName: string; companyName: string; time: string }): string {
  const build = (structure: string, company: string | null) =>
    toGsmFriendly(`Rappel : rendez-vous avec ${structure} aujourd'hui à ${input.time}${company ? ` (${company})` : ''}. Prévenez-nous si vous ne pouvez pas venir.`);
  for (const text of [build(input.structureName, input.companyName), build(input.structureName, input.companyName.slice(0, 40))]) {
    if (fitsInTwoSegments(text)) return text;
  }
  return build(input.structureName.slice(0, 60), null);
}
