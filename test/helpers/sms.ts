import type { CaughtText } from '../../src/dev/sms-catcher';

function catcherUrl(): string {
  const base = process.env.SMS_CATCHER_URL;
  if (!base) throw new Error('SMS_CATCHER_URL is not set: the suite cannot read texts back');
  return base;
}

/** Reads back, over the SMS catcher's HTTP API, every text the provider API received for `number` (E.164). */
export async function textsTo(number: string): Promise<CaughtText[]> {
  const response = await fetch(`${catcherUrl()}/messages?to=${encodeURIComponent(number)}`);
  return (await response.json()) as CaughtText[];
}

/** Polls until `count` texts reached `number` (the worker sends asynchronously). */
export async function waitForText(number: string, count = 1, timeoutMs = 15_000): Promise<CaughtText[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await textsTo(number);
    if (texts.length >= count || Date.now() > deadline) return texts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Makes the catcher answer the next `count` sends with `status` (400, 500…) or not at all (`hang`):
 * only those to `to` (any French or E.164 spelling) when given, which keeps the failures away from
 * the texts of the specs running beside.
 */
export async function failNextTexts(count: number, status: number | 'hang', to?: string): Promise<void> {
  const response = await fetch(`${catcherUrl()}/control/fail`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count, status, to: to === undefined ? undefined : to.replace(/^0/, '+33') }),
  });
  if (!response.ok) throw new Error(`the SMS catcher refused /control/fail: ${response.status}`);
}

/** What the app answered to a webhook the catcher posted for a test. */
export interface WebhookAnswer {
  status: number;
  body: string;
}

async function control(path: string, body: object): Promise<WebhookAnswer> {
  const response = await fetch(`${catcherUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`the SMS catcher refused ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as WebhookAnswer;
}

/** Has the catcher report, as Brevo would, what became of a text it received. */
export function reportDelivery(
  messageId: string,
  event: 'delivered' | 'hardBounce' | 'softBounce' | 'rejected',
  webhookUrl: string,
  secret?: string,
): Promise<WebhookAnswer> {
  return control('/control/deliver', { messageId, event, webhookUrl, secret });
}

/** Has the catcher post, as Brevo would, a text the person sent back (« STOP »). */
export function replyFrom(from: string, text: string, webhookUrl: string, secret?: string): Promise<WebhookAnswer> {
  return control('/control/reply', { from, text, webhookUrl, secret });
}
