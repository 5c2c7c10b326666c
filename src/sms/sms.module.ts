import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module';
import { SmsSenderModule } from './sms-sender.module';
import { SmsMessage } from './sms-message.entity';
import { SmsOutboxService } from './sms-outbox.service';
import { SmsCapController } from './sms-cap.controller';
import { SmsCapService } from './sms-cap.service';
import { SmsWebhooksController } from './sms-webhooks.controller';
import { SmsWebhooksService } from './sms-webhooks.service';

/**
 * Text messages: the port and its settings (SmsSenderModule, re-exported), the outbox, the
 * provider's webhooks (delivery reports, « STOP » replies), and the monthly cap's setting.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SmsMessage]), AlertsModule, SmsSenderModule],
  controllers: [SmsWebhooksController, SmsCapController],
  providers: [SmsOutboxService, SmsWebhooksService, SmsCapService],
  exports: [SmsSenderModule, SmsOutboxService, SmsCapService],
})
export class SmsModule {}
