import { Module } from '@nestjs/common';
import { JOBS, QUEUES } from '../jobs/queues';
import { reconciler, ScheduleModule } from '../jobs/schedule.module';
import { MailProcessor } from './mail.processor';
import { MailModule } from './mail.module';

/** Worker-only: the mail queue's consumer and the outbox reconciler. Never import it in AppModule. */
@Module({
  imports: [MailModule, ScheduleModule.forQueue(QUEUES.mail, () => [reconciler(JOBS.reconcileOutbox)])],
  providers: [MailProcessor],
})
export class MailWorkerModule {}
