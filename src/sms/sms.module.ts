import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module';
import { AppConfig } from '../config/env';
import { BrevoSmsSender } from './brevo-sms.sender';
import { DisabledSmsSender } from './disabled-sms.sender';
import { SMS_SENDER, SmsSender } from './sms-sender';
import { SmsSettings } from './sms-settings';
import { SmsMessage } from './sms-message.entity';
import { SmsOutboxService } from './sms-outbox.service';
import { SmsCapController } from './sms-cap.controller';
import { SmsCapService } from './sms-cap.service';
import { SmsWebhooksController } from './sms-webhooks.controller';
import { SmsWebhooksService } from './sms-webhooks.service';

/** Brevo's API (or the catcher) when SMS_URL is set; otherwise a sender that refuses. */
export function smsSenderFor(config: AppConfig, settings = SmsSettings.of(config)): SmsSender {
  return settings.url === undefined
    ? new DisabledSmsSender()
    : new BrevoSmsSender({ url: settings.url, apiKey: config.SMS_API_KEY, sender: settings.sender });
}

/**
 * Text messages: the port (`@Inject(SMS_SENDER)`) and its settings (`SmsSettings.enabled`), the
 * outbox, the provider's webhooks (delivery reports, « STOP » replies), and the monthly cap's setting.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SmsMessage]), AlertsModule],
  controllers: [SmsWebhooksController, SmsCapController],
  providers: [
    SmsOutboxService,
    SmsWebhooksService,
    SmsCapService,
    { provide: SmsSettings, inject: [AppConfig], useFactory: (config: AppConfig) => SmsSettings.of(config) },
    {
      provide: SMS_SENDER,
      inject: [AppConfig, SmsSettings],
      useFactory: (config: AppConfig, settings: SmsSettings): SmsSender => smsSenderFor(config, settings),
    },
  ],
  exports: [SmsSettings, SMS_SENDER, SmsOutboxService],
})
export class SmsModule {}
