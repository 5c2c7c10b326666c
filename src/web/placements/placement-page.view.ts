import { AlertView } from '../../alerts/alert-list.service';
import { PlannedStep, SkipReason, stepLabel, zonedInstant } from '../../checkins/check-in-plan';
import { CHECK_IN_PARTIES, CheckIn, CheckInParty } from '../../checkins/check-in.entity';
import { answerView, AnswerView } from '../kit/check-in-answer';
import { EndKind } from '../../placements/placement.entity';
import { addCalendarDays } from '../../common/calendar/working-days';
import { Flash } from '../kit/flash';
import { formatPhone } from '../../common/phone';

/** What `?ok=` says on the placement page. */
export const PLACEMENT_PAGE_NOTICES = new Flash({
  envoye: 'Le point de suivi a été envoyé.',
  appel: 'L’appel est noté comme passé.',
  demarre: 'Le placement a démarré : ses points de suivi sont programmés.',
  termine: 'Le placement est terminé.',
  dates: 'Les dates sont enregistrées et le plan de suivi est recalculé.',
  simulation: 'Simulation faite : les points de suivi dus à cette date sont partis, comme à leur heure.',
});

export const PARTY_LABELS: Record<CheckInParty, string> = { employee: 'Côté salarié·e', employer: 'Côté employeur' };

const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  after_planned_end: 'il tombe après la fin prévue du contrat',
  past_when_planned: 'sa date était déjà passée quand le plan a été fait ; un point plus récent le remplace',
  not_in_plan: 'le calendrier de suivi de la structure ne le prévoit plus',
};

/** Why a step became a call task, as the sender records it. */
const UNREACHABLE_LABELS: Record<string, string> = {
  'no e-mail address': 'aucune adresse e-mail',
  'recipient opted out of e-mails': 'la personne ne souhaite plus recevoir d’e-mails',
};

/** The states a step shows: the stored status, with « sans réponse » for a sent step an alert said was unanswered. */
export type StepState = 'planned' | 'sent' | 'answered' | 'no_answer' | 'call_task' | 'call_done' | 'skipped' | 'cancelled' | 'failed';

export const STEP_STATE_LABELS: Record<StepState, string> = {
  planned: 'Prévu',
  sent: 'Envoyé',
  answered: 'Répondu',
  no_answer: 'Sans réponse',
  call_task: 'Appel à passer',
  call_done: 'Appel passé',
  skipped: 'Sauté',
  cancelled: 'Annulé',
  failed: 'Échec d’envoi',
};

/** « 12 décembre 2026 à 09:30 », in the business time zone. */
export function momentFr(value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(value);
}

export function stepStateOf(row: Pick<CheckIn, 'status' | 'noAnswerAlertedAt' | 'callDoneAt'>): StepState {
  if (row.status === 'sent' && row.noAnswerAlertedAt) return 'no_answer';
  if (row.status === 'call_task' && row.callDoneAt) return 'call_done';
  return row.status;
}

export interface StepView {
  id: string;
  anchor: string;
  label: string;
  state: StepState;
  stateLabel: string;
  /** Sentences under the step, in order. */
  lines: string[];
  answer: AnswerView | null;
  callNote: string | null;
  canSendNow: boolean;
  canMarkCall: boolean;
}

/** One step as the timeline shows it. `started`: only a started placement's steps can be sent now. */
export function stepView(row: CheckIn, timeZone: string, started: boolean): StepView {
  const state = stepStateOf(row);
  const at = (value: Date) => momentFr(value, timeZone);
  const lines: string[] = [];
  if (state === 'planned') {
    lines.push(`Prévu le ${at(row.dueAt)}`);
    if (row.lastError) lines.push(`Dernier essai d’envoi échoué (erreur SMTP : ${row.lastError}) ; nouvel essai à la date prévue.`);
  } else if (row.sentAt) {
    lines.push(
      row.channel === 'sms'
        ? `Envoyé par SMS le ${at(row.sentAt)}${row.recipient ? ` au ${formatPhone(row.recipient)}` : ''}`
        : `Envoyé le ${at(row.sentAt)}${row.recipient ? ` à ${row.recipient}` : ''}`,
    );
  } else {
    lines.push(`Prévu le ${at(row.dueAt)}`);
  }
  if (state === 'no_answer') lines.push('Pas de réponse : une alerte a été envoyée.');
  if (state === 'answered' && row.answeredAt) lines.push(`Répondu le ${at(row.answeredAt)}`);
  if (state === 'call_task' || state === 'call_done') {
    const why = row.lastError ? (UNREACHABLE_LABELS[row.lastError] ?? row.lastError) : null;
    lines.push(`Pas d’envoi possible${why ? ` (${why})` : ''} : un appel remplace l’e-mail.`);
  }
  if (state === 'call_done' && row.callDoneAt) lines.push(`Appel passé le ${at(row.callDoneAt)}`);
  if (state === 'skipped') lines.push(`Ne sera pas envoyé : ${row.skipReason ? SKIP_REASON_LABELS[row.skipReason] : 'sauté'}.`);
  if (state === 'cancelled') lines.push('Annulé : le placement est terminé.');
  if (state === 'failed') lines.push(`L’envoi a échoué après ${row.attempts} essai${row.attempts > 1 ? 's' : ''} (erreur SMTP : ${row.lastError ?? 'inconnue'}).`);
  const answer = state === 'answered' && row.rating ? answerView(row) : null;
  return {
    id: row.id,
    anchor: `point-${row.id}`,
    label: `Point à ${stepLabel(row.step)}`,
    state,
    stateLabel: STEP_STATE_LABELS[state],
    lines,
    answer,
    callNote: state === 'call_done' ? row.callNote : null,
    canSendNow: started && state === 'planned',
    canMarkCall: state === 'call_task',
  };
}

