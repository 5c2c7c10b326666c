import { Logger } from '@nestjs/common';
import { smsSegments } from './sms-text';
import { E164, SmsMessage, SmsRejected, SmsSender, SmsUnavailable } from './sms-sender';

/**
 * Brevo's transactional SMS endpoint. `/v3/transactionalSMS/sms` still works but Brevo deprecated
 * it for this one, which takes the same body and answers at least `{ messageId }`.
 */
export const BREVO_SMS_PATH = '/v3/transactionalSMS/send';

export interface BrevoSmsOptions {
  /** Base URL: https://api.brevo.com, or the local catcher. */
  url: string;
  apiKey: string;
  /** Default sender name (SMS_SENDER). */
  sender: string;
  /** How long to wait for the answer before calling the provider unavailable. */
  timeoutMs?: number;
}

/**
 * Statuses that say « not now » rather than « never »: rate limited (429), request time-out (408),
 * and credits exhausted (402), which a manager tops up — retrying then lets the texts through.
 */
const RETRYABLE_CLIENT_STATUSES = new Set([402, 408, 429]);

/** The provider's error code from a `{ code, message }` body; only the code, as the message may quote the request. */
function errorCodeOf(body: string): string {
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    if (typeof code === 'string' && /^[a-z_]{1,60}$/i.test(code)) return code;
  } catch {
    // not JSON: the status alone says enough
  }
  return 'no_error_code';
}

/**
 * The message id exactly as sent: Brevo's ids are integers close to 2^53, which JSON.parse could
 * round; the digits are read from the text instead.
 */
function messageIdOf(body: string): string | null {
  return /"messageId"\s*:\s*"?(\d+)"?/.exec(body)?.[1] ?? null;
}

/**
 * The production SmsSender: one HTTPS call per text to Brevo (or to the catcher, which speaks the
 * same API). Logs the provider's message id and HTTP status only: never the key, the number or the
 * text, which a person's follow-up can be read from.
 */
export class BrevoSmsSender implements SmsSender {
  private readonly logger = new Logger(BrevoSmsSender.name);
  private readonly timeoutMs: number;

  constructor(private readonly options: BrevoSmsOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  async send(message: SmsMessage): Promise<{ providerId: string }> {
    if (!E164.test(message.to)) throw new SmsRejected(0, 'recipient_not_e164');
    const body = {
      sender: message.sender ?? this.options.sender,
      // Brevo's examples give the number with its country code and no plus.
      recipient: message.to.slice(1),
      content: message.content,
      type: 'transactional',
      ...(message.tag ? { tag: message.tag } : {}),
      unicodeEnabled: smsSegments(message.content).encoding === 'UCS-2',
    };
    let status: number;
    let text: string;
    // Covers the whole exchange, the answer's body included.
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await fetch(`${this.options.url}${BREVO_SMS_PATH}`, {
        method: 'POST',
        headers: { 'api-key': this.options.apiKey, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
      status = response.status;
      text = await response.text();
    } catch {
      const reason = signal.aborted ? `no answer within ${this.timeoutMs} ms` : 'network error';
      this.logger.warn(`SMS not sent: ${reason}`);
      throw new SmsUnavailable(reason);
    }

    if (status >= 200 && status < 300) {
      const providerId = messageIdOf(text);
      if (providerId === null) {
        // Accepted all the same: sending again would send twice. Its delivery status cannot be matched.
        this.logger.warn(`SMS accepted (HTTP ${status}) without a message id`);
        return { providerId: '' };
      }
      this.logger.log(`SMS accepted by the provider as ${providerId} (HTTP ${status})`);
      return { providerId };
    }
    const code = errorCodeOf(text);
    this.logger.warn(`SMS not sent: HTTP ${status} (${code})`);
    if (status >= 400 && status < 500 && !RETRYABLE_CLIENT_STATUSES.has(status)) throw new SmsRejected(status, code);
    throw new SmsUnavailable(code, status);
  }
}
