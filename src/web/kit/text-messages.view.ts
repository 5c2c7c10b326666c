import { formatPhone } from '../../common/phone';
import { SMS_STATUS_LABELS, SmsMessage, SmsPurpose } from '../../sms/sms-message.entity';
import { SmsOptOutRow } from '../../sms/sms-history.queries';

export const SMS_PURPOSE_LABELS: Record<SmsPurpose, string> = {
  check_in: 'Point de suivi',
  encounter_reminder: 'Rappel',
  meeting_reminder: 'Rappel',
  one_off: 'Message',
};

/** A failure nobody wrote down a reason for. */
export const UNKNOWN_FAILURE = 'Échec de l’envoi';

/**
 * Why a text did not reach the phone, from what the outbox recorded (its own reasons, and the
 * SmsRejected / SmsUnavailable messages, which name no number or text).
 */
export function failureReason(row: Pick<SmsMessage, 'status' | 'lastError'>): string | null {
  if (row.status === 'undelivered') return 'L’opérateur n’a pas pu remettre le message au téléphone (numéro inactif ou téléphone éteint trop longtemps).';
  if (row.status === 'suppressed') return 'Le numéro a demandé à ne plus recevoir de SMS de la structure.';
  if (row.status !== 'failed') return null;
  const error = row.lastError ?? '';
  if (error.startsWith('monthly cap of ')) return 'Le plafond mensuel de SMS de la structure était atteint.';
  if (error.startsWith('the number asked for no text')) return 'Le numéro a demandé à ne plus recevoir de SMS de la structure.';
  if (error.startsWith('SMS refused before sending')) return 'Le numéro n’est pas valide pour un SMS.';
  if (error.startsWith('SMS refused by the provider')) return 'Le fournisseur de SMS a refusé ce message (numéro invalide ou non joignable).';
  if (error.startsWith('SMS provider unavailable')) return 'Le fournisseur de SMS est resté injoignable malgré plusieurs essais.';
  if (error.startsWith('SMS is off')) return 'L’envoi de SMS n’est pas activé sur cette installation.';
  return UNKNOWN_FAILURE;
}

/**
 * What staff may read of a text: the ones they wrote. A check-in text carries the person's signed
 * answer link, their credential, which nobody else should hold; reminders say what their page says.
 */
export function shownContent(row: Pick<SmsMessage, 'purpose' | 'content'>): string | null {
  return row.purpose === 'one_off' ? row.content : null;
}

/** « 12 décembre 2026 à 09:30 », in the business time zone. */
function momentFr(value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(value);
}

export interface TextRow {
  id: string;
  /** When it left (or will leave), else when it was written. */
  when: string;
  purposeLabel: string;
  number: string;
  /** Employee / employer on a placement's page; null on the person's own page. */
  to: string | null;
  status: SmsMessage['status'];
  statusLabel: string;
  reason: string | null;
  content: string | null;
  /** Who wrote it (one-off texts). */
  sentBy: string | null;
  /** A pending text waiting for sending hours. */
  waitingUntil: string | null;
}

/** One text as the pages list it. `names`: staff by id, for « envoyé par ». */
export function textRow(row: SmsMessage, timeZone: string, names: ReadonlyMap<string, string> = new Map(), now?: Date): TextRow {
  const waiting = row.status === 'pending' && now && row.notBefore.getTime() > now.getTime();
  return {
    id: row.id,
    when: momentFr(row.sentAt ?? row.createdAt, timeZone),
    purposeLabel: SMS_PURPOSE_LABELS[row.purpose],
    number: formatPhone(row.recipient),
    to: row.placementId ? (row.candidateId ? 'Salarié·e' : 'Employeur') : null,
    status: row.status,
    statusLabel: SMS_STATUS_LABELS[row.status],
    reason: failureReason(row),
    content: shownContent(row),
    sentBy: row.sentBy ? (names.get(row.sentBy) ?? 'un membre de l’équipe') : null,
    waitingUntil: waiting ? momentFr(row.notBefore, timeZone) : null,
  };
}

/** What the candidate's page says about texting the person's number. */
export function optOutSentence(optOut: SmsOptOutRow | null, timeZone: string, names: ReadonlyMap<string, string> = new Map()): string | null {
  if (!optOut) return null;
  const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone }).format(optOut.createdAt);
  if (optOut.source === 'stop') return `Ce numéro a répondu « STOP » le ${day} : aucun SMS ne lui est plus envoyé.`;
  const who = optOut.createdBy ? names.get(optOut.createdBy) : null;
  return `Plus aucun SMS n’est envoyé à ce numéro, à la demande de la personne (noté le ${day}${who ? ` par ${who}` : ''}).`;
}
