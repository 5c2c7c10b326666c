import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { BrevoSmsWebhookPayload } from '../sms/brevo-sms-webhook';
import { smsSegments } from '../sms/sms-text';

/**
 * A local SMS catcher for development and tests, as src/dev/smtp-catcher.ts is for e-mail: it
 * answers Brevo's transactional SMS API (same paths, `api-key` header, body and answer), keeps
 * every text, shows them on an inbox page and gives them back as JSON. Tests can make it fail and
 * have it call the app's webhooks as Brevo would (delivery statuses, replies such as « STOP »),
 * with the secret as `Authorization: Bearer <secret>`. Never for production.
 */
export interface CaughtText {
  /** Brevo's `messageId`, as a string of digits. */
  id: string;
  reference: string;
  receivedAt: string;
  sender: string;
  /** E.164, whatever form the request used (Brevo takes digits with or without the plus). */
  recipient: string;
  content: string;
  tag: string | null;
  unicode: boolean;
  smsCount: number;
  /** Statuses reported to the app through /control/deliver, oldest first. */
  events: { event: string; at: string }[];
}

export interface SmsCatcherOptions {
  port: number;
  host?: string;
  limit?: number;
}

export interface RunningSmsCatcher {
  port: number;
  texts: CaughtText[];
  close(): Promise<void>;
}

/** Brevo's current endpoint, and the deprecated one it still answers on. */
const SEND_PATHS = ['/v3/transactionalSMS/send', '/v3/transactionalSMS/sms'];

/** `/control/deliver` events and the `msg_status` Brevo writes for each. */
const DELIVERY_EVENTS: Record<string, string> = {
  sent: 'sent',
  accepted: 'accepted',
  delivered: 'delivered',
  softBounce: 'soft_bounce',
  hardBounce: 'hard_bounce',
  rejected: 'rejected',
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Segments a text takes, as the application counts them (src/sms/sms-text.ts). */
export function segmentsOf(content: string): number {
  return smsSegments(content).segments;
}

const digitsOf = (value: string) => value.replace(/\D/g, '');

/** Brevo's `date`: Paris wall-clock time, `YYYY-MM-DD HH:MM:SS`. */
function parisDate(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(at);
}

function inboxPage(texts: CaughtText[]): string {
  const rows = [...texts]
    .reverse()
    .map(
      (text) => `<article style="border-top:1px solid #ccc;padding:8px 0">
      <p><strong>${escapeHtml(text.recipient)}</strong> · de ${escapeHtml(text.sender)}${
        text.tag ? ` · étiquette ${escapeHtml(text.tag)}` : ''
      } · <small><time datetime="${text.receivedAt}">${escapeHtml(parisDate(new Date(text.receivedAt)))}</time></small></p>
      <p style="white-space:pre-wrap;overflow-wrap:anywhere">${escapeHtml(text.content)}</p>
      <p><small>${text.smsCount} SMS${text.unicode ? ' (Unicode)' : ''} · n° ${text.id}${
        text.events.length ? ` · ${text.events.map((e) => escapeHtml(e.event)).join(', ')}` : ''
      }</small></p></article>`,
    );
  return `<!doctype html><html lang="fr"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
  <title>SMS de développement · Tremplin</title>
  <body style="font-family:system-ui;max-width:900px;margin:24px auto;padding:0 16px">
  <h1>SMS de développement</h1><p>${texts.length} SMS reçu(s) par le simulateur local (aucun n’est parti vers un téléphone).</p>
  ${rows.join('\n') || '<p>Aucun SMS pour le moment.</p>'}</body></html>`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Posts a webhook to the app as Brevo does; answers with what the app answered. */
async function postWebhook(url: string, secret: string | undefined, payload: BrevoSmsWebhookPayload) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) headers.authorization = `Bearer ${secret}`;
  const answer = await fetch(url, { method: 'POST', headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(10_000) });
  return { status: answer.status, body: await answer.text() };
}

