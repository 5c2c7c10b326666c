import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { CoreModule } from '../src/app/core.module';
import { BrevoSmsSender, BREVO_SMS_PATH } from '../src/sms/brevo-sms.sender';
import { SmsSenderModule } from '../src/sms/sms-sender.module';
import { SMS_SENDER, SmsRejected, SmsSender, SmsUnavailable } from '../src/sms/sms-sender';
import { SmsSettings } from '../src/sms/sms-settings';
import { capturedLogs } from './helpers/logs';
import { failNextTexts, textsTo, waitForText } from './helpers/sms';

/** A provider that records what it is sent and answers like Brevo, to see the request itself. */
async function recordingProvider() {
  const requests: { path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ path: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      // An id beyond 2^53: read as a number, it would come back rounded.
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"messageId": 9007199254740993123}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => new Promise((r) => server.close(r)) };
}

describe('sending a text through the SMS port (Brevo’s API, here the local catcher)', () => {
  let moduleRef: TestingModule;
  let app: INestApplication;
  let sender: SmsSender;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({ imports: [CoreModule, SmsSenderModule] }).compile();
    // An HTTP application, as the API and the logs' root logger (which test/helpers/logs.ts reads) need one.
    app = moduleRef.createNestApplication({ logger: false });
    app.useLogger(app.get(Logger));
    await app.init();
    sender = app.get<SmsSender>(SMS_SENDER);
  });
  afterAll(() => app.close());

  it('is on in the test suite, pointed at the catcher', () => {
    expect(moduleRef.get(SmsSettings)).toMatchObject({ enabled: true, url: process.env.SMS_CATCHER_URL, sender: 'Tremplin' });
    expect(sender).toBeInstanceOf(BrevoSmsSender);
  });

  it('delivers the text to the number, with its tag, and returns the provider’s message id', async () => {
    const { providerId } = await sender.send({ to: '+33612340001', content: 'Bonjour Awa, votre point de suivi : https://tremplin.test/suivi/abc', tag: 'checkin' });
    const [text] = await waitForText('+33612340001');
    expect(text).toMatchObject({
      id: providerId,
      recipient: '+33612340001',
      sender: 'Tremplin',
      tag: 'checkin',
      content: 'Bonjour Awa, votre point de suivi : https://tremplin.test/suivi/abc',
      unicode: false,
      smsCount: 1,
    });
  });

  it('asks for Unicode only when the text needs it, and takes another sender name when given', async () => {
    await sender.send({ to: '+33612340002', content: 'Aujourd’hui à 14 h', sender: 'ACIEst' });
    expect(await textsTo('+33612340002')).toEqual([expect.objectContaining({ unicode: true, sender: 'ACIEst' })]);
  });

  it('calls a provider refusal (4xx) final, and sends nothing', async () => {
    await failNextTexts(1, 400);
    const error = await sender.send({ to: '+33612340003', content: 'Bonjour' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsRejected);
    expect(error).toMatchObject({ status: 400, code: 'invalid_parameter' });
    expect(await textsTo('+33612340003')).toEqual([]);
  });

  it('refuses, before any call, a number that is not E.164', async () => {
    await expect(sender.send({ to: '06 12 34 00 04', content: 'Bonjour' })).rejects.toBeInstanceOf(SmsRejected);
    expect(await textsTo('0612340004')).toEqual([]);
  });

  it('calls a provider failure (5xx) temporary, and the next try goes through', async () => {
    await failNextTexts(1, 500);
    const error = await sender.send({ to: '+33612340005', content: 'Bonjour' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsUnavailable);
    expect(error).toMatchObject({ status: 500 });
    await sender.send({ to: '+33612340005', content: 'Bonjour' });
    expect(await textsTo('+33612340005')).toHaveLength(1);
  });

  it('gives up on a provider that does not answer, calling it temporary', async () => {
    await failNextTexts(1, 'hang');
    const impatient = new BrevoSmsSender({ url: process.env.SMS_URL!, apiKey: 'test-key-0123456789', sender: 'Tremplin', timeoutMs: 300 });
    const started = Date.now();
    const error = await impatient.send({ to: '+33612340006', content: 'Bonjour' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsUnavailable);
    expect((error as Error).message).toContain('no answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('calls an unreachable provider temporary', async () => {
    const closed = await recordingProvider();
    await closed.close();
    const error = await new BrevoSmsSender({ url: closed.url, apiKey: 'k'.repeat(20), sender: 'Tremplin' }).send({ to: '+33612340007', content: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsUnavailable);
  });

  it('sends Brevo’s request: key as the api-key header, number without its plus, transactional type', async () => {
    const provider = await recordingProvider();
    try {
      const brevo = new BrevoSmsSender({ url: provider.url, apiKey: 'xkeysib-secret-key-0001', sender: 'Tremplin' });
      const { providerId } = await brevo.send({ to: '+33612340008', content: 'Rappel : rendez-vous demain 9 h', tag: 'reminder' });
      expect(providerId).toBe('9007199254740993123');
      expect(provider.requests).toEqual([
        {
          path: BREVO_SMS_PATH,
          headers: expect.objectContaining({ 'api-key': 'xkeysib-secret-key-0001', 'content-type': 'application/json' }),
          body: { sender: 'Tremplin', recipient: '33612340008', content: 'Rappel : rendez-vous demain 9 h', type: 'transactional', tag: 'reminder', unicodeEnabled: false },
        },
      ]);
    } finally {
      await provider.close();
    }
  });

  it('logs the message id and the status, never the key, the number or the text', async () => {
    const key = 'xkeysib-never-in-the-logs-42';
    const brevo = new BrevoSmsSender({ url: process.env.SMS_URL!, apiKey: key, sender: 'Tremplin' });
    let providerId = '';
    const output = await capturedLogs(async () => {
      providerId = (await brevo.send({ to: '+33612340009', content: 'Texte confidentiel de suivi' })).providerId;
      await failNextTexts(1, 400);
      await brevo.send({ to: '+33612340009', content: 'Texte confidentiel refusé' }).catch(() => undefined);
      await failNextTexts(1, 503);
      await brevo.send({ to: '+33612340009', content: 'Texte confidentiel en attente' }).catch(() => undefined);
    }, 'debug');
    expect(output).toContain(providerId);
    expect(output).toContain('HTTP 400');
    expect(output).toContain('HTTP 503');
    for (const secret of [key, '33612340009', 'confidentiel']) expect(output).not.toContain(secret);
  });
});
