import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { RemindersProcessor } from '../jobs/reminders.processor';
import { JOBS, QUEUES } from '../jobs/queues';
import { RemindersModule } from './reminders.module';

/** Digests are looked for this often; a user's digest leaves within this delay after their time. */
export const DIGEST_SCAN_EVERY_MS = 5 * 60_000;
/** Meetings starting within the hour are looked for this often. */
export const MEETING_SCAN_EVERY_MS = 60_000;

/** Upserts the repeatable jobs; every worker copy upserts them, one runs each tick. */
@Injectable()
export class RemindersScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.reminders) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JOBS.sendDigests,
      { every: DIGEST_SCAN_EVERY_MS },
      { name: JOBS.sendDigests, opts: { attempts: 1 } },
    );
    await this.queue.upsertJobScheduler(
      JOBS.meetingReminders,
      { every: MEETING_SCAN_EVERY_MS },
      { name: JOBS.meetingReminders, opts: { attempts: 1 } },
    );
  }
}

/** Worker-only: the reminders queue's consumer and the digest schedule. Never import it in AppModule. */
@Module({
  imports: [RemindersModule],
  providers: [RemindersProcessor, RemindersScheduler],
})
export class RemindersWorkerModule {}
