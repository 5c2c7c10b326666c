import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertKind, StaffAlert } from '../checkins/staff-alert.entity';
import { MailService } from '../mail/mail.service';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';

export interface AlertInput {
  structureId: string;
  /** The staff member who must act: the placement's owner (or a manager for a rupture). */
  userId: string | null;
  placementId: string | null;
  checkInId: string | null;
  kind: AlertKind;
  /**
   * Shown in the lists AND e-mailed to the staff member: name the person, the company and the
   * party, never free-text answers (difficulty details) nor any candidate constraint.
   */
  message: string;
}

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  low_rating: 'Note basse',
  difficulty: 'Difficulté signalée',
  call_request: 'Demande d’appel',
  no_answer: 'Sans réponse',
  call_task: 'Appel à passer',
  rupture: 'Rupture',
  retention_warning: 'Anonymisation prochaine',
};

export interface RaisedAlert {
  /** Null when that check-in already raised this kind (nothing recorded, nothing e-mailed). */
  alert: StaffAlert | null;
  /** The e-mail recorded for the staff member, to `dispatch` once the transaction commits. */
  mails: OutboxMessage[];
}

/**
 * Alerts for staff: raised once per check-in and kind (a repeated job raises nothing new), and
 * e-mailed at once to the staff member, through the outbox in the same transaction.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Records the alert, and its e-mail, in the caller's transaction; null when that check-in
   * already raised this kind. The e-mail is delivered by the outbox reconciler within a minute;
   * use `raiseAndNotify` + `dispatch` after commit to send it at once.
   */
  async raise(manager: EntityManager, input: AlertInput): Promise<StaffAlert | null> {
    return (await this.raiseAndNotify(manager, input)).alert;
  }

  /** Like `raise`, returning the outbox rows too: call `dispatch(mails)` after the commit. */
  async raiseAndNotify(manager: EntityManager, input: AlertInput): Promise<RaisedAlert> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(StaffAlert)
      .values(input)
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (result.raw as Array<{ id?: string }>)[0]?.id;
    if (!id) return { alert: null, mails: [] };
    const alert = await manager.getRepository(StaffAlert).findOneByOrFail({ id });
    const mail = await this.recordMail(manager, alert);
    return { alert, mails: mail ? [mail] : [] };
  }

  /** Best effort, after commit: the outbox reconciler sends whatever this could not queue. */
  dispatch(mails: OutboxMessage[]): Promise<void> {
    return mails.length ? this.outbox.dispatch(mails) : Promise.resolve();
  }

  private async recordMail(manager: EntityManager, alert: StaffAlert): Promise<OutboxMessage | null> {
    if (!alert.userId) return null;
    const [recipient] = (await manager.query(
      `SELECT u.email, u.first_name AS "firstName", s.id AS "structureId", s.name AS "structureName"
         FROM app_user u JOIN structure s ON s.id = u.structure_id
        WHERE u.id = $1 AND u.structure_id = $2 AND u.active`,
      [alert.userId, alert.structureId],
    )) as Array<{ email: string; firstName: string; structureId: string; structureName: string }>;
    if (!recipient) return null;
    return this.mail.staffAlert(
      manager,
      recipient,
      { id: recipient.structureId, name: recipient.structureName },
      { kindLabel: ALERT_KIND_LABELS[alert.kind], message: alert.message },
    );
  }
}
