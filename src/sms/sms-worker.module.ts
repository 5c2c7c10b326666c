import { Module } from '@nestjs/common';
import { JOBS, QUEUES } from '../jobs/queues';
import { reconciler, ScheduleModule } from '../jobs/schedule.module';
import { SmsModule } from './sms.module';
import { SmsProcessor } from './sms.processor';

/** Worker-only: the SMS queue's consumer and the reconciler. Never import it in AppModule. */
@Module({
  imports: [SmsModule, ScheduleModule.forQueue(QUEUES.sms, () => [reconciler(JOBS.reconcileSms)])],
  providers: [SmsProcessor],
})
export class SmsWorkerModule {}
