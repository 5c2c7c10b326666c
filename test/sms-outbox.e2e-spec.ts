import { INestApplicationContext } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure } from './helpers/fixtures';
import { failNextTexts, replyFrom, reportDelivery, textsTo, waitForText } from './helpers/sms';
import { asJobOn, asWorker } from './helpers/scope';
import { SmsMessage } from '../src/sms/sms-message.entity';
import { SmsOutboxService, TextToSend } from '../src/sms/sms-outbox.service';
import { Structure } from '../src/structures/structure.entity';
import { AppConfig } from '../src/config/env';

describe('SMS outbox: sent once, in sending hours, stopped by STOP, statuses from the provider (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let outbox: SmsOutboxService;
  let delivering: SmsOutboxService;
  let structure: Structure;
  let webhookUrl: string;
  const secret = () => t.app.get(AppConfig).SMS_WEBHOOK_SECRET;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    outbox = asWorker(t.app.get(SmsOutboxService));
    delivering = asJobOn(t.app.get(SmsOutboxService), t.dataSource, 'sms_message');
    structure = await createStructure(t.dataSource, 'Régie SMS');
    const server = await t.app.listen(0, '127.0.0.1');
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sms`;
  });
  afterAll(async () => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const [{ pending }] = await t.dataSource.query(`SELECT count(*)::int AS pending FROM sms_message WHERE status = 'pending' AND not_before <= now()`);
      if (pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await worker.close();
    await t.close();
  });

  let n = 10;
  /** A fresh French mobile for each case, so that texts never mix. */
  const mobile = () => `06 ${String(++n).padStart(2, '0')} ${String(Date.now() % 100).padStart(2, '0')} 45 67`;
  const e164 = (typed: string) => `+33${typed.replace(/\s/g, '').slice(1)}`;
  const record = async (text: Partial<TextToSend> & { recipient: string }) => {
    const row = await t.dataSource.transaction((manager) =>
      outbox.record(manager, { structureId: structure.id, content: 'Bonjour, comment se passe votre poste ? Répondez ici : https://tremplin.example/suivi/x', purpose: 'one_off', ...text }),
    );
    return row;
  };
  const rowOf = async (id: string) => t.dataSource.getRepository(SmsMessage).findOneByOrFail({ id });
  const settled = async (id: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await rowOf(id);
      if (row.status !== 'pending' || Date.now() > deadline) return row;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('sends a text once during sending hours: stored in E.164, the provider’s id recorded, a second job does nothing', async () => {
    t.clock.set(new Date('2027-03-17T09:00:00Z')); // Wednesday 10:00 Paris
    const number = mobile();
    const row = await record({ recipient: number });
    expect(row).toMatchObject({ recipient: e164(number), status: 'pending', notBefore: new Date('2027-03-17T09:00:00Z'), encoding: 'GSM-7', segments: 1 });
    await outbox.dispatch([row]);
    const [text] = await waitForText(e164(number));
    expect(text.content).toContain('comment se passe votre poste');
    expect(text.tag).toBe('one_off');
    // The provider has it before the worker's transaction commits: wait for the row to say so.
    const sent = await settled(row.id);
    expect(sent).toMatchObject({ status: 'sent', providerId: text.id, attempts: 1 });
    expect(await delivering.deliver(row.id)).toBe('skipped');
    expect(await textsTo(e164(number))).toHaveLength(1);
  });

  it('holds a text due at 21:00 on a Friday until 08:00 on Monday', async () => {
    t.clock.set(new Date('2027-03-19T20:00:00Z')); // Friday 21:00 Paris
    const number = mobile();
    const row = await record({ recipient: number });
    expect(row.notBefore).toEqual(new Date('2027-03-22T07:00:00Z')); // Monday 08:00 Paris
    expect(await delivering.deliver(row.id)).toBe('waiting');
    t.clock.set(new Date('2027-03-22T06:59:00Z'));
    expect(await delivering.deliver(row.id)).toBe('waiting');
    t.clock.set(new Date('2027-03-22T07:00:00Z'));
    expect(await delivering.deliver(row.id)).toBe('sent');
    expect(await textsTo(e164(number))).toHaveLength(1);
  });

  it('puts off a retry that comes after 20:00 until the next working morning', async () => {
    t.clock.set(new Date('2027-03-17T18:58:00Z')); // Wednesday 19:58 Paris
    const late = mobile();
    const row = await record({ recipient: late });
    await failNextTexts(1, 500, late);
    await expect(delivering.deliver(row.id)).rejects.toThrow();
    t.clock.set(new Date('2027-03-17T19:05:00Z')); // 20:05: the retry comes too late
    expect(await delivering.deliver(row.id)).toBe('waiting');
    expect(await rowOf(row.id)).toMatchObject({ status: 'pending', notBefore: new Date('2027-03-18T07:00:00Z') });
    t.clock.set(new Date('2027-03-18T07:00:00Z'));
    expect(await delivering.deliver(row.id)).toBe('sent');
  });

  it('retries a provider outage, fails a refused number at once, and marks a text failed after its last retry', async () => {
    t.clock.set(new Date('2027-03-17T09:00:00Z'));
    const number = mobile();
    const row = await record({ recipient: number });
    await failNextTexts(1, 500, number);
    await expect(delivering.deliver(row.id)).rejects.toThrow();
    expect(await rowOf(row.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('500') });
    expect(await delivering.deliver(row.id)).toBe('sent');

    const invalid = mobile();
    const refused = await record({ recipient: invalid });
    await failNextTexts(1, 400, invalid);
    expect(await delivering.deliver(refused.id)).toBe('failed');
    expect(await rowOf(refused.id)).toMatchObject({ status: 'failed', attempts: 1 });

    const unreachable = mobile();
    const outage = await record({ recipient: unreachable });
    await failNextTexts(1, 500, unreachable);
    await expect(delivering.deliver(outage.id)).rejects.toThrow();
    await asJobOn(t.app.get(SmsOutboxService), t.dataSource, 'sms_message').markFailed(outage.id, 'SMS provider unavailable (500)');
    expect(await rowOf(outage.id)).toMatchObject({ status: 'failed' });
    expect(await delivering.deliver(outage.id)).toBe('skipped');
  });

  it('refuses a landline, and a text longer than two parts', async () => {
    await expect(record({ recipient: '03 20 12 34 56' })).rejects.toMatchObject({ reason: 'not_mobile' });
    // 307 GSM-7 characters: one more than two parts of 153.
    await expect(record({ recipient: mobile(), content: 'a'.repeat(307) })).rejects.toMatchObject({ reason: 'too_long' });
    expect((await record({ recipient: mobile(), content: 'a'.repeat(306) })).segments).toBe(2);
  });

  it('records the delivery status the provider reports, and refuses a forged report (401)', async () => {
    t.clock.set(new Date('2027-03-17T09:00:00Z'));
    const [delivered, bounced] = [await record({ recipient: mobile() }), await record({ recipient: mobile() })];
    expect(await delivering.deliver(delivered.id)).toBe('sent');
    expect(await delivering.deliver(bounced.id)).toBe('sent');
    const [first, second] = [await rowOf(delivered.id), await rowOf(bounced.id)];
    expect((await reportDelivery(first.providerId!, 'delivered', webhookUrl, secret())).status).toBe(204);
    expect((await reportDelivery(second.providerId!, 'hardBounce', webhookUrl, secret())).status).toBe(204);
    expect(await rowOf(delivered.id)).toMatchObject({ status: 'delivered' });
    expect(await rowOf(bounced.id)).toMatchObject({ status: 'undelivered' });

    const forged = await reportDelivery(first.providerId!, 'hardBounce', webhookUrl, 'not-the-secret-at-all-not-the-secret');
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body).code).toBe('auth.sms_webhook_unsigned');
    const unsigned = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msg_status: 'hard_bounce', messageId: first.providerId }) });
    expect(unsigned.status).toBe(401);
    expect(await rowOf(delivered.id)).toMatchObject({ status: 'delivered' });
  });

  it('stops every later text to a number that answered STOP', async () => {
    t.clock.set(new Date('2027-03-17T09:00:00Z'));
    const number = mobile();
    const first = await record({ recipient: number });
    expect(await delivering.deliver(first.id)).toBe('sent');
    expect((await replyFrom(e164(number), ' Stop ', webhookUrl, secret())).status).toBe(204);
    const next = await record({ recipient: number });
    expect(await delivering.deliver(next.id)).toBe('skipped');
    expect(await rowOf(next.id)).toMatchObject({ status: 'suppressed' });
    expect(await textsTo(e164(number))).toHaveLength(1);
    // Any other reply changes nothing.
    const other = mobile();
    expect(await delivering.deliver((await record({ recipient: other })).id)).toBe('sent');
    await replyFrom(e164(other), 'Merci, à demain', webhookUrl, secret());
    expect(await delivering.deliver((await record({ recipient: other })).id)).toBe('sent');
  });

  it('keeps to the structure’s monthly cap', async () => {
    t.clock.set(new Date('2027-04-14T09:00:00Z'));
    const capped = await createStructure(t.dataSource, 'Régie plafonnée');
    await t.dataSource.query(`UPDATE structure SET sms_monthly_cap = 2 WHERE id = $1`, [capped.id]);
    const send = async () => {
      const row = await t.dataSource.transaction((manager) => outbox.record(manager, { structureId: capped.id, recipient: mobile(), content: 'Rappel : rendez-vous demain à 10:00.', purpose: 'one_off' }));
      return { id: row.id, result: await delivering.deliver(row.id) };
    };
    expect((await send()).result).toBe('sent');
    expect((await send()).result).toBe('sent');
    const third = await send();
    expect(third.result).toBe('failed');
    expect(await rowOf(third.id)).toMatchObject({ status: 'failed', lastError: 'monthly cap of 2 texts reached' });
    // A new month, a new allowance.
    t.clock.set(new Date('2027-05-03T09:00:00Z'));
    expect((await send()).result).toBe('sent');
  });
});
