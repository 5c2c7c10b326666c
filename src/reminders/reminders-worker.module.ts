import { Module } from '@nestjs/common';
import { JOBS, QUEUES } from '../jobs/queues';
import { ScheduleModule } from '../jobs/schedule.module';
import { RemindersModule } from './reminders.module';
import { RemindersProcessor } from './reminders.processor';

/** Digests are looked for this often; a user's digest leaves within this delay after their time. */
export const DIGEST_SCAN_EVERY_MS = 5 * 60_000;
/** Meetings starting within the hour are looked for this often. */
export const MEETING_SCAN_EVERY_MS = 60_000;

/**
 * Worker-only: the reminders queue's consumer and its repeatable scans (every worker copy keeps
 * them alive, one runs each tick). Never import it in AppModule.
 */
@Module({
  imports: [
    RemindersModule,
    ScheduleModule.forQueue(QUEUES.reminders, () => [
      { name: JOBS.sendDigests, repeat: { every: DIGEST_SCAN_EVERY_MS }, opts: { attempts: 1 } },
      { name: JOBS.meetingReminders, repeat: { every: MEETING_SCAN_EVERY_MS }, opts: { attempts: 1 } },
      { name: JOBS.encounterReminders, repeat: { every: MEETING_SCAN_EVERY_MS }, opts: { attempts: 1 } },
    ]),
  ],
  providers: [RemindersProcessor],
})
export class RemindersWorkerModule {}
