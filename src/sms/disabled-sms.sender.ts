import { SmsMessage, SmsSender } from './sms-sender';

/**
 * The sender when SMS_URL is not set. Callers check SmsSettings.enabled before queuing a text;
 * reaching this is a bug, said plainly rather than a text silently lost.
 */
export class DisabledSmsSender implements SmsSender {
  send(_message: SmsMessage): Promise<{ providerId: string }> {
    return Promise.reject(new Error('SMS is off: SMS_URL is not set, so no text can be sent (check SmsSettings.enabled first)'));
  }
}
