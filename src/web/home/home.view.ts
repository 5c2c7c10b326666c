import { frenchLongDate } from '../../common/french';
import { calendarDayIn } from '../../common/calendar/working-days';
import { AlertView } from '../../alerts/alert-list.service';

/** The alerts whose check-in answer the home page shows (and so records as read): answers that report difficulties. */
export function answeredDifficulties(alerts: AlertView[]): AlertView[] {
  return alerts.filter((alert) => (alert.kind === 'difficulty' || alert.reasons.includes('difficulty')) && alert.checkIn?.answeredAt);
}

/** The alert rows: the answer's difficulties and the person's words, for those in `answered` only. */
export function alertRows(alerts: AlertView[], answered: AlertView[]) {
  return alerts.map((alert) => ({
    ...alert,
    answer: answered.includes(alert)
      ? { difficulties: alert.checkIn!.difficultyLabels.join(', '), details: alert.checkIn!.difficultyDetails }
      : null,
  }));
}

/** The reminders form: the reader's settings, and `?rappels=` after a post (ok, or a refused time). */
export function remindersForm(
  me: { digestEnabled: boolean; digestTime: string; meetingRemindersEnabled: boolean },
  saved: string | undefined,
) {
  return {
    digestEnabled: me.digestEnabled,
    digestTime: me.digestTime.slice(0, 5),
    meetingRemindersEnabled: me.meetingRemindersEnabled,
    saved: saved === 'ok',
    refused: saved === 'heure',
  };
}

/**
 * « Mon agenda dans Outlook ou sur mon téléphone »: whether the reader has a live subscription
 * (and since when, a Paris day), the address just made (shown once, never again), and `?agenda=`
 * after a revocation.
 */
export function agendaSection(live: { createdAt: Date } | null, shownUrl: string | null, query: string | undefined, timeZone: string) {
  return {
    live: live ? { since: frenchLongDate(calendarDayIn(timeZone, live.createdAt)) } : null,
    url: shownUrl,
    revoked: query === 'revoque',
  };
}

interface DueCard {
  id: string;
  name: string;
  nextAction: { dueOn: string; owner: { id: string } | null } | null;
}

/**
 * The day's actions of « Ma journée »: the reader's own first (oldest due first), then, for a
 * manager, the rest of the team's (those of the team lists not already among the reader's).
 */
export function dailyActions<T extends DueCard>(mine: readonly T[], team: readonly T[], me: string): { mine: T[]; team: T[] } {
  const byDue = (a: T, b: T) => (a.nextAction?.dueOn ?? '').localeCompare(b.nextAction?.dueOn ?? '') || a.name.localeCompare(b.name, 'fr');
  const own = new Set(mine.map((card) => card.id));
  return {
    mine: [...mine].sort(byDue),
    team: team.filter((card) => !own.has(card.id) && card.nextAction?.owner?.id !== me).sort(byDue),
  };
}

/** A lead past its proposal target, as « Ma journée » lists it: how many days late. */
export function lateLeadRow(lead: { id: string; jobTitle: string; companyId: string; companyName: string | null; proposalDueBy: string }, today: string) {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lead.proposalDueBy}T00:00:00Z`)) / 86_400_000);
  return { id: lead.id, jobTitle: lead.jobTitle, companyId: lead.companyId, companyName: lead.companyName ?? '—', proposalDueBy: lead.proposalDueBy, daysLate: Math.max(0, days) };
}
