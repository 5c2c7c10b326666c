import { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp, TestApp } from './helpers/app';
import { api, Api } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { inboxOf } from './helpers/mail';
import { replyFrom, textsTo } from './helpers/sms';
import { asJobOn } from './helpers/scope';
import { CheckInSenderService } from '../src/checkins/check-in-sender.service';
import { CheckIn } from '../src/checkins/check-in.entity';
import { AppConfig } from '../src/config/env';
import { SmsMessage } from '../src/sms/sms-message.entity';
import { SmsOutboxService } from '../src/sms/sms-outbox.service';
import { StaffAlert } from '../src/alerts/staff-alert.entity';

describe('check-ins by SMS for people who read texts, not e-mails (e2e)', () => {
  let t: TestApp;
  let staff: Api;
  let sender: CheckInSenderService;
  let texts: SmsOutboxService;
  let webhookUrl: string;
  let companyId: string;
  let manager: Api;

  beforeAll(async () => {
    t = await createTestApp();
    // Wednesday 17 March 2027, 10:00 in Paris: within sending hours.
    t.clock.set(new Date('2027-03-17T09:00:00Z'));
    const structure = await createStructure(t.dataSource, 'ACI Textos');
    const karim = await createUser(t.dataSource, structure, 'staff', 'Karim');
    staff = api(await login(t.app.getHttpServer(), karim.email));
    manager = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'manager', 'Mona')).email));
    sender = asJobOn(t.app.get(CheckInSenderService), t.dataSource, 'check_in');
    texts = asJobOn(t.app.get(SmsOutboxService), t.dataSource, 'sms_message');
    companyId = (await staff.post('/api/companies', { name: 'Maraîchage du Val' }).expect(201)).body.id;
    const server = await t.app.listen(0, '127.0.0.1');
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sms`;
  });
  afterAll(() => t.close());

  let n = 20;
  const mobile = () => `06 ${String(++n).padStart(2, '0')} ${String(Date.now() % 100).padStart(2, '0')} 11 22`;
  const e164 = (typed: string) => `+33${typed.replace(/\s/g, '').slice(1)}`;
  /** A started placement whose 3-day step is due (started 9 days ago). */
  const started = async (candidate: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const person = (await staff.post('/api/candidates', { firstName: 'Awa', lastName: 'Texto', ...candidate }).expect(201)).body;
    const created = (
      await staff.post('/api/placements', { candidateId: person.id, companyId, contractType: 'cdi', jobTitle: 'Maraîcher·e', startDate: '2027-03-08', ...extra }).expect(201)
    ).body;
    await staff.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    const rows = await t.dataSource.getRepository(CheckIn).find({ where: { placementId: created.id, step: '3 days' } });
    return { person, placementId: created.id, employee: rows.find((row) => row.party === 'employee')!, employer: rows.find((row) => row.party === 'employer')! };
  };

  it('texts the answer link to a person without e-mail, once; the link opens the answer form', async () => {
    const number = mobile();
    const { employee, placementId } = await started({ phone: number });
    expect(await sender.send(employee.id)).toEqual({ result: 'sent' });
    expect(await sender.send(employee.id)).toEqual({ result: 'skipped' });
    const row = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: employee.id });
    expect(row).toMatchObject({ status: 'sent', channel: 'sms', recipient: e164(number) });
    const [queued] = await t.dataSource.getRepository(SmsMessage).find({ where: { checkInId: employee.id } });
    expect(queued).toMatchObject({ purpose: 'check_in', placementId, recipient: e164(number), status: 'pending' });
    expect(await texts.deliver(queued.id)).toBe('sent');
    const [text] = await textsTo(e164(number));
    // « î » is not GSM-7: the text says « Maraichage » and stays in the cheaper encoding.
    expect(text.content).toMatch(/^Bonjour Awa, comment se passe votre poste chez Maraichage du Val \? Répondez en 1 minute : http\S+\/suivi\/\S+ - ACI Textos/);
    expect(text.content.length).toBeLessThanOrEqual(306);
    const link = new URL(/(http\S+\/suivi\/\S+)/.exec(text.content)![1]);
    const form = await request(t.app.getHttpServer()).get(link.pathname).set('Accept', 'text/html').expect(200);
    expect(form.text).toContain('Comment se passe votre emploi');
    // Answered from the phone, through the texted link: recorded like an e-mailed one.
    await request(t.app.getHttpServer())
      .post(link.pathname)
      .type('form')
      .set('Accept', 'text/html')
      .send(new URLSearchParams({ rating: '4', goingWell: 'Bonne équipe' }).toString())
      .expect(303);
    expect(await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: employee.id })).toMatchObject({ status: 'answered', rating: 4, goingWell: 'Bonne équipe' });
  });

  it('falls back to a call task once the number answered STOP, and e-mails whoever has an address', async () => {
    const number = mobile();
    const first = await started({ phone: number });
    expect(await sender.send(first.employee.id)).toEqual({ result: 'sent' });
    const [queued] = await t.dataSource.getRepository(SmsMessage).find({ where: { checkInId: first.employee.id } });
    expect(await texts.deliver(queued.id)).toBe('sent');
    expect((await replyFrom(e164(number), 'STOP', webhookUrl, t.app.get(AppConfig).SMS_WEBHOOK_SECRET)).status).toBe(204);

    const second = await started({ phone: number, lastName: 'Stoppée' });
    expect(await sender.send(second.employee.id)).toEqual({ result: 'call_task' });
    expect(await t.dataSource.getRepository(StaffAlert).count({ where: { checkInId: second.employee.id, kind: 'call_task' } })).toBe(1);
    expect(await textsTo(e164(number))).toHaveLength(1);

    // A person with an e-mail address and a mobile gets the e-mail, as before.
    const email = `awa-${Date.now()}@exemple.fr`;
    const withMail = await started({ phone: mobile(), email });
    expect(await sender.send(withMail.employee.id)).toEqual({ result: 'sent' });
    expect(await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: withMail.employee.id })).toMatchObject({ channel: 'email', recipient: email });
    expect(await t.dataSource.getRepository(SmsMessage).count({ where: { checkInId: withMail.employee.id } })).toBe(0);
    expect((await inboxOf(email)).length).toBeGreaterThanOrEqual(0);
  });

  it('texts an employer contact who prefers texts, even with an e-mail address', async () => {
    const number = mobile();
    const contact = (
      await staff.post(`/api/companies/${companyId}/contacts`, { firstName: 'Luc', lastName: 'Patron', email: `luc-${Date.now()}@exemple.fr`, phone: number, preferredChannel: 'sms' }).expect(201)
    ).body;
    const { employer } = await started({ email: `salariee-${Date.now()}@exemple.fr` }, { employerContactId: contact.id });
    expect(await sender.send(employer.id)).toEqual({ result: 'sent' });
    const [queued] = await t.dataSource.getRepository(SmsMessage).find({ where: { checkInId: employer.id } });
    expect(queued).toMatchObject({ contactId: contact.id, recipient: e164(number) });
    expect(queued.content).toMatch(/^Bonjour Luc, comment se passe le poste de Awa \?/);
  });

  it('keeps nothing of the texts sent to a person once they are erased', async () => {
    const number = mobile();
    const { person, employee } = await started({ phone: number, lastName: 'Effacée' });
    expect(await sender.send(employee.id)).toEqual({ result: 'sent' });
    await manager.post(`/api/privacy/candidates/${person.id}/erase`, { reason: 'Demande de la personne' }).expect(200);
    const [row] = await t.dataSource.getRepository(SmsMessage).find({ where: { checkInId: employee.id } });
    expect(row).toMatchObject({ recipient: '', status: 'suppressed' });
    expect(row.content).not.toContain('Awa');
    expect(row.content).not.toContain('/suivi/');
  });
});
