import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig } from '../config/env';
import { dataOf, unknownJob } from '../jobs/job-data';
import { JOBS, QUEUES } from '../jobs/queues';
import { OutboxService } from './outbox.service';

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
        return this.outbox.deliver(dataOf(job, JOBS.deliverMail).outboxId);
      case JOBS.reconcileOutbox:
        return this.outbox.reconcile();
      default:
        throw unknownJob(QUEUES.mail, job);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.name !== JOBS.deliverMail) return;
    const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(`job ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (finalAttempt) await this.outbox.markFailed(dataOf(job, JOBS.deliverMail).outboxId, error.message);
  }
}
