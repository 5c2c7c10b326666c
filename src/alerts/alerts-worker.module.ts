import { Module } from '@nestjs/common';
import { JOBS, QUEUES } from '../jobs/queues';
import { ScheduleModule } from '../jobs/schedule.module';
import { AlertsModule } from './alerts.module';
import { AlertsProcessor } from './alerts.processor';

export const NO_ANSWER_SCAN_EVERY_MS = 15 * 60_000;

/**
 * Worker-only: the alerts queue's consumer and the periodic no-answer scan (every worker copy keeps
 * it alive, one runs each tick). Import it in WorkerModule, never in AppModule.
 */
@Module({
  imports: [
    AlertsModule,
    ScheduleModule.forQueue(QUEUES.alerts, () => [
      { name: JOBS.scanUnanswered, repeat: { every: NO_ANSWER_SCAN_EVERY_MS }, opts: { attempts: 1 } },
    ]),
  ],
  providers: [AlertsProcessor],
})
export class AlertsWorkerModule {}
