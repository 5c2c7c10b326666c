import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/env';
import { Job } from 'bullmq';
import { OutboxService } from '../mail/outbox.service';
import { JOBS, QUEUES } from './queues';

interface DeliverMailData {
  outboxId: string;
}

/** Thin: delivery rules live in OutboxService. */
@Processor(QUEUES.mail)
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.deliverMail:
        return this.outbox.deliver((job.data as DeliverMailData).outboxId);
      case JOBS.reconcileOutbox:
        return this.outbox.reconcile();
      default:
        throw new Error(`Unknown job ${job.name} on queue ${QUEUES.mail}`);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.name !== JOBS.deliverMail) return;
    const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(`job ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (finalAttempt) await this.outbox.markFailed((job.data as DeliverMailData).outboxId, error.message);
  }
}
