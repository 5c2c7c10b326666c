import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { Clock } from '../common/clock';
import { parsePhone } from '../common/phone';
import { wallTimeToInstant } from '../common/calendar/time-zone';
import { calendarDayIn } from '../common/calendar/working-days';
import { withTimeout } from '../common/with-timeout';
import { AppConfig } from '../config/env';
import { addJobs, queuedJob } from '../jobs/job-data';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { JOBS, QUEUES, smsJobId } from '../jobs/queues';
import { Structure } from '../structures/structure.entity';
import { SmsMessage, SmsPurpose } from './sms-message.entity';
import { capMonth, capWarningDue, capWarningMessage } from './sms-cap';
import { capWarnedFor, claimCapWarning, duePendingTexts, lockedSms, smsOptedOut, textsSentSince } from './sms-outbox.queries';
import { SMS_SENDER, SmsRejected, SmsSender } from './sms-sender';
import { fitsInTwoSegments, smsSegments, toGsmFriendly } from './sms-text';
import { nextSendingInstant } from './sending-hours';

const ENQUEUE_TIMEOUT_MS = 2000;

export interface TextToSend {
  structureId: string;
  /** As typed or stored; must be a mobile. */
  recipient: string;
  content: string;
  purpose: SmsPurpose;
  candidateId?: string | null;
  contactId?: string | null;
  placementId?: string | null;
  checkInId?: string | null;
  encounterId?: string | null;
  sentBy?: string | null;
}

/** Why a text cannot be written: the caller turns it into its own refusal or fallback. */
export class TextNotSendable extends Error {
  constructor(readonly reason: 'not_mobile' | 'too_long') {
    super(`text not sendable: ${reason}`);
  }
}

/** The first instant of the Paris calendar month of `now`. */
export function monthStart(timeZone: string, now: Date): Date {
  const day = calendarDayIn(timeZone, now);
  return wallTimeToInstant(timeZone, `${day.slice(0, 8)}01`, 0, 0);
}

/**
 * The SMS outbox: texts are rows first (in the caller's transaction), delayed jobs second, and the
 * worker re-checks the row under a lock, the number's opt-out and the structure's monthly cap at
 * sending time. A refusal by the provider (an invalid number) fails the text at once; an outage is
 * retried with backoff, then fails. The text that brings the month to 80 % of the cap (or is
 * refused by it) warns every active manager, once a month, in the same transaction.
 */