export async function startSmsCatcher(options: SmsCatcherOptions): Promise<RunningSmsCatcher> {
  const host = options.host ?? '127.0.0.1';
  const limit = options.limit ?? 5000;
  const texts: CaughtText[] = [];
  // Brevo's ids are large integers; these stay below 2^53 so that JSON numbers keep them exact.
  let nextId = 1_500_000_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;
  /** Answers the next sends will get instead of being accepted: an HTTP status, or `hang` (no answer). */
  const failures: (number | 'hang')[] = [];
  /** The same, for the sends to one number only (E.164): a test's failures never reach another test's texts. */
  const failuresFor = new Map<string, (number | 'hang')[]>();
  const webhookId = 1;

  function accept(body: Record<string, unknown>): CaughtText {
    const content = body.content as string;
    const text: CaughtText = {
      id: String(nextId++),
      reference: Math.random().toString(36).slice(2, 21),
      receivedAt: new Date().toISOString(),
      sender: String(body.sender),
      recipient: `+${digitsOf(String(body.recipient))}`,
      content,
      tag: typeof body.tag === 'string' ? body.tag : Array.isArray(body.tag) ? body.tag.join(',') : null,
      unicode: body.unicodeEnabled === true,
      smsCount: segmentsOf(content),
      events: [],
    };
    texts.push(text);
    if (texts.length > limit) texts.splice(0, texts.length - limit);
    return text;
  }

  async function send(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!request.headers['api-key']) return json(response, 401, { code: 'unauthorized', message: 'Key not found' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    } catch {
      return json(response, 400, { code: 'bad_request', message: 'Input must be a valid JSON object' });
    }
    const forRecipient = typeof body.recipient === 'string' ? failuresFor.get(`+${digitsOf(body.recipient)}`) : undefined;
    const failure = forRecipient?.length ? forRecipient.shift() : failures.shift();
    if (failure === 'hang') return; // the socket stays open until the client gives up
    if (failure !== undefined) return json(response, failure, { code: failure >= 500 ? 'internal_error' : 'invalid_parameter', message: 'failure requested by a test' });
    for (const field of ['sender', 'recipient', 'content']) {
      if (typeof body[field] !== 'string' || body[field] === '') {
        return json(response, 400, { code: 'missing_parameter', message: `${field} is missing` });
      }
    }
    if (!/^\+?\d{6,15}$/.test(body.recipient as string)) return json(response, 400, { code: 'invalid_parameter', message: 'Invalid phone number' });
    if (!/^([A-Za-z0-9 ]{1,11}|\d{1,15})$/.test(body.sender as string)) return json(response, 400, { code: 'invalid_parameter', message: 'Invalid sender' });
    const text = accept(body);
    const usedCredits = Number((text.smsCount * 0.045).toFixed(3));
    json(response, 201, { reference: text.reference, messageId: Number(text.id), smsCount: text.smsCount, usedCredits, remainingCredits: 1000 });
  }

  async function control(path: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    } catch {
      return json(response, 400, { error: 'JSON attendu' });
    }
    if (path === '/control/fail') {
      const count = Number(body.count ?? 1);
      const status = body.status === 'hang' ? 'hang' : Number(body.status ?? 500);
      if (!Number.isInteger(count) || count < 0 || (status !== 'hang' && !(status >= 400 && status <= 599))) {
        return json(response, 400, { error: 'count: entier ≥ 0 ; status: 400–599 ou "hang"' });
      }
      const list: (number | 'hang')[] = Array.from({ length: count }, () => status);
      if (typeof body.to === 'string' && body.to !== '') {
        failuresFor.set(`+${digitsOf(body.to)}`, list);
        return json(response, 200, { pending: list.length });
      }
      failures.length = 0;
      failures.push(...list);
      return json(response, 200, { pending: failures.length });
    }
    if (typeof body.webhookUrl !== 'string') return json(response, 400, { error: 'webhookUrl manquant' });
    const secret = typeof body.secret === 'string' ? body.secret : undefined;
    if (path === '/control/deliver') {
      const text = texts.find((t) => t.id === String(body.messageId));
      const status = DELIVERY_EVENTS[String(body.event)];
      if (!text) return json(response, 404, { error: 'messageId inconnu' });
      if (!status) return json(response, 400, { error: `event: ${Object.keys(DELIVERY_EVENTS).join(', ')}` });
      const payload: BrevoSmsWebhookPayload = {
        id: webhookId,
        to: digitsOf(text.recipient),
        sms_count: text.smsCount,
        credits_used: Number((text.smsCount * 0.045).toFixed(3)),
        messageId: Number(text.id),
        remaining_credit: 1000,
        msg_status: status,
        date: parisDate(new Date()),
        type: 'transactional',
        reference: text.reference,
        ...(text.tag ? { tag: text.tag } : {}),
        ...(status.endsWith('bounce') || status === 'rejected' ? { description: status } : {}),
      };
      text.events.push({ event: String(body.event), at: new Date().toISOString() });
      return json(response, 200, await postWebhook(body.webhookUrl, secret, payload));
    }
    if (path === '/control/reply') {
      if (typeof body.from !== 'string' || !/^\+?\d{6,15}$/.test(body.from)) return json(response, 400, { error: 'from: numéro E.164' });
      if (typeof body.text !== 'string') return json(response, 400, { error: 'text manquant' });
      const from = digitsOf(body.from);
      const last = [...texts].reverse().find((t) => digitsOf(t.recipient) === from);
      const payload: BrevoSmsWebhookPayload = {
        id: webhookId,
        to: from,
        msg_status: 'replied',
        reply: body.text,
        date: parisDate(new Date()),
        type: 'transactional',
        ...(last ? { messageId: Number(last.id), reference: last.reference, ...(last.tag ? { tag: last.tag } : {}) } : {}),
      };
      return json(response, 200, await postWebhook(body.webhookUrl, secret, payload));
    }
    json(response, 404, { error: 'commande inconnue' });
  }

  const http: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://catcher');
      if (request.method === 'POST' && SEND_PATHS.includes(url.pathname)) return send(request, response);
      if (request.method === 'POST' && url.pathname.startsWith('/control/')) return control(url.pathname, request, response);
      if (url.pathname === '/messages' && request.method === 'DELETE') {
        texts.length = 0;
        failures.length = 0;
        failuresFor.clear();
        return void response.writeHead(204).end();
      }
      if (url.pathname === '/messages') {
        // `?to=+33…` arrives with the plus read as a space: compare digits.
        const to = digitsOf(url.searchParams.get('to') ?? '');
        return json(response, 200, to ? texts.filter((t) => digitsOf(t.recipient) === to) : texts);
      }
      if (url.pathname === '/' && request.method === 'GET') {
        return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(inboxPage(texts));
      }
      json(response, 404, { code: 'not_found', message: 'Invalid route' });
    })().catch((error: Error) => {
      if (!response.headersSent) json(response, 502, { error: error.message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, host, () => resolve());
  });

  return {
    port: (http.address() as AddressInfo).port,
    texts,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        // Requests told to hang would keep the server open for ever.
        http.closeAllConnections();
      }),
  };
}

if (require.main === module) {
  const port = Number(process.env.SMS_CATCHER_PORT ?? 1081);
  startSmsCatcher({ port })
    .then((catcher) => {
      console.log(`SMS catcher: API and inbox at http://127.0.0.1:${catcher.port}`);
      const stop = () => void catcher.close().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    })
    .catch((error: Error) => {
      console.error(`SMS catcher could not start: ${error.message}`);
      process.exit(1);
    });
}