/** Free text staff read on the page (an answer's, a call's note): showing any is a sensitive read. */
export function showsFreeText(steps: readonly StepView[]): boolean {
  return steps.some((step) => step.callNote || step.answer?.goingWell || step.answer?.details);
}

/** The plan, one timeline per party, in due order. */
export function timelines(rows: readonly CheckIn[], timeZone: string, started: boolean) {
  return CHECK_IN_PARTIES.map((party) => ({
    party,
    label: PARTY_LABELS[party],
    steps: rows
      .filter((row) => row.party === party)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .map((row) => stepView(row, timeZone, started)),
  }));
}

/**
 * The planned steps ending the placement cancels, as CheckInPlannerService.closePlan does: all of
 * them for a rupture; for a normal end, those due after the end day.
 */
export function stepsCancelledByEnd(
  rows: readonly Pick<CheckIn, 'party' | 'step' | 'status' | 'dueAt'>[],
  end: { endKind: EndKind; endDate: string },
  timeZone: string,
): string[] {
  const afterEnd = zonedInstant(addCalendarDays(end.endDate, 1), 0, 0, timeZone).getTime();
  return rows
    .filter((row) => row.status === 'planned' && (end.endKind === 'early' || row.dueAt.getTime() >= afterEnd))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .map((row) => `${PARTY_LABELS[row.party]} : point à ${stepLabel(row.step)}, prévu le ${momentFr(row.dueAt, timeZone)}`);
}

export interface PreviewStep {
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

/**
 * What new dates would make of the plan, as CheckInPlannerService.plan writes it: a step already
 * sent, answered, failed, cancelled or turned into a call stays as it is; a planned or skipped one
 * takes its new date and status; a planned one no longer in the plan is skipped.
 */
export function planPreview(rows: readonly CheckIn[], planned: readonly PlannedStep[], timeZone: string): PreviewStep[] {
  const describe = (state: StepState, dueAt: Date) =>
    state === 'planned' ? `prévu le ${momentFr(dueAt, timeZone)}` : `${STEP_STATE_LABELS[state].toLowerCase()} (${momentFr(dueAt, timeZone)})`;
  const result: (PreviewStep & { dueAt: Date })[] = [];
  for (const party of CHECK_IN_PARTIES) {
    const mine = rows.filter((row) => row.party === party);
    const theirs = planned.filter((entry) => entry.parties.includes(party));
    for (const step of new Set([...theirs.map((entry) => entry.step), ...mine.map((row) => row.step)])) {
      const row = mine.find((entry) => entry.step === step);
      const next = theirs.find((entry) => entry.step === step);
      const before = row ? describe(stepStateOf(row), row.dueAt) : 'pas encore prévu';
      let after = before;
      if (row && row.status !== 'planned' && row.status !== 'skipped') after = before;
      else if (next) after = describe(next.status, next.dueAt);
      else if (row?.status === 'planned') after = 'sauté (le calendrier de suivi ne le prévoit plus)';
      const dueAt = next && after !== before ? next.dueAt : (row?.dueAt ?? next!.dueAt);
      result.push({ label: `${PARTY_LABELS[party]} : point à ${stepLabel(step)}`, before, after, changed: before !== after, dueAt });
    }
  }
  return result.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).map(({ label, before, after, changed }) => ({ label, before, after, changed }));
}

/**
 * The alerts a placement raised, open and handled, oldest first: one line per alert, not per
 * recipient (an alert told to the follower and the managers is one event).
 */
export function alertHistory(alerts: readonly AlertView[]) {
  const seen = new Map<string, AlertView[]>();
  for (const alert of alerts) {
    const key = `${alert.kind}|${alert.checkIn?.id ?? ''}|${alert.message}`;
    seen.set(key, [...(seen.get(key) ?? []), alert]);
  }
  return [...seen.values()].map((group) => {
    const resolved = group.find((alert) => alert.resolvedAt);
    return {
      id: (resolved ?? group[0]).id,
      kindLabel: group[0].kindLabel,
      message: group[0].message,
      createdAt: group[0].createdAt,
      recipients: group.map((alert) => alert.userName ?? 'Sans référent·e').join(', '),
      resolved: resolved ? { at: resolved.resolvedAt!, by: resolved.resolvedByName ?? '—' } : null,
      note: resolved?.resolutionNote ?? null,
    };
  });
}
