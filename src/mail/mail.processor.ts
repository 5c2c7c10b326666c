import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inStructureOf } from '../tenancy/structure-of';
import { asSystem } from '../tenancy/tenant-scope';
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
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.deliverMail:
        return this.inStructureOfMail(job, () => this.outbox.deliver(dataOf(job, JOBS.deliverMail).outboxId));
      case JOBS.reconcileOutbox:
        return asSystem('scan', () => this.outbox.reconcile());
      default:
        throw unknownJob(QUEUES.mail, job);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.name !== JOBS.deliverMail) return;
    const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(`job ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (finalAttempt) await this.inStructureOfMail(job, () => this.outbox.markFailed(dataOf(job, JOBS.deliverMail).outboxId, error.message));
  }

  private inStructureOfMail<T>(job: Job, work: () => Promise<T>): Promise<T> {
    return inStructureOf(this.dataSource, 'mail_outbox', dataOf(job, JOBS.deliverMail).outboxId, work);
  }
}
