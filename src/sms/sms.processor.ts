import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataOf, unknownJob } from '../jobs/job-data';
import { JOBS, QUEUES } from '../jobs/queues';
import { inStructureOf } from '../tenancy/structure-of';
import { asSystem } from '../tenancy/tenant-scope';
import { SmsOutboxService } from './sms-outbox.service';

/** Thin: the sending rules live in SmsOutboxService. */
@Processor(QUEUES.sms)
export class SmsProcessor extends WorkerHost {
  private readonly logger = new Logger(SmsProcessor.name);

  constructor(
    private readonly outbox: SmsOutboxService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.deliverSms:
        return this.inStructureOfText(job, () => this.outbox.deliver(dataOf(job, JOBS.deliverSms).smsId));
      case JOBS.reconcileSms:
        return asSystem('scan', () => this.outbox.reconcile());
      default:
        throw unknownJob(QUEUES.sms, job);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.name !== JOBS.deliverSms) return;
    this.logger.warn(`job ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.inStructureOfText(job, () => this.outbox.markFailed(dataOf(job, JOBS.deliverSms).smsId, error.message));
    }
  }

  private inStructureOfText<T>(job: Job, work: () => Promise<T>): Promise<T> {
    return inStructureOf(this.dataSource, 'sms_message', dataOf(job, JOBS.deliverSms).smsId, work);
  }
}
