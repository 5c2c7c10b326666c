import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertKind, AnswerReason, StaffAlert } from './staff-alert.entity';
import { MailService } from '../mail/mail.service';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';

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
      const [raised] = (await manager.query(`SELECT 1 FROM staff_alert WHERE check_in_id = $1 AND kind = $2 LIMIT 1`, [
        input.checkInId,
        input.kind,
      ])) as unknown[];
      if (raised) return { alerts: [], mails: [] };
    }
    const follower = await this.follower(manager, input.structureId, input.placementId);
    const everyManager = alsoManagers || (await this.managersAlwaysTold(manager, input.structureId));
    const managers = !follower || everyManager ? await this.managers(manager, input.structureId) : [];
    const recipients = [...new Set([...(follower ? [follower] : []), ...managers])];
    const result: RaisedAlerts = { alerts: [], mails: [] };
    // No active manager at all: still recorded, for nobody, so the structure's lists show it.
    for (const userId of recipients.length ? recipients : [null]) {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(StaffAlert)
        .values({ ...values, userId })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id?: string }>)[0]?.id;
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
    const [follower] = (await manager.query(
      `SELECT COALESCE(po.id, co.id) AS id
         FROM placement p
         JOIN candidate c ON c.id = p.candidate_id AND c.structure_id = p.structure_id
         LEFT JOIN app_user po ON po.id = p.owner_id AND po.structure_id = p.structure_id AND po.active
         LEFT JOIN app_user co ON co.id = c.owner_id AND co.structure_id = p.structure_id AND co.active
        WHERE p.id = $1 AND p.structure_id = $2`,
      [placementId, structureId],
    )) as Array<{ id: string | null }>;
    return follower?.id ?? null;
  }

  /** The structure chose to tell every manager of every alert, besides the follower. */
  private async managersAlwaysTold(manager: EntityManager, structureId: string): Promise<boolean> {
    const [row] = (await manager.query(`SELECT alert_recipients FROM structure WHERE id = $1`, [structureId])) as Array<{ alert_recipients: string }>;
    return row?.alert_recipients === 'follower_and_managers';
  }

  private async managers(manager: EntityManager, structureId: string): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM app_user WHERE structure_id = $1 AND role = 'manager' AND active ORDER BY id`, [
      structureId,
    ])) as Array<{ id: string }>;
    return rows.map((row) => row.id);
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
      { id: alert.id, kindLabel: alertLabel(alert), message: alert.message },
    );
  }
}
