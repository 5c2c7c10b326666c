import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local mail catcher for development and tests: a real SMTP server that keeps every message
 * it receives, an inbox page to read them, and a JSON API for tests. Never for production.
 */
export interface CaughtMessage {
  id: number;
  receivedAt: string;
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
}

export interface CatcherOptions {
  smtpPort: number;
  httpPort: number;
  host?: string;
  limit?: number;
}

export interface RunningCatcher {
  smtpPort: number;
  httpPort: number;
  messages: CaughtMessage[];
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

async function inboxPage(messages: CaughtMessage[]): Promise<string> {
  const rows = await Promise.all(
    [...messages].reverse().map(async (message) => {
      const parsed = await simpleParser(message.raw);
      return `<details><summary><strong>${escapeHtml(parsed.subject ?? '(sans objet)')}</strong> → ${escapeHtml(
        message.envelopeTo.join(', '),
      )} <small>${message.receivedAt}</small></summary><pre>${escapeHtml(parsed.text ?? '')}</pre>
      <p><a href="/messages/${message.id}/html">Version HTML</a> · <a href="/messages/${message.id}/raw">Source</a></p></details>`;
    }),
  );
  return `<!doctype html><html lang="fr"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
  <title>Boîte de réception de développement · Tremplin</title>
  <body style="font-family:system-ui;max-width:900px;margin:24px auto;padding:0 16px">
  <h1>Boîte de réception de développement</h1><p>${messages.length} message(s) reçu(s) par le serveur SMTP local.</p>
  ${rows.join('\n') || '<p>Aucun message pour le moment.</p>'}</body></html>`;
}

export async function startCatcher(options: CatcherOptions): Promise<RunningCatcher> {
  const host = options.host ?? '127.0.0.1';
  const limit = options.limit ?? 5000;
  const messages: CaughtMessage[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          id: nextId++,
          receivedAt: new Date().toISOString(),
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        if (messages.length > limit) messages.splice(0, messages.length - limit);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort, host, () => resolve());
  });

  const http: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://catcher');
      const match = url.pathname.match(/^\/messages\/(\d+)\/(raw|html)$/);
      if (url.pathname === '/messages' && request.method === 'DELETE') {
        messages.length = 0;
        response.writeHead(204).end();
      } else if (url.pathname === '/messages') {
        const to = url.searchParams.get('to')?.toLowerCase();
        const found = to ? messages.filter((m) => m.envelopeTo.includes(to)) : messages;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found));
      } else if (match) {
        const message = messages.find((m) => m.id === Number(match[1]));
        if (!message) return response.writeHead(404).end();
        if (match[2] === 'raw') return response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(message.raw);
        const parsed = await simpleParser(message.raw);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(parsed.html || '');
      } else if (url.pathname === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await inboxPage(messages));
      } else {
        response.writeHead(404).end();
      }
    })().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort, host, () => resolve());
  });

  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    httpPort: (http.address() as AddressInfo).port,
    messages,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

if (require.main === module) {
  const smtpPort = Number(process.env.CATCHER_SMTP_PORT ?? 1025);
  const httpPort = Number(process.env.CATCHER_HTTP_PORT ?? 1080);
  startCatcher({ smtpPort, httpPort })
    .then((catcher) => {
      console.log(`SMTP catcher on smtp://127.0.0.1:${catcher.smtpPort}, inbox at http://127.0.0.1:${catcher.httpPort}`);
      const stop = () => void catcher.close().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    })
    .catch((error: Error) => {
      console.error(`SMTP catcher could not start: ${error.message}`);
      process.exit(1);
    });
}
