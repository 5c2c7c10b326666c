import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertKind, AnswerReason, StaffAlert } from './staff-alert.entity';
import { MailService } from '../mail/mail.service';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { activeManagerIds, alertAlreadyRaised, alertRecipient, alertRecipientsSetting, followerOf, insertAlertOnce } from './alerts.queries';

export interface AlertInput {
  structureId: string;
  placementId: string;
  checkInId: string | null;
  kind: AlertKind;
  /** An answer's reasons (its kind is the first); absent for other alerts. */
  reasons?: AnswerReason[];
  /**
   * Shown in the lists AND e-mailed to the staff member: name the person, the company and the
   * party, never free-text answers (difficulty details) nor any candidate constraint.
   */
  message: string;
  /** Every active manager of the structure is told too (a rupture), besides the follow-up staff. */
  alsoManagers?: boolean;
}

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  low_rating: 'Note basse',
  difficulty: 'Difficulté signalée',
  call_request: 'Demande d’appel',
  no_answer: 'Sans réponse',
  call_task: 'Appel à passer',
  rupture: 'Rupture',
  retention_warning: 'Anonymisation prochaine',
  sms_cap: 'Plafond de SMS',
};

/**
 * An alert's label: its reasons' labels for an answer that has several (« Note basse, difficulté
 * signalée, demande d’appel »), else its kind's. The message never repeats it.
 */
export function alertLabel(alert: { kind: AlertKind; reasons?: readonly AnswerReason[] | null }): string {
  const reasons = alert.reasons ?? [];
  if (reasons.length < 2) return ALERT_KIND_LABELS[alert.kind];
  return reasons.map((reason, index) => (index ? ALERT_KIND_LABELS[reason].toLowerCase() : ALERT_KIND_LABELS[reason])).join(', ');
}

export interface RaisedAlerts {
  /** One per recipient; none when that check-in already raised this kind (nothing more is e-mailed). */
  alerts: StaffAlert[];
  /** The e-mails recorded for the recipients: `dispatch` them once the transaction commits. */
  mails: OutboxMessage[];
}

/**
 * Alerts for staff: raised once per check-in and kind (a repeated job raises nothing new), and
 * e-mailed at once, through the outbox in the same transaction. They always reach someone: the
 * placement's owner, else the candidate's counsellor (their owner in the structure), else every
 * active manager; someone deactivated counts as nobody. A structure may also tell every manager of
 * every alert (`alert_recipients`).
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Records the alert for each recipient, and their e-mails, in the caller's transaction (which
   * holds the check-in's row lock when there is one, so the "already raised" check cannot race).
   * The caller passes `mails` to `dispatch` once committed: queued before the commit, a job could
   * look for a row not visible yet.
   */
  async raise(manager: EntityManager, input: AlertInput): Promise<RaisedAlerts> {
    const { alsoManagers, ...values } = input;
    if (input.checkInId) {
      const raised = await alertAlreadyRaised(manager, input.checkInId, input.kind);
      if (raised) return { alerts: [], mails: [] };
    }
    const follower = await this.follower(manager, input.structureId, input.placementId);
    const everyManager = alsoManagers || (await this.managersAlwaysTold(manager, input.structureId));
    const managers = !follower || everyManager ? await this.managers(manager, input.structureId) : [];
    const recipients = [...new Set([...(follower ? [follower] : []), ...managers])];
    const result: RaisedAlerts = { alerts: [], mails: [] };
    // No active manager at all: still recorded, for nobody, so the structure's lists show it.
    for (const userId of recipients.length ? recipients : [null]) {
      const id = await insertAlertOnce(manager, { ...values, userId });
      if (!id) continue;
      const alert = await manager.getRepository(StaffAlert).findOneByOrFail({ id });
      result.alerts.push(alert);
      const mail = await this.recordMail(manager, alert);
      if (mail) result.mails.push(mail);
    }
    return result;
  }

  /**
   * An alert about the structure itself (its SMS cap), for every active manager, e-mailed to each;
   * in the caller's transaction, which must make it once (the caller claims it first).
   */
  async raiseToManagers(manager: EntityManager, input: { structureId: string; kind: AlertKind; message: string }): Promise<RaisedAlerts> {
    const managers = await this.managers(manager, input.structureId);
    const result: RaisedAlerts = { alerts: [], mails: [] };
    for (const userId of managers.length ? managers : [null]) {
      const id = await insertAlertOnce(manager, { structureId: input.structureId, kind: input.kind, message: input.message, userId });
      if (!id) continue;
      const alert = await manager.getRepository(StaffAlert).findOneByOrFail({ id });
      result.alerts.push(alert);
      const mail = await this.recordMail(manager, alert);
      if (mail) result.mails.push(mail);
    }
    return result;
  }

  /** Best effort, after commit: the outbox reconciler sends whatever this could not queue. */
  dispatch(mails: OutboxMessage[]): Promise<void> {
    return mails.length ? this.outbox.dispatch(mails) : Promise.resolve();
  }

  /** Who follows a placement: its active owner, else the candidate's active counsellor; null when nobody. */
  private async follower(manager: EntityManager, structureId: string, placementId: string): Promise<string | null> {
    return followerOf(manager, structureId, placementId);
  }

  /** The structure chose to tell every manager of every alert, besides the follower. */
  private async managersAlwaysTold(manager: EntityManager, structureId: string): Promise<boolean> {
    return (await alertRecipientsSetting(manager, structureId)) === 'follower_and_managers';
  }

  private async managers(manager: EntityManager, structureId: string): Promise<string[]> {
    return activeManagerIds(manager, structureId);
  }

  private async recordMail(manager: EntityManager, alert: StaffAlert): Promise<OutboxMessage | null> {
    if (!alert.userId) return null;
    const recipient = await alertRecipient(manager, alert.structureId, alert.userId);
    if (!recipient) return null;
    return this.mail.staffAlert(
      manager,
      recipient,
      { id: recipient.structureId, name: recipient.structureName },
      { id: alert.id, kindLabel: alertLabel(alert), message: alert.message },
    );
  }
}
