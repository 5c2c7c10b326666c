import { Module } from '@nestjs/common';
import { AppConfig } from '../config/env';
import { BrevoSmsSender } from './brevo-sms.sender';
import { DisabledSmsSender } from './disabled-sms.sender';
import { SMS_SENDER, SmsSender } from './sms-sender';
import { SmsSettings } from './sms-settings';

/** Brevo's API (or the catcher) when SMS_URL is set; otherwise a sender that refuses. */
export function smsSenderFor(config: AppConfig, settings = SmsSettings.of(config)): SmsSender {
  return settings.url === undefined
    ? new DisabledSmsSender()
    : new BrevoSmsSender({ url: settings.url, apiKey: config.SMS_API_KEY, sender: settings.sender });
}

/** The SMS port alone (`@Inject(SMS_SENDER)`) and its settings (`SmsSettings.enabled`): no database, no queue. */
@Module({
  providers: [
    { provide: SmsSettings, inject: [AppConfig], useFactory: (config: AppConfig) => SmsSettings.of(config) },
    {
      provide: SMS_SENDER,
      inject: [AppConfig, SmsSettings],
      useFactory: (config: AppConfig, settings: SmsSettings): SmsSender => smsSenderFor(config, settings),
    },
  ],
  exports: [SmsSettings, SMS_SENDER],
})
export class SmsSenderModule {}
