import { ParsedMail, simpleParser } from 'mailparser';
import type { CaughtMessage } from '../../src/dev/smtp-catcher';

/** Reads back, over the catcher's HTTP API, what really travelled over SMTP to one address. */
export async function inboxOf(address: string): Promise<ParsedMail[]> {
  const base = process.env.MAIL_CATCHER_URL;
  if (!base) throw new Error('MAIL_CATCHER_URL is not set: the suite cannot read e-mails back');
  const response = await fetch(`${base}/messages?to=${encodeURIComponent(address.toLowerCase())}`);
  const messages = (await response.json()) as CaughtMessage[];
  return Promise.all(messages.map((message) => simpleParser(message.raw)));
}

/** Polls until `count` messages reached `address` (the worker sends asynchronously). */
export async function waitForMail(address: string, count = 1, timeoutMs = 15_000): Promise<ParsedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await inboxOf(address);
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
