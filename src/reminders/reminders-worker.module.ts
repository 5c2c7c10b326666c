import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { RemindersProcessor } from '../jobs/reminders.processor';
import { JOBS, QUEUES } from '../jobs/queues';
import { ScheduleModule, ScheduleRegistry } from '../jobs/schedule-registry';
import { RemindersModule } from './reminders.module';

/** Digests are looked for this often; a user's digest leaves within this delay after their time. */
export const DIGEST_SCAN_EVERY_MS = 5 * 60_000;
/** Meetings starting within the hour are looked for this often. */
export const MEETING_SCAN_EVERY_MS = 60_000;

/** Declares the repeatable scans; every worker copy keeps them alive, one runs each tick. */
@Injectable()
export class RemindersScheduler implements OnModuleInit {
  constructor(
    private readonly schedules: ScheduleRegistry,
    @InjectQueue(QUEUES.reminders) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.sendDigests,
      repeat: { every: DIGEST_SCAN_EVERY_MS },
      job: { name: JOBS.sendDigests, opts: { attempts: 1 } },
    });
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.meetingReminders,
      repeat: { every: MEETING_SCAN_EVERY_MS },
      job: { name: JOBS.meetingReminders, opts: { attempts: 1 } },
    });
  }
}

/** Worker-only: the reminders queue's consumer and the digest schedule. Never import it in AppModule. */
@Module({
  imports: [RemindersModule, ScheduleModule],
  providers: [RemindersProcessor, RemindersScheduler],
})
export class RemindersWorkerModule {}
