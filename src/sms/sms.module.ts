import { Module } from '@nestjs/common';
import { AppConfig } from '../config/env';
import { BrevoSmsSender } from './brevo-sms.sender';
import { DisabledSmsSender } from './disabled-sms.sender';
import { SMS_SENDER, SmsSender } from './sms-sender';
import { SmsSettings } from './sms-settings';

/** The SMS port (`@Inject(SMS_SENDER)`), bound to Brevo's API when SMS_URL is set, refusing otherwise. */
@Module({
  providers: [
    { provide: SmsSettings, inject: [AppConfig], useFactory: (config: AppConfig) => SmsSettings.of(config) },
    {
      provide: SMS_SENDER,
      inject: [AppConfig, SmsSettings],
      useFactory: (config: AppConfig, settings: SmsSettings): SmsSender =>
        settings.url === undefined
          ? new DisabledSmsSender()
          : new BrevoSmsSender({ url: settings.url, apiKey: config.SMS_API_KEY, sender: settings.sender }),
    },
  ],
  exports: [SmsSettings, SMS_SENDER],
})
export class SmsModule {}
