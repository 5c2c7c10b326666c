import { AlertView } from '../../alerts/alert-list.service';

/** The alerts whose check-in answer the home page shows (and so records as read): answered difficulties. */
export function answeredDifficulties(alerts: AlertView[]): AlertView[] {
  return alerts.filter((alert) => alert.kind === 'difficulty' && alert.checkIn?.answeredAt);
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
