import { AlertView, RESOLUTION_NOTE_MAX } from '../../alerts/alert-list.service';
import { stepLabel } from '../../checkins/check-in-plan';
import { answerView } from '../kit/check-in-answer';
import { Flash } from '../kit/flash';

export const ALERT_NOTICES = new Flash({ traitee: 'Alerte marquée comme traitée.' });

const PARTY_LABELS: Record<string, string> = { employee: 'la personne salariée', employer: 'l’employeur' };

/** The answer behind an alert as the page shows it, or null when the alert has none (no answer, rupture…). */
export function alertAnswer(alert: AlertView) {
  const checkIn = alert.checkIn;
  if (!checkIn?.answeredAt) return null;
  return {
    party: PARTY_LABELS[checkIn.party] ?? checkIn.party,
    step: stepLabel(checkIn.step),
    answeredAt: checkIn.answeredAt,
    ...answerView(checkIn),
  };
}

/** Everything the alert page shows: the alert, the answer, the placement, and its resolution or the form. */
export function alertPage(alert: AlertView, form: { note?: string; error?: string } = {}) {
  return {
    id: alert.id,
    kindLabel: alert.kindLabel,
    message: alert.message,
    createdAt: alert.createdAt,
    recipient: alert.userName ?? 'Sans référent·e',
    candidate: alert.candidateId ? { id: alert.candidateId, name: alert.candidateName ?? '—' } : null,
    placement: alert.placementId ? { id: alert.placementId, companyName: alert.companyName ?? '—' } : null,
    answer: alertAnswer(alert),
    resolved: alert.resolvedAt ? { at: alert.resolvedAt, by: alert.resolvedByName ?? '—', note: alert.resolutionNote } : null,
    note: { value: form.note ?? '', error: form.error ?? null, max: RESOLUTION_NOTE_MAX },
  };
}
