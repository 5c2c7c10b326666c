import { withStructure } from '../tenancy/tenant-scope';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ALERT_KIND_LABELS } from '../alerts/alerts.service';
import { AppConfig } from '../config/env';
import { MailService } from '../mail/mail.service';
import { OutboxService } from '../mail/outbox.service';
import { NEXT_ACTION_LABELS } from '../prospection/cadence';
import { addCalendarDays, calendarDayIn, daysBetween, isWorkingDay } from '../common/calendar/working-days';
import { DigestContent, digestDue, isEmptyDigest } from './digest';
import {
  claimDigestDay,
  digestActions,
  digestOpenAlerts,
  digestOverdueLeads,
  DigestRecipient,
  digestUnansweredCheckIns,
  pendingDigestRecipients,
  setDigestOutbox,
} from './digest.queries';

export { UNANSWERED_CHECK_IN_DAYS } from './digest.queries';
export type { DigestRecipient } from './digest.queries';

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
        // Found across structures (the scan path); each digest is then read in its reader's structure.
        const outcome = await withStructure(recipient.structureId, () => this.sendOne(recipient, day, now));
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
    return pendingDigestRecipients(this.dataSource.manager, day, structureIds);
  }

  private async sendOne(recipient: DigestRecipient, day: string, now: Date): Promise<'sent' | 'empty' | 'taken'> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      // Claim the day first: a concurrent run waits here, then finds the row and does nothing.
      const claimed = await claimDigestDay(manager, recipient.id, day);
      if (!claimed) return { result: 'taken' as const };
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
      await setDigestOutbox(manager, recipient.id, day, message.id);
      return { result: 'sent' as const, message };
    });
    if (outcome.result === 'sent') await this.outbox.dispatch([outcome.message]);
    return outcome.result;
  }

  /** What the digest lists for one user on `day` (Paris calendar day), seen at `now`. */
  async content(manager: EntityManager, recipient: DigestRecipient, day: string, now: Date): Promise<DigestContent> {
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const actions = await digestActions(manager, recipient, day);
    const toAction = (row: (typeof actions)[number]) => ({
      companyId: row.id,
      companyName: row.name,
      actionLabel: NEXT_ACTION_LABELS[row.type] ?? row.type,
      dueOn: row.due,
    });

    // Same rule as GET /api/leads?overdue=true: open, nobody proposed, spotted before today minus the target.
    const cutoff = addCalendarDays(day, -recipient.proposalTargetDays);
    const leads = await digestOverdueLeads(manager, recipient, cutoff, timeZone);

    const alerts = await digestOpenAlerts(manager, recipient, timeZone);

    const checkIns = await digestUnansweredCheckIns(manager, recipient, now, timeZone);

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
