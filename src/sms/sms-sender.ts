/**
 * The one port through which a text message leaves Tremplin. The production adapter speaks to
 * Brevo's transactional SMS API (brevo-sms.sender.ts); development and tests point the same adapter
 * at the local catcher (src/dev/sms-catcher.ts); without SMS_URL, DisabledSmsSender refuses.
 */
export interface SmsMessage {
  /** The recipient in E.164 (`+33612345678`). */
  to: string;
  content: string;
  /** Groups texts in the provider's statistics and comes back in its webhooks (`checkin`, `reminder`…). */
  tag?: string;
  /** The sender name shown on the phone; SMS_SENDER when not given. */
  sender?: string;
}

export interface SmsSender {
  /** Resolves with the provider's message id once it accepted the text (delivery comes later, by webhook). */
  send(message: SmsMessage): Promise<{ providerId: string }>;
}

/** Injection token of the SmsSender (an interface has no runtime value to inject by). */
export const SMS_SENDER = Symbol('SMS_SENDER');

/**
 * The provider refused this text for good (an invalid number, a sender it does not accept): sending
 * it again would fail the same way, so the caller marks it failed without retrying. Status 0: refused
 * here, before any call (a recipient that is not E.164). The message
 * names the HTTP status and the provider's error code, never the number, the text or the key.
 */
export class SmsRejected extends Error {
  override readonly name = 'SmsRejected';

  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(status === 0 ? `SMS refused before sending (${code})` : `SMS refused by the provider (HTTP ${status}, ${code})`);
  }
}

/**
 * The provider could not be reached or failed on its side (5xx, time-out, network, rate limit,
 * credits exhausted): the same text may go through later, so the caller retries with backoff.
 */
export class SmsUnavailable extends Error {
  override readonly name = 'SmsUnavailable';

  constructor(
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`SMS provider unavailable (${status === undefined ? reason : `HTTP ${status}, ${reason}`})`);
  }
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;
