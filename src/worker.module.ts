import { Module } from '@nestjs/common';
import { CoreModule } from './common/core.module';
import { MailProcessor } from './jobs/mail.processor';
import { SchedulerService } from './jobs/scheduler.service';
import { MailModule } from './mail/mail.module';

/** The queue worker: processors and schedulers, no HTTP. */
@Module({
  imports: [CoreModule, MailModule],
  providers: [MailProcessor, SchedulerService],
})
export class WorkerModule {}
