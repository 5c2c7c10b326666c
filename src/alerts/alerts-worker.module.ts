import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AlertsProcessor } from '../jobs/alerts.processor';
import { JOBS, QUEUES } from '../jobs/queues';
import { ScheduleModule, ScheduleRegistry } from '../jobs/schedule-registry';
import { AlertsModule } from './alerts.module';

export const NO_ANSWER_SCAN_EVERY_MS = 15 * 60_000;

/** Declares the repeatable no-answer scan; every worker copy keeps it alive, one runs each tick. */
@Injectable()
export class AlertsScheduler implements OnModuleInit {
  constructor(
    private readonly schedules: ScheduleRegistry,
    @InjectQueue(QUEUES.alerts) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.scanUnanswered,
      repeat: { every: NO_ANSWER_SCAN_EVERY_MS },
      job: { name: JOBS.scanUnanswered, opts: { attempts: 1 } },
    });
  }
}

/** Worker-only: the periodic no-answer scan. Import it in WorkerModule, never in AppModule. */
@Module({
  imports: [AlertsModule, ScheduleModule],
  providers: [AlertsProcessor, AlertsScheduler],
})
export class AlertsWorkerModule {}
