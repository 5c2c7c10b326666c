import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager, LessThan, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/env';
import { withTimeout } from '../common/with-timeout';
import { addJobs, queuedJob } from '../jobs/job-data';
import { JOBS, QUEUES, mailJobId } from '../jobs/queues';
import { calendarPartOf, MailerService } from './mailer.service';
import { OutboxMessage } from './outbox-message.entity';
import { lockedOutboxMessage } from './outbox.queries';
import { emailSuppressed } from './email-suppression';

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The outbox: e-mails are rows first (inside the caller's transaction), queued jobs second.
 * If Redis is down when a row is written, the reconciler queues it later; nothing is lost.
 */
/**
 * What an e-mail's context must not keep once the e-mail has left: the secret of a password-reset
 * link (the database otherwise holds only its hash; the outbox holds it only until it is sent).
 */
const SECRET_CONTEXT: Record<string, readonly string[]> = { 'password-reset': ['resetUrl'] };

export function withoutSecrets(template: string, context: Record<string, unknown>): Record<string, unknown> {
  const secrets = SECRET_CONTEXT[template];
  if (!secrets) return context;
  return Object.fromEntries(Object.entries(context).map(([key, value]) => [key, secrets.includes(key) ? '[envoyé]' : value]));
}

@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.mail) private readonly queue: Queue,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Records a message to send; call `dispatch` with the result once the transaction commits. */
  async record(
    manager: EntityManager,
    message: Pick<OutboxMessage, 'structureId' | 'template' | 'recipient' | 'context'>,
  ): Promise<OutboxMessage> {
    this.mailer.render(message.template, message.context);
    if (message.context.calendar !== undefined && !calendarPartOf(message.context)) {
      throw new Error('An e-mail\'s calendar part needs a method (REQUEST or CANCEL) and its ics text');
    }
    return manager.getRepository(OutboxMessage).save(manager.create(OutboxMessage, message));
  }

  /** Best effort: a failure here only delays the message until the next reconciliation. */
  async dispatch(messages: OutboxMessage[]): Promise<void> {
    const adding = addJobs(
      this.queue,
      messages.map((message) => queuedJob(JOBS.deliverMail, { outboxId: message.id }, { jobId: mailJobId(message.id) })),
    );
    try {
      await withTimeout(adding, ENQUEUE_TIMEOUT_MS, 'Redis');
    } catch (error) {
      this.logger.warn(`could not queue ${messages.length} e-mail(s) now (${String(error)}); the reconciler will`);
    }
  }

  /**
   * Sends one message if it is still pending. The row lock makes a concurrent or repeated job
   * wait and then find the row already sent.
   */
  async deliver(outboxId: string): Promise<'sent' | 'skipped'> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const message = await lockedOutboxMessage(manager, outboxId);
      if (!message || message.status !== 'pending') return { result: 'skipped' as const };
      // Checked at sending time, not when queued: an opt-out recorded meanwhile still wins.
      if (message.structureId && (await emailSuppressed(manager, this.config.SUPPRESSION_HASH_SECRET, message.structureId, message.recipient))) {
        message.status = 'suppressed';
        message.lastError = 'recipient opted out of e-mails';
        await manager.save(message);
        return { result: 'skipped' as const };
      }
      message.attempts += 1;
      try {
        const rendered = this.mailer.render(message.template, message.context);
        message.smtpMessageId = await this.mailer.send(
          message.recipient,
          rendered,
          { 'X-Tremplin-Outbox-Id': message.id },
          calendarPartOf(message.context),
        );
        message.status = 'sent';
        message.sentAt = this.clock.now();
        message.context = withoutSecrets(message.template, message.context);
        message.lastError = null;
        await manager.save(message);
        return { result: 'sent' as const };
      } catch (error) {
        message.lastError = String(error).slice(0, 500);
        await manager.save(message);
        return { result: 'error' as const, error };
      }
    });
    if (outcome.result === 'error') throw outcome.error;
    return outcome.result;
  }

  async markFailed(outboxId: string, reason: string): Promise<void> {
    await this.messages.update(
      { id: outboxId, status: 'pending' },
      { status: 'failed', lastError: reason.slice(0, 500) },
    );
  }

  /** Re-queues pending rows older than a minute: Redis can be rebuilt from Postgres. */
  async reconcile(olderThanMs = 60_000): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanMs);
    const pending = await this.messages.find({
      where: { status: 'pending', createdAt: LessThan(cutoff) },
      order: { createdAt: 'ASC' },
      take: 1000,
    });
    if (pending.length > 0) await this.dispatch(pending);
    return pending.length;
  }
}
