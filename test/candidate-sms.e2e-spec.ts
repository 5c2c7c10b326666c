import { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { failNextTexts, replyFrom, reportDelivery, textsTo } from './helpers/sms';
import { asJobOn } from './helpers/scope';
import { CheckInSenderService } from '../src/checkins/check-in-sender.service';
import { CheckIn } from '../src/checkins/check-in.entity';
import { AppConfig } from '../src/config/env';
import { SmsMessage } from '../src/sms/sms-message.entity';
import { SmsOutboxService } from '../src/sms/sms-outbox.service';
import { SmsSettings } from '../src/sms/sms-settings';

describe('SMS on the candidate and placement pages: one-off texts, opt-outs, statuses (e2e)', () => {
  let t: TestApp;
  let session: LoggedIn;
  let staff: Api;
  let manager: LoggedIn;
  let stranger: Api;
  let outbox: SmsOutboxService;
  let webhookUrl: string;
  let companyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    // Wednesday 17 March 2027, 10:00 in Paris: within sending hours.
    t.clock.set(new Date('2027-03-17T09:00:00Z'));
    const structure = await createStructure(t.dataSource, 'ACI Messages');
    const karim = await createUser(t.dataSource, structure, 'staff', 'Karim');
    session = await login(t.app.getHttpServer(), karim.email);
    staff = api(session);
    manager = await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'manager', 'Sophie')).email);
    const other = await createStructure(t.dataSource, 'ACI Voisine');
    stranger = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, other, 'staff', 'Nadia')).email));
    outbox = asJobOn(t.app.get(SmsOutboxService), t.dataSource, 'sms_message');
    companyId = (await staff.post('/api/companies', { name: 'Recyclerie du Port' }).expect(201)).body.id;
    const server = await t.app.listen(0, '127.0.0.1');
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sms`;
  });
  afterAll(() => t.close());

  let n = 40;
  const mobile = () => `07 ${String(++n).padStart(2, '0')} ${String(Date.now() % 100).padStart(2, '0')} 33 44`;
  const e164 = (typed: string) => `+33${typed.replace(/\s/g, '').slice(1)}`;
  const person = async (fields: Record<string, unknown>) =>
    (await staff.post('/api/candidates', { firstName: 'Inès', lastName: 'Portable', ...fields }).expect(201)).body as { id: string };
  const page = async (path: string) => (await session.agent.get(path).set('Accept', 'text/html').expect(200)).text;
  const postForm = (path: string, fields: Record<string, string> = {}) =>
    session.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: session.csrf, ...fields });
  const secret = () => t.app.get(AppConfig).SMS_WEBHOOK_SECRET;

  it('sends a one-off text from the API, listed with its sender and status; the catcher receives it once delivered', async () => {
    const number = mobile();
    const { id } = await person({ phone: number });
    const sent = await staff.post(`/api/candidates/${id}/sms`, { text: 'Bonjour Inès, rendez-vous vendredi à 10h pour signer le contrat. Karim' }).expect(201);
    expect(sent.body).toMatchObject({ purpose: 'one_off', status: 'pending', recipient: e164(number), candidateId: id, segments: 1 });
    expect(await outbox.deliver(sent.body.id)).toBe('sent');
    const [text] = await textsTo(e164(number));
    expect(text.content).toBe('Bonjour Inès, rendez-vous vendredi à 10h pour signer le contrat. Karim');

    const listed = await staff.get(`/api/candidates/${id}/sms`).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: sent.body.id, status: 'sent', sentBy: expect.any(String) })]);
    const html = await page(`/candidats/${id}`);
    expect(html).toContain('SMS envoyés à cette personne');
    expect(html).toContain('rendez-vous vendredi à 10h');
    expect(html).toContain('envoyé par Karim');
    expect(html).toContain('Envoyé</span>');

    // Logged in the person's journal: by whom and when, not the words (they stay with the text).
    const journal = await api(manager).get(`/api/audit?entity=candidate&entityId=${id}`).expect(200);
    expect(journal.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'text', actorName: expect.stringContaining('Karim'), changes: {} })]),
    );
    const managerPage = (await manager.agent.get(`/candidats/${id}`).set('Accept', 'text/html').expect(200)).text;
    expect(managerPage).toContain('<span class="timeline-kind">SMS envoyé</span>');
  });

  it('sends from the page form, and refuses next to the field a text longer than two SMS', async () => {
    const number = mobile();
    const { id } = await person({ phone: number });
    const tooLong = await postForm(`/candidats/${id}/sms`, { text: 'Un message bien trop long. '.repeat(15) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toMatch(/<p class="field-error" id="sms-text-erreur">Le message est trop long : 306 caractères au plus/);
    const empty = await postForm(`/candidats/${id}/sms`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('id="sms-text-erreur">Écrivez le message à envoyer.');
    expect(await t.dataSource.getRepository(SmsMessage).count({ where: { candidateId: id } })).toBe(0);

    const sent = await postForm(`/candidats/${id}/sms`, { text: 'Pensez à votre attestation. Karim' }).expect(303);
    expect(sent.headers.location).toBe(`/candidats/${id}?ok=sms#sms`);
    expect(await page(sent.headers.location)).toContain('Le SMS est enregistré');
    const api = await staff.post(`/api/candidates/${id}/sms`, { text: 'x'.repeat(307) }).expect(422);
    expect(api.body.code).toBe('sms.too_long');
    expect(fieldsOf(api.body)).toEqual(['text']);
  });

  it('refuses in French a person without a mobile, a number that answered STOP, and SMS switched off', async () => {
    const landline = await person({ phone: '01 42 68 53 00' });
    const noMobile = await staff.post(`/api/candidates/${landline.id}/sms`, { text: 'Bonjour' }).expect(422);
    expect(noMobile.body.code).toBe('sms.no_mobile');
    expect(await page(`/candidats/${landline.id}`)).toContain('Pas de numéro de portable valide sur la fiche');

    // The number answered STOP to an earlier text: the page says so, and refuses the next one.
    const number = mobile();
    const { id } = await person({ phone: number });
    const first = await staff.post(`/api/candidates/${id}/sms`, { text: 'Bonjour' }).expect(201);
    expect(await outbox.deliver(first.body.id)).toBe('sent');
    expect((await replyFrom(e164(number), 'Stop', webhookUrl, secret())).status).toBe(204);
    const stopped = await staff.post(`/api/candidates/${id}/sms`, { text: 'Encore moi' }).expect(409);
    expect(stopped.body.code).toBe('sms.opted_out');
    const html = await page(`/candidats/${id}`);
    expect(html).toMatch(/Ce numéro a répondu « STOP » le 17 mars 2027/);
    expect(html).toContain('Autoriser de nouveau les SMS');
    expect(html).not.toContain('id="sms-text"');
    const refused = await postForm(`/candidats/${id}/sms`, { text: 'Encore moi' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Ce numéro ne souhaite plus recevoir de SMS de la structure');

    const settings = t.app.get(SmsSettings) as { enabled: boolean };
    settings.enabled = false;
    try {
      const off = await staff.post(`/api/candidates/${(await person({ phone: mobile() })).id}/sms`, { text: 'Bonjour' }).expect(409);
      expect(off.body.code).toBe('sms.disabled');
    } finally {
      settings.enabled = true;
    }
  });

  it('lets staff stop texts to the number at the person’s request, and allow them again', async () => {
    const number = mobile();
    const { id } = await person({ phone: number });
    const stop = await postForm(`/candidats/${id}/sms/refuser`).expect(303);
    expect(await page(stop.headers.location)).toMatch(/Plus aucun SMS n’est envoyé à ce numéro, à la demande de la personne \(noté le 17 mars 2027 par Karim/);
    const [row] = await t.dataSource.query(`SELECT source, created_by FROM sms_opt_out WHERE phone = $1`, [e164(number)]);
    expect(row).toMatchObject({ source: 'staff', created_by: expect.any(String) });
    await staff.post(`/api/candidates/${id}/sms`, { text: 'Bonjour' }).expect(409);

    await postForm(`/candidats/${id}/sms/autoriser`).expect(303);
    expect(await page(`/candidats/${id}`)).toContain('Ne plus envoyer de SMS à ce numéro');
    await staff.post(`/api/candidates/${id}/sms`, { text: 'Bonjour' }).expect(201);
  });

  it('shows a failed text with its reason in French', async () => {
    const number = mobile();
    const { id } = await person({ phone: number });
    const sent = await staff.post(`/api/candidates/${id}/sms`, { text: 'Bonjour' }).expect(201);
    await failNextTexts(1, 400, number);
    expect(await outbox.deliver(sent.body.id)).toBe('failed');
    const html = await page(`/candidats/${id}`);
    expect(html).toContain('Échec de l’envoi</span>');
    expect(html).toContain('Le fournisseur de SMS a refusé ce message');
  });

  it('answers 404 for another structure’s person, on the API and the page', async () => {
    const { id } = await person({ phone: mobile() });
    await stranger.get(`/api/candidates/${id}/sms`).expect(404);
    await stranger.post(`/api/candidates/${id}/sms`, { text: 'Bonjour' }).expect(404);
    await stranger.post(`/candidats/${id}/sms/refuser`).expect(404);
    expect(await t.dataSource.getRepository(SmsMessage).count({ where: { candidateId: id } })).toBe(0);
  });

  it('lists a check-in text on the placement page with its delivery status, and the step says « par SMS »', async () => {
    const number = mobile();
    const { id: candidateId } = await person({ phone: number, lastName: 'Suivie' });
    const created = (
      await staff.post('/api/placements', { candidateId, companyId, contractType: 'cdi', jobTitle: 'Valoriste', startDate: '2027-03-08' }).expect(201)
    ).body;
    await staff.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    const step = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ placementId: created.id, step: '3 days', party: 'employee' });
    expect(await asJobOn(t.app.get(CheckInSenderService), t.dataSource, 'check_in').send(step.id)).toEqual({ result: 'sent' });
    const [queued] = await t.dataSource.getRepository(SmsMessage).find({ where: { checkInId: step.id } });
    expect(await outbox.deliver(queued.id)).toBe('sent');
    let html = await page(`/placements/${created.id}`);
    expect(html).toMatch(/Envoyé par SMS le 17 mars 2027 à 10:00 au 07 \d\d \d\d 33 44/);
    expect(html).toContain('Point de suivi</strong> · Salarié·e ·');
    expect(html).toContain('Envoyé</span>');
    // The answer link is the person's credential: never shown to staff.
    expect(html).not.toContain('/suivi/');

    const { providerId } = await t.dataSource.getRepository(SmsMessage).findOneByOrFail({ id: queued.id });
    expect((await reportDelivery(providerId!, 'delivered', webhookUrl, secret())).status).toBe(204);
    html = await page(`/placements/${created.id}`);
    expect(html).toContain('badge-sms-delivered">Reçu</span>');
  });
});
