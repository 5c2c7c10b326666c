import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ALERT_KIND_LABELS } from '../alerts/alerts.service';
import { AlertKind } from '../alerts/staff-alert.entity';
import { AppConfig } from '../config/env';
import { OPEN_LEAD_STATUSES } from '../leads/dto/lead.dto';
import { MailService } from '../mail/mail.service';
import { OutboxService } from '../mail/outbox.service';
import { NEXT_ACTION_LABELS, NextActionType } from '../prospection/cadence';
import { addCalendarDays, calendarDayIn, daysBetween, isWorkingDay } from '../common/calendar/working-days';
import { DigestContent, digestDue, isEmptyDigest } from './digest';

/** A check-in still unanswered this long after it was sent appears in its owner's digest. */
export const UNANSWERED_CHECK_IN_DAYS = 2;

export interface DigestRecipient {
  id: string;
  structureId: string;
  structureName: string;
  email: string;
  firstName: string;
  digestTime: string;
  proposalTargetDays: number;
}

export interface SendDueResult {
  /** Digests recorded in the outbox (and dispatched). */
  sent: number;
  /** Users due whose digest would have been empty: logged for the day, nothing sent. */
  empty: number;
}

/**
 * The daily digest: once per working day and user, at the user's digest time (Paris), one e-mail
 * listing their follow-ups. `digest_log` (primary key user + day) is inserted first, in the same
 * transaction as the outbox row, so two workers or two runs never record a digest twice.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records and dispatches every digest due at `now`; safe to call as often as wanted, from any
   * number of workers. `structureIds` limits the run to some structures (tests, a manual re-run).
   */
  async sendDue(now: Date, options: { structureIds?: string[] } = {}): Promise<SendDueResult> {
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const day = calendarDayIn(timeZone, now);
    const result: SendDueResult = { sent: 0, empty: 0 };
    if (!isWorkingDay(day)) return result;
    for (const recipient of await this.pending(day, options.structureIds)) {
      if (!digestDue(now, recipient.digestTime, timeZone).due) continue;
      try {
        const outcome = await this.sendOne(recipient, day, now);
        if (outcome === 'sent') result.sent += 1;
        if (outcome === 'empty') result.empty += 1;
      } catch (error) {
        // One user's failure must not hold back the others; the next run tries again (nothing was logged).
        this.logger.error(`digest for user ${recipient.id} on ${day} failed: ${String(error)}`);
      }
    }
    return result;
  }

  /** Active users with the digest on and nothing logged for `day` yet. */
  private async pending(day: string, structureIds?: string[]): Promise<DigestRecipient[]> {
    return this.dataSource.query(
      `SELECT u.id, u.structure_id AS "structureId", s.name AS "structureName", u.email,
              u.first_name AS "firstName", u.digest_time::text AS "digestTime",
              s.proposal_target_days AS "proposalTargetDays"
         FROM app_user u
         JOIN structure s ON s.id = u.structure_id
        WHERE u.active AND u.digest_enabled
          AND ($2::uuid[] IS NULL OR u.structure_id = ANY($2::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM digest_log d WHERE d.user_id = u.id AND d.day = $1::date)
        ORDER BY u.digest_time, u.id`,
      [day, structureIds ?? null],
    );
  }

  private async sendOne(recipient: DigestRecipient, day: string, now: Date): Promise<'sent' | 'empty' | 'taken'> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      // Claim the day first: a concurrent run waits here, then finds the row and does nothing.
      const claimed: unknown[] = await manager.query(
        `INSERT INTO digest_log (user_id, day) VALUES ($1, $2::date) ON CONFLICT DO NOTHING RETURNING user_id`,
        [recipient.id, day],
      );
      if (claimed.length === 0) return { result: 'taken' as const };
      const content = await this.content(manager, recipient, day, now);
      // Nothing to tell: the day is logged all the same, so later runs that day skip this user.
      if (isEmptyDigest(content)) return { result: 'empty' as const };
      const message = await this.mail.digest(
        manager,
        { email: recipient.email, firstName: recipient.firstName, digestTime: recipient.digestTime },
        { id: recipient.structureId, name: recipient.structureName },
        day,
        content,
      );
      await manager.query(`UPDATE digest_log SET outbox_id = $3 WHERE user_id = $1 AND day = $2::date`, [
        recipient.id,
        day,
        message.id,
      ]);
      return { result: 'sent' as const, message };
    });
    if (outcome.result === 'sent') await this.outbox.dispatch([outcome.message]);
    return outcome.result;
  }

  /** What the digest lists for one user on `day` (Paris calendar day), seen at `now`. */
  async content(manager: EntityManager, recipient: DigestRecipient, day: string, now: Date): Promise<DigestContent> {
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const actions: Array<{ id: string; name: string; type: NextActionType; due: string }> = await manager.query(
      `SELECT c.id, c.name, c.next_action_type AS type, c.next_action_due::text AS due
         FROM company c
        WHERE c.structure_id = $1 AND c.next_action_owner_id = $2
          AND c.next_action_type IS NOT NULL AND c.next_action_due <= $3::date
        ORDER BY c.next_action_due, c.name, c.id`,
      [recipient.structureId, recipient.id, day],
    );
    const toAction = (row: (typeof actions)[number]) => ({
      companyId: row.id,
      companyName: row.name,
      actionLabel: NEXT_ACTION_LABELS[row.type] ?? row.type,
      dueOn: row.due,
    });

    // Same rule as GET /api/leads?overdue=true: open, nobody proposed, spotted before today minus the target.
    const cutoff = addCalendarDays(day, -recipient.proposalTargetDays);
    const leads: Array<{ id: string; job_title: string; company_name: string; spotted: string }> = await manager.query(
      `SELECT l.id, l.job_title, co.name AS company_name, (l.spotted_at AT TIME ZONE $4)::date::text AS spotted
         FROM job_lead l
         JOIN company co ON co.id = l.company_id AND co.structure_id = l.structure_id
        WHERE l.structure_id = $1 AND l.owner_id = $2
          AND l.status = ANY($5::text[]) AND l.first_proposed_at IS NULL
          AND (l.spotted_at AT TIME ZONE $4)::date < $3::date
        ORDER BY l.spotted_at, l.id`,
      [recipient.structureId, recipient.id, cutoff, timeZone, [...OPEN_LEAD_STATUSES]],
    );

    const alerts: Array<{ kind: AlertKind; message: string; raised: string }> = await manager.query(
      `SELECT a.kind, a.message, (a.created_at AT TIME ZONE $3)::date::text AS raised
         FROM staff_alert a
        WHERE a.structure_id = $1 AND a.user_id = $2 AND a.resolved_at IS NULL
        ORDER BY a.created_at, a.id`,
      [recipient.structureId, recipient.id, timeZone],
    );

    const checkIns: Array<{ person: string; company_name: string; party: string; sent: string }> = await manager.query(
      `SELECT ca.first_name || ' ' || ca.last_name AS person, co.name AS company_name, ci.party,
              (ci.sent_at AT TIME ZONE $4)::date::text AS sent
         FROM check_in ci
         JOIN placement p ON p.id = ci.placement_id AND p.structure_id = ci.structure_id
         JOIN candidate ca ON ca.id = p.candidate_id AND ca.structure_id = ci.structure_id
         JOIN company co ON co.id = p.company_id AND co.structure_id = ci.structure_id
        WHERE ci.structure_id = $1 AND p.owner_id = $2
          AND ci.status = 'sent' AND ci.answered_at IS NULL
          AND ci.sent_at <= $3::timestamptz - make_interval(days => ${UNANSWERED_CHECK_IN_DAYS})
        ORDER BY ci.sent_at, ci.id`,
      [recipient.structureId, recipient.id, now.toISOString(), timeZone],
    );

    return {
      actionsToday: actions.filter((row) => row.due === day).map(toAction),
      actionsOverdue: actions.filter((row) => row.due < day).map(toAction),
      overdueLeads: leads.map((row) => ({
        leadId: row.id,
        jobTitle: row.job_title,
        companyName: row.company_name,
        spottedOn: row.spotted,
        daysOpen: daysBetween(row.spotted, day),
      })),
      alerts: alerts.map((row) => ({
        kindLabel: ALERT_KIND_LABELS[row.kind] ?? row.kind,
        message: row.message,
        raisedOn: row.raised,
      })),
      unansweredCheckIns: checkIns.map((row) => ({
        personName: row.person,
        companyName: row.company_name,
        partyLabel: row.party === 'employee' ? 'salarié·e' : 'employeur',
        sentOn: row.sent,
      })),
    };
  }
}
