import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/env';
import { JOBS, QUEUES } from '../jobs/queues';
import { ScheduleModule, ScheduleRegistry } from '../jobs/schedule-registry';
import { PrivacyModule } from './privacy.module';
import { RetentionProcessor } from './retention.processor';

/** Every night at 03:30 in the business time zone; a missed night is caught up by the next one. */
export const RETENTION_SCAN_PATTERN = '30 3 * * *';

/** Declares the daily retention scan; every worker copy keeps it alive, one runs each day. */
@Injectable()
export class RetentionScheduler implements OnModuleInit {
  constructor(
    private readonly schedules: ScheduleRegistry,
    @InjectQueue(QUEUES.privacy) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.retentionScan,
      repeat: { pattern: RETENTION_SCAN_PATTERN, tz: this.config.BUSINESS_TIME_ZONE },
      job: { name: JOBS.retentionScan, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
    });
  }
}

/** Worker-only: the privacy queue's consumer and the daily schedule. Never import it in AppModule. */
@Module({
  imports: [PrivacyModule, ScheduleModule],
  providers: [RetentionProcessor, RetentionScheduler],
})
export class PrivacyWorkerModule {}