@Injectable()
export class SmsOutboxService {
  private readonly logger = new Logger(SmsOutboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.sms) private readonly queue: Queue,
    @Inject(SMS_SENDER) private readonly sender: SmsSender,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly alerts: AlertsService,
  ) {}

  /** Records a text; call `dispatch` with the result once the transaction commits. */
  async record(manager: EntityManager, text: TextToSend): Promise<SmsMessage> {
    const phone = parsePhone(text.recipient);
    if (!phone?.isMobile) throw new TextNotSendable('not_mobile');
    const content = toGsmFriendly(text.content.trim());
    if (!fitsInTwoSegments(content)) throw new TextNotSendable('too_long');
    const { encoding, segments } = smsSegments(content);
    const repository = manager.getRepository(SmsMessage);
    return repository.save(
      repository.create({
        structureId: text.structureId,
        recipient: phone.e164,
        content,
        purpose: text.purpose,
        candidateId: text.candidateId ?? null,
        contactId: text.contactId ?? null,
        placementId: text.placementId ?? null,
        checkInId: text.checkInId ?? null,
        encounterId: text.encounterId ?? null,
        sentBy: text.sentBy ?? null,
        encoding,
        segments,
        status: 'pending',
        notBefore: nextSendingInstant(this.clock.now(), this.config.BUSINESS_TIME_ZONE),
        createdAt: this.clock.now(),
      }),
    );
  }

  /** Best effort: a failure here only delays the texts until the next reconciliation. */
  async dispatch(texts: SmsMessage[]): Promise<void> {
    if (!texts.length) return;
    const now = this.clock.now().getTime();
    const adding = addJobs(
      this.queue,
      texts.map((text) =>
        queuedJob(JOBS.deliverSms, { smsId: text.id }, { jobId: smsJobId(text.id), delay: Math.max(0, text.notBefore.getTime() - now) }),
      ),
    );
    try {
      await withTimeout(adding, ENQUEUE_TIMEOUT_MS, 'Redis');
    } catch (error) {
      this.logger.warn(`could not queue ${texts.length} text(s) now (${String(error)}); the reconciler will`);
    }
  }

  /** Sends one text if it is still pending and due. */
  async deliver(smsId: string): Promise<'sent' | 'skipped' | 'waiting' | 'failed'> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const text = await lockedSms(manager, smsId);
      if (!text || text.status !== 'pending') return { result: 'skipped' as const };
      const now = this.clock.now();
      // A text due later (a job run early, or a clock moved back) waits for the reconciler; so does
      // a retry that falls outside sending hours, until they open again.
      if (text.notBefore.getTime() > now.getTime()) return { result: 'waiting' as const };
      const opens = nextSendingInstant(now, this.config.BUSINESS_TIME_ZONE);
      if (opens.getTime() > now.getTime()) {
        text.notBefore = opens;
        await manager.save(text);
        return { result: 'waiting' as const };
      }
      if (await smsOptedOut(manager, text.structureId, text.recipient)) {
        await this.settle(manager, text, 'suppressed', 'the number asked for no text');
        return { result: 'skipped' as const };
      }
      const structure = await manager.getRepository(Structure).findOneByOrFail({ id: text.structureId });
      const sent = await textsSentSince(manager, text.structureId, monthStart(this.config.BUSINESS_TIME_ZONE, now));
      if (sent + text.segments > structure.smsMonthlyCap) {
        await this.settle(manager, text, 'failed', `monthly cap of ${structure.smsMonthlyCap} texts reached`);
        return { result: 'failed' as const, structureId: structure.id, sentThisMonth: Math.max(sent, structure.smsMonthlyCap) };
      }
      text.attempts += 1;
      try {
        const { providerId } = await this.sender.send({ to: text.recipient, content: text.content, tag: text.purpose });
        text.providerId = providerId;
        text.status = 'sent';
        text.sentAt = this.clock.now();
        text.lastError = null;
        await manager.save(text);
        return { result: 'sent' as const, structureId: structure.id, sentThisMonth: sent + text.segments };
      } catch (error) {
        if (error instanceof SmsRejected) {
          await this.settle(manager, text, 'failed', error.message);
          return { result: 'failed' as const };
        }
        text.lastError = String(error).slice(0, 500);
        await manager.save(text);
        return { result: 'error' as const, error };
      }
    });
    if (outcome.result === 'error') throw outcome.error;
    if ('sentThisMonth' in outcome && outcome.structureId && outcome.sentThisMonth !== undefined) {
      await this.warnOfCap(outcome.structureId, outcome.sentThisMonth);
    }
    return outcome.result;
  }

  /**
   * Warns every active manager when the month's texts reach 80 % of the cap, once a Paris month.
   * In its own transaction, after the text's: nothing but the one save may sit between the
   * provider's acceptance and the commit (a crash there resends). A crash before this one only
   * leaves the warning to the next text, which finds the month still unwarned.
   */
  private async warnOfCap(structureId: string, sentThisMonth: number): Promise<void> {
    const month = capMonth(calendarDayIn(this.config.BUSINESS_TIME_ZONE, this.clock.now()));
    try {
      const mails = await this.dataSource.transaction(async (manager): Promise<OutboxMessage[]> => {
        const { smsMonthlyCap: cap } = await manager.getRepository(Structure).findOneByOrFail({ id: structureId });
        if (!capWarningDue({ sentThisMonth, cap, warnedFor: await capWarnedFor(manager, structureId), month })) return [];
        if (!(await claimCapWarning(manager, structureId, month))) return [];
        const { mails: recorded } = await this.alerts.raiseToManagers(manager, { structureId, kind: 'sms_cap', message: capWarningMessage(sentThisMonth, cap) });
        return recorded;
      });
      await this.alerts.dispatch(mails);
    } catch (error) {
      // The text left; its job must not be retried for a warning the next text gives.
      this.logger.warn(`could not warn the managers of structure ${structureId} of its SMS cap: ${String(error)}`);
    }
  }

  /** After the last retry: the text is failed, and shows so. */
  async markFailed(smsId: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(SmsMessage).update({ id: smsId, status: 'pending' }, { status: 'failed', lastError: reason.slice(0, 500) });
  }

  /** Re-queues the pending texts due a minute ago or more: Redis heals from PostgreSQL. */
  async reconcile(olderThanMs = 60_000): Promise<number> {
    const due = await duePendingTexts(this.dataSource.manager, new Date(this.clock.now().getTime() - olderThanMs), 1000);
    await this.dispatch(due);
    return due.length;
  }

  private async settle(manager: EntityManager, text: SmsMessage, status: 'failed' | 'suppressed', reason: string): Promise<void> {
    text.status = status;
    text.lastError = reason.slice(0, 500);
    text.statusAt = this.clock.now();
    await manager.save(text);
  }
}
