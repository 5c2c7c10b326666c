import { CheckInParty, CheckInStatus, Difficulty } from './check-in.entity';
import { ANSWER_REASONS, AnswerReason } from '../alerts/staff-alert.entity';
import { frenchLongDate } from '../common/french';
import { AlertInput } from '../alerts/alerts.service';

export const RATING_LABELS: Record<number, string> = {
  1: 'Très difficile',
  2: 'Difficile',
  3: 'Bien',
  4: 'Très bien',
};

/** What the answer page and the alerts need to know about one check-in, read in one query. */
export interface CheckInContext {
  id: string;
  structureId: string;
  structureName: string;
  placementId: string;
  party: CheckInParty;
  step: string;
  status: CheckInStatus;
  sentAt: Date | null;
  candidateFirstName: string;
  candidateLastName: string;
  companyName: string;
  contactFirstName: string | null;
  contactLastName: string | null;
}

/** "3 days" → "3 jours", "1 month" → "1 mois", "2 weeks" → "2 semaines"; anything else as is. */
export function stepLabel(step: string): string {
  const match = /^(\d+)\s*(day|week|month)s?$/i.exec(step.trim());
  if (!match) return step;
  const count = Number(match[1]);
  const unit = match[2].toLowerCase();
  const words: Record<string, [string, string]> = {
    day: ['jour', 'jours'],
    week: ['semaine', 'semaines'],
    month: ['mois', 'mois'],
  };
  return `${count} ${words[unit][count > 1 ? 1 : 0]}`;
}

function partyPhrase(context: CheckInContext): string {
  if (context.party === 'employee') return `${context.candidateFirstName} ${context.candidateLastName} (salarié·e)`;
  const contact = [context.contactFirstName, context.contactLastName].filter(Boolean).join(' ');
  return contact ? `l’employeur (${contact})` : 'l’employeur';
}

function about(context: CheckInContext): string {
  return `Suivi à ${stepLabel(context.step)} de ${context.candidateFirstName} ${context.candidateLastName} chez ${context.companyName}`;
}

export interface Answer {
  rating: number;
  difficulties: Difficulty[];
  wantsCall: boolean;
}

function base(context: CheckInContext): Omit<AlertInput, 'kind' | 'message'> {
  return {
    structureId: context.structureId,
    placementId: context.placementId,
    checkInId: context.id,
  };
}

/** What each reason says of the person, joined into one sentence. */
function reasonPhrase(reason: AnswerReason, answer: Answer): string {
  if (reason === 'low_rating') return `a répondu « ${RATING_LABELS[answer.rating]} » (${answer.rating}/4)`;
  if (reason === 'difficulty') return 'signale des difficultés';
  return 'souhaite être appelé·e';
}

/** « a, b et c ». */
export function frenchList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** An answer's reasons for an alert, in ANSWER_REASONS order; none for an answer that needs nothing. */
export function answerReasons(answer: Answer): AnswerReason[] {
  return ANSWER_REASONS.filter(
    (reason) =>
      (reason === 'low_rating' && answer.rating <= 2) ||
      (reason === 'difficulty' && answer.difficulties.length > 0) ||
      (reason === 'call_request' && answer.wantsCall),
  );
}

/**
 * The one alert an answer raises, carrying every reason (null when it needs none). Its message is
 * e-mailed too (the alert, the daily digest): it says that the person signals difficulties, never
 * which ones (« santé », « garde d’enfants ») nor their words; those stay in the app, where each
 * showing of them is a recorded read.
 */
export function answerAlert(context: CheckInContext, answer: Answer): AlertInput | null {
  const reasons = answerReasons(answer);
  if (!reasons.length) return null;
  const said = frenchList(reasons.map((reason) => reasonPhrase(reason, answer)));
  return {
    ...base(context),
    kind: reasons[0],
    reasons,
    message: `${about(context)} : ${partyPhrase(context)} ${said}.`,
  };
}

export function noAnswerAlert(context: CheckInContext, days: number): AlertInput {
  return {
    ...base(context),
    kind: 'no_answer',
    message: `${about(context)} : pas de réponse de ${partyPhrase(context)} depuis ${days} jour${days > 1 ? 's' : ''}.`,
  };
}

/** The message of a rupture's alert: who, where, when (never the reason, which may be personal). */
export function ruptureMessage(candidate: string | null | undefined, company: string | null | undefined, endDate: string | null): string {
  const end = endDate ? ` le ${frenchLongDate(endDate)}` : '';
  return `Contrat de ${candidate ?? 'la personne'} chez ${company ?? 'l’entreprise'} rompu${end}. Les points de suivi restants sont annulés.`;
}
