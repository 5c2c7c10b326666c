import { AppConfig } from '../config/env';

/**
 * Whether texts can leave, and as whom. SMS is on when SMS_URL names a provider (Brevo, or the
 * local catcher that `npm run up` and the test suite start); without it, as in a production that
 * was given no SMS settings, every text is refused by DisabledSmsSender and the features that
 * would send one fall back to e-mail or a call task.
 */
export class SmsSettings {
  constructor(
    readonly enabled: boolean,
    readonly url: string | undefined,
    readonly sender: string,
    readonly webhookSecret: string,
  ) {}

  static of(config: AppConfig): SmsSettings {
    return new SmsSettings(config.SMS_URL !== undefined, config.SMS_URL, config.SMS_SENDER, config.SMS_WEBHOOK_SECRET);
  }
}
