import { Module } from '@nestjs/common';
import { JOBS, QUEUES } from '../jobs/queues';
import { reconciler, ScheduleModule } from '../jobs/schedule.module';
import { CheckInProcessor } from './check-in.processor';
import { CheckInsModule } from './check-ins.module';

/**
 * Worker-only: the check-in queue's consumer and the reconciler that re-queues planned check-ins
 * Redis lost. Imported by the worker only, never by the API.
 */
@Module({
  imports: [CheckInsModule, ScheduleModule.forQueue(QUEUES.checkIns, () => [reconciler(JOBS.reconcileCheckIns)])],
  providers: [CheckInProcessor],
})
export class CheckInsWorkerModule {}
