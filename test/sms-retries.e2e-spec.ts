import { INestApplicationContext } from '@nestjs/common';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { api, Api } from './helpers/api';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { failNextTexts, textsTo } from './helpers/sms';
import { SmsMessage } from '../src/sms/sms-message.entity';

/**
 * Issue 21's « provider errors retry and then show as failed », through BullMQ: the API writes the
 * text and its job, the worker sends it, the catcher answers 500 as often as told, and the worker's
 * retries (5 attempts, exponential backoff from JOB_RETRY_DELAY_MS, shortened here) end in « sent »
 * or, after the last one, « failed » — shown so on the person's page.
 */
describe('SMS retries through the worker: an outage retried with backoff, then failed (e2e)', () => {
  const RETRY_DELAY = { JOB_RETRY_DELAY_MS: '100' };
  let t: TestApp;
  let worker: INestApplicationContext;
  let session: LoggedIn;
  let staff: Api;

  beforeAll(async () => {
    t = await createTestApp(RETRY_DELAY);
    // Thursday 15 April 2027, 11:00 in Paris: within sending hours.
    t.clock.set(new Date('2027-04-15T09:00:00Z'));
    worker = await createTestWorker(t.clock, RETRY_DELAY);
    const structure = await createStructure(t.dataSource, 'ACI Réessais');
    session = await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'staff', 'Yasmine')).email);
    staff = api(session);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  let n = 60;
  const mobile = () => `06 ${String(++n).padStart(2, '0')} ${String(Date.now() % 100).padStart(2, '0')} 21 43`;
  const e164 = (typed: string) => `+33${typed.replace(/\s/g, '').slice(1)}`;
  const sendTo = async (number: string) => {
    const { id } = (await staff.post('/api/candidates', { firstName: 'Rémi', lastName: 'Réseau', phone: number }).expect(201)).body as { id: string };
    const sent = await staff.post(`/api/candidates/${id}/sms`, { text: 'Bonjour Rémi, votre entretien est confirmé demain à 14h.' }).expect(201);
    return { candidateId: id, smsId: sent.body.id as string };
  };
  /** Waits until the worker is done with the text: sent, or failed after its last attempt. */
  const settled = async (smsId: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await t.dataSource.getRepository(SmsMessage).findOneByOrFail({ id: smsId });
      if (row.status !== 'pending' || Date.now() > deadline) return row;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('sends a text on its third attempt after two provider errors, once', async () => {
    const number = mobile();
    await failNextTexts(2, 500, number);
    const { smsId } = await sendTo(number);
    expect(await settled(smsId)).toMatchObject({ status: 'sent', attempts: 3, providerId: expect.any(String) });
    expect(await textsTo(e164(number))).toHaveLength(1);
  });

  it('marks a text failed after its fifth provider error, and the person’s page says why in French', async () => {
    const number = mobile();
    await failNextTexts(5, 500, number);
    const { candidateId, smsId } = await sendTo(number);
    expect(await settled(smsId)).toMatchObject({ status: 'failed', attempts: 5, lastError: expect.stringContaining('500') });
    expect(await textsTo(e164(number))).toHaveLength(0);
    const html = (await session.agent.get(`/candidats/${candidateId}`).set('Accept', 'text/html').expect(200)).text;
    expect(html).toContain('Échec de l’envoi</span>');
    expect(html).toContain('Le fournisseur de SMS est resté injoignable malgré plusieurs essais.');
  });
});
