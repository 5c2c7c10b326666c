import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inStructureOf } from '../tenancy/structure-of';
import { asSystem } from '../tenancy/tenant-scope';
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
        return this.inStructureOfMail(job, () => this.outbox.deliver((job.data as DeliverMailData).outboxId));
      case JOBS.reconcileOutbox:
        return asSystem('scan', () => this.outbox.reconcile());
      default:
        throw new Error(`Unknown job ${job.name} on queue ${QUEUES.mail}`);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.name !== JOBS.deliverMail) return;
    const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(`job ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (finalAttempt) await this.inStructureOfMail(job, () => this.outbox.markFailed((job.data as DeliverMailData).outboxId, error.message));
  }

  private inStructureOfMail<T>(job: Job, work: () => Promise<T>): Promise<T> {
    return inStructureOf(this.dataSource, 'mail_outbox', (job.data as DeliverMailData).outboxId, work);
  }
}
