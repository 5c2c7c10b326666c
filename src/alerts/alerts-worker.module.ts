import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AlertsProcessor } from '../jobs/alerts.processor';
import { JOBS, QUEUES } from '../jobs/queues';
import { AlertsModule } from './alerts.module';

export const NO_ANSWER_SCAN_EVERY_MS = 15 * 60_000;

/** Upserts the repeatable no-answer scan; every worker copy upserts it, one runs each tick. */
@Injectable()
export class AlertsScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.alerts) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JOBS.scanUnanswered,
      { every: NO_ANSWER_SCAN_EVERY_MS },
      { name: JOBS.scanUnanswered, opts: { attempts: 1 } },
    );
  }
}

/** Worker-only: the periodic no-answer scan. Import it in WorkerModule, never in AppModule. */
@Module({
  imports: [AlertsModule],
  providers: [AlertsProcessor, AlertsScheduler],
})
export class AlertsWorkerModule {}
