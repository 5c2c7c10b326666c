import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { parseBrevoSmsWebhook } from '../sms/brevo-sms-webhook';
import { CaughtText, RunningSmsCatcher, segmentsOf, startSmsCatcher } from './sms-catcher';

/** A stand-in for the app's webhook: records what it is sent, answers 401 without the secret. */
async function webhookReceiver(secret: string) {
  const calls: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      response.writeHead(request.headers.authorization === `Bearer ${secret}` ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sms`, calls, close: () => new Promise((r) => server.close(r)) };
}

describe('the local SMS catcher', () => {
  let catcher: RunningSmsCatcher;
  let base: string;
  const post = (path: string, body: unknown, headers: Record<string, string> = { 'api-key': 'any-key' }) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const send = (body: object) => post('/v3/transactionalSMS/send', { sender: 'Tremplin', type: 'transactional', ...body });

  beforeAll(async () => {
    catcher = await startSmsCatcher({ port: 0 });
    base = `http://127.0.0.1:${catcher.port}`;
  });
  afterAll(() => catcher.close());
  beforeEach(() => fetch(`${base}/messages`, { method: 'DELETE' }));

  it('accepts Brevo’s request and answers as Brevo does', async () => {
    const response = await send({ recipient: '33612345678', content: 'Votre point de suivi : https://t.fr/s/abc', tag: 'checkin' });
    expect(response.status).toBe(201);
    const answer = (await response.json()) as Record<string, unknown>;
    expect(answer).toEqual({ reference: expect.any(String), messageId: expect.any(Number), smsCount: 1, usedCredits: expect.any(Number), remainingCredits: expect.any(Number) });
    const texts = (await (await fetch(`${base}/messages?to=+33612345678`)).json()) as CaughtText[];
    expect(texts).toEqual([
      expect.objectContaining({ id: String(answer.messageId), recipient: '+33612345678', sender: 'Tremplin', tag: 'checkin', content: 'Votre point de suivi : https://t.fr/s/abc' }),
    ]);
  });

  it('answers on the deprecated path too', async () => {
    expect((await post('/v3/transactionalSMS/sms', { sender: 'Tremplin', recipient: '+33700000001', content: 'Bonjour' })).status).toBe(201);
    expect(catcher.texts.map((t) => t.recipient)).toEqual(['+33700000001']);
  });

  it.each([
    ['without the api-key header', { sender: 'Tremplin', recipient: '33612345678', content: 'x' }, {}, 401, 'unauthorized'],
    ['without a recipient', { sender: 'Tremplin', content: 'x' }, { 'api-key': 'k' }, 400, 'missing_parameter'],
    ['without content', { sender: 'Tremplin', recipient: '33612345678' }, { 'api-key': 'k' }, 400, 'missing_parameter'],
    ['to something that is not a number', { sender: 'Tremplin', recipient: '06 12', content: 'x' }, { 'api-key': 'k' }, 400, 'invalid_parameter'],
  ])('refuses a text %s', async (_case, body, headers, status, code) => {
    const response = await post('/v3/transactionalSMS/send', body, headers);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code });
    expect(catcher.texts).toHaveLength(0);
  });

  it('fails the next sends when told to, then accepts again', async () => {
    expect((await post('/control/fail', { count: 2, status: 500 }, {})).status).toBe(200);
    expect((await send({ recipient: '33612345678', content: 'a' })).status).toBe(500);
    expect((await send({ recipient: '33612345678', content: 'b' })).status).toBe(500);
    expect((await send({ recipient: '33612345678', content: 'c' })).status).toBe(201);
    await post('/control/fail', { count: 1, status: 400 }, {});
    expect((await send({ recipient: '33612345678', content: 'd' })).status).toBe(400);
    expect(catcher.texts.map((t) => t.content)).toEqual(['c']);
  });

  it('lists texts newest first on a French inbox page', async () => {
    await send({ recipient: '33612345678', content: 'Premier <b>message</b>' });
    await send({ recipient: '33612345679', content: 'Second message' });
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('SMS de développement');
    expect(page.indexOf('Second message')).toBeLessThan(page.indexOf('Premier &lt;b&gt;message&lt;/b&gt;'));
  });

  it('reports a delivery status to the app as Brevo’s webhook, with the secret as a bearer token', async () => {
    const receiver = await webhookReceiver('the-secret');
    try {
      const { messageId } = (await (await send({ recipient: '33612345678', content: 'Rappel', tag: 'reminder' })).json()) as { messageId: number };
      const answer = await post('/control/deliver', { messageId, event: 'hardBounce', webhookUrl: receiver.url, secret: 'the-secret' }, {});
      expect(await answer.json()).toEqual({ status: 204, body: '' });
      expect(receiver.calls[0].headers.authorization).toBe('Bearer the-secret');
      expect(receiver.calls[0].body).toMatchObject({ to: '33612345678', messageId, msg_status: 'hard_bounce', tag: 'reminder', type: 'transactional' });
      expect(parseBrevoSmsWebhook(receiver.calls[0].body)).toEqual({ kind: 'status', providerId: String(messageId), status: 'hardBounce', to: '+33612345678' });

      const forged = await post('/control/deliver', { messageId, event: 'delivered', webhookUrl: receiver.url }, {});
      expect(await forged.json()).toMatchObject({ status: 401 });
      expect(receiver.calls[1].headers.authorization).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });

  it('posts a reply such as « STOP » the way Brevo does', async () => {
    const receiver = await webhookReceiver('the-secret');
    try {
      const { messageId } = (await (await send({ recipient: '33612345678', content: 'Rappel' })).json()) as { messageId: number };
      const answer = await post('/control/reply', { from: '+33612345678', text: 'STOP', webhookUrl: receiver.url, secret: 'the-secret' }, {});
      expect(await answer.json()).toMatchObject({ status: 204 });
      expect(parseBrevoSmsWebhook(receiver.calls[0].body)).toEqual({ kind: 'reply', from: '+33612345678', text: 'STOP', inReplyTo: String(messageId) });
    } finally {
      await receiver.close();
    }
  });

  it('refuses to report on a text it never received', async () => {
    const answer = await post('/control/deliver', { messageId: 42, event: 'delivered', webhookUrl: 'http://127.0.0.1:9/x' }, {});
    expect(answer.status).toBe(404);
  });
});

describe('segmentsOf', () => {
  it.each([
    ['160 GSM-7 characters', 1, 'a'.repeat(160)],
    ['161 GSM-7 characters', 2, 'a'.repeat(161)],
    ['306 GSM-7 characters', 2, 'a'.repeat(306)],
    ['70 characters with an « œ »', 1, 'œ'.repeat(70)],
    ['71 characters with an « œ »', 2, 'œ'.repeat(71)],
    ['80 euro signs (two septets each)', 1, '€'.repeat(80)],
    ['81 euro signs', 2, '€'.repeat(81)],
  ])('%s → %i', (_case, expected, text) => {
    expect(segmentsOf(text)).toBe(expected);
  });
});
