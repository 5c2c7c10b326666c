import { timingSafeEqual } from 'node:crypto';

/**
 * What Brevo POSTs about a transactional SMS (webhook of type « transactional », SMS events): the
 * same flat shape for every event, `msg_status` saying which. `to` is the person's number (digits,
 * country code, no plus) — for a reply too, as they are the one who answers; `date` is Paris time.
 * The local catcher (src/dev/sms-catcher.ts) posts exactly this.
 */
export interface BrevoSmsWebhookPayload {
  /** The webhook's id in Brevo (the same for every call to one URL), not the message's. */
  id: number;
  to: string;
  messageId?: number | string;
  msg_status: string;
  date?: string;
  reference?: string;
  tag?: string;
  type?: string;
  sms_count?: number;
  credits_used?: number;
  remaining_credit?: number;
  description?: string;
  /** On `replied`: what the person wrote back. */
  reply?: string;
}

/** Delivery statuses Tremplin records, from Brevo's `msg_status` (`soft_bounce` → `softBounce`…). */
export const SMS_DELIVERY_STATUSES = ['sent', 'accepted', 'delivered', 'softBounce', 'hardBounce', 'rejected', 'skip', 'blacklisted'] as const;
export type SmsDeliveryStatus = (typeof SMS_DELIVERY_STATUSES)[number];

export type SmsWebhookEvent =
  | { kind: 'status'; providerId: string; status: SmsDeliveryStatus; to: string | null }
  | { kind: 'reply'; from: string; text: string; inReplyTo: string | null };

function camel(status: string): string {
  return status.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** `33612345678` or `+33612345678` → `+33612345678`; anything else → null. */
function e164Of(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const digits = String(value).replace(/^\+/, '');
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
}

function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d{1,30}$/.test(value)) return value;
  return null;
}

/**
 * Reads one webhook body: a delivery status of a text we sent (matched by the provider's message
 * id), or a reply (« STOP ») from a number. Null for anything else, which the caller acknowledges
 * and ignores so that Brevo does not retry it forever.
 */
export function parseBrevoSmsWebhook(body: unknown): SmsWebhookEvent | null {
  if (!body || typeof body !== 'object') return null;
  const payload = body as Partial<Record<keyof BrevoSmsWebhookPayload, unknown>>;
  if (typeof payload.msg_status !== 'string') return null;
  const status = camel(payload.msg_status.trim().toLowerCase());
  if (status === 'replied') {
    const from = e164Of(payload.to);
    if (!from || typeof payload.reply !== 'string') return null;
    return { kind: 'reply', from, text: payload.reply, inReplyTo: idOf(payload.messageId) };
  }
  // Brevo handles « STOP » itself on numbers it manages and then reports the number unsubscribed:
  // the same opt-out as a « STOP » read by Tremplin.
  if (status === 'unsubscribed' || status === 'unsubscribe') {
    const from = e164Of(payload.to);
    return from ? { kind: 'reply', from, text: 'STOP', inReplyTo: idOf(payload.messageId) } : null;
  }
  const providerId = idOf(payload.messageId);
  const known = (SMS_DELIVERY_STATUSES as readonly string[]).find((s) => s.toLowerCase() === status.toLowerCase());
  if (!providerId || !known) return null;
  return { kind: 'status', providerId, status: known as SmsDeliveryStatus, to: e164Of(payload.to) };
}

/**
 * Whether a webhook call carries the secret: Brevo sends it as `Authorization: Bearer <secret>`
 * when the webhook is created with `auth: { type: 'bearer', token: SMS_WEBHOOK_SECRET }`.
 * Compared in constant time.
 */
export function webhookSecretMatches(authorization: string | undefined, secret: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
