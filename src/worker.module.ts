import { Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { AlertsWorkerModule } from './alerts/alerts-worker.module';
import { CheckInsModule } from './checkins/check-ins.module';
import { CheckInsWorkerModule } from './checkins/check-ins-worker.module';
import { ImportWorkerModule } from './companies/import/import-worker.module';
import { CoreModule } from './app/core.module';
import { MailModule } from './mail/mail.module';
import { MailWorkerModule } from './mail/mail-worker.module';
import { SmsWorkerModule } from './sms/sms-worker.module';
import { PrivacyModule } from './privacy/privacy.module';
import { PrivacyWorkerModule } from './privacy/privacy-worker.module';
import { RemindersModule } from './reminders/reminders.module';
import { RemindersWorkerModule } from './reminders/reminders-worker.module';

/**
 * The queue worker, no HTTP: one worker module per queue, each owning its processor and its
 * repeatable jobs (README, « Queues »).
 */
@Module({
  imports: [
    CoreModule,
    AuditModule,
    MailModule,
    MailWorkerModule,
    SmsWorkerModule,
    ImportWorkerModule,
    AlertsModule,
    AlertsWorkerModule,
    CheckInsModule,
    CheckInsWorkerModule,
    RemindersModule,
    RemindersWorkerModule,
    PrivacyModule,
    PrivacyWorkerModule,
  ],
})
export class WorkerModule {}
