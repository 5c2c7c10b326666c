import { Module } from '@nestjs/common';
import { JOBS, QUEUES } from '../jobs/queues';
import { ScheduleModule } from '../jobs/schedule.module';
import { PrivacyModule } from './privacy.module';
import { RetentionProcessor } from './retention.processor';

/** Every night at 03:30 in the business time zone; a missed night is caught up by the next one. */
export const RETENTION_SCAN_PATTERN = '30 3 * * *';

/**
 * Worker-only: the privacy queue's consumer and the daily retention scan (every worker copy keeps
 * it alive, one runs each day). Never import it in AppModule.
 */
@Module({
  imports: [
    PrivacyModule,
    ScheduleModule.forQueue(QUEUES.privacy, (config) => [
      {
        name: JOBS.retentionScan,
        repeat: { pattern: RETENTION_SCAN_PATTERN, tz: config.BUSINESS_TIME_ZONE },
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
      },
    ]),
  ],
  providers: [RetentionProcessor],
})
export class PrivacyWorkerModule {}
