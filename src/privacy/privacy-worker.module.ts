import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/env';
import { JOBS, QUEUES } from '../jobs/queues';
import { PrivacyModule } from './privacy.module';
import { RetentionProcessor } from './retention.processor';

/** Every night at 03:30 in the business time zone; a missed night is caught up by the next one. */
export const RETENTION_SCAN_PATTERN = '30 3 * * *';

/** Upserts the daily retention scan; every worker copy upserts it, one runs each day. */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.privacy) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JOBS.retentionScan,
      { pattern: RETENTION_SCAN_PATTERN, tz: this.config.BUSINESS_TIME_ZONE },
      { name: JOBS.retentionScan, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
    );
  }
}

/** Worker-only: the privacy queue's consumer and the daily schedule. Never import it in AppModule. */
@Module({
  imports: [PrivacyModule],
  providers: [RetentionProcessor, RetentionScheduler],
})
export class PrivacyWorkerModule {}
