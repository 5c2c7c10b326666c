import { createTestApp, TestApp } from './helpers/app';
import { api, Api } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { textsTo } from './helpers/sms';
import { asJobOn, asWorker } from './helpers/scope';
import { EncounterRemindersService } from '../src/reminders/encounter-reminders.service';
import { OutboxMessage } from '../src/mail/outbox-message.entity';
import { SmsMessage } from '../src/sms/sms-message.entity';
import { SmsOutboxService } from '../src/sms/sms-outbox.service';

/** In March 2028: the other specs' encounter scans never reach these encounters, nor these scans theirs. */
describe('encounter reminders by SMS for invitees who read texts (e2e)', () => {
  let t: TestApp;
  let reminders: EncounterRemindersService;
  let texts: SmsOutboxService;
  let staff: Api;
  let structureId: string;
  let signature: string;
  let staffEmail: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2028-03-01T09:00:00Z'));
    reminders = asWorker(t.app.get(EncounterRemindersService));
    texts = asJobOn(t.app.get(SmsOutboxService), t.dataSource, 'sms_message');
    const structure = await createStructure(t.dataSource, 'ACI du Lien');
    structureId = structure.id;
    signature = structure.name;
    staffEmail = (await createUser(t.dataSource, structure, 'staff', 'Salomé')).email;
  });
  /** Each case books on 1 March: its session must not have expired on the clock moved by the last case. */
  beforeEach(async () => {
    t.clock.set(new Date('2028-03-01T09:00:00Z'));
    staff = api(await login(t.app.getHttpServer(), staffEmail));
  });
  afterAll(() => t.close());

  let n = 30;
  const mobile = () => `07 ${String(++n).padStart(2, '0')} ${String(Date.now() % 100).padStart(2, '0')} 33 44`;
  const address = (name: string) => `${name}-${++n}-${Date.now()}@example.org`;
  const textsFor = (encounterId: string) => t.dataSource.getRepository(SmsMessage).find({ where: { encounterId }, order: { createdAt: 'ASC', recipient: 'ASC' } });
  /** At `now`: the scan runs and the outbox, with the same clock, writes the texts' sending time. */
  const scanAt = (now: string) => {
    t.clock.set(new Date(now));
    return reminders.sendDue(new Date(now));
  };

  it('texts the two-hour reminder to each invitee with a mobile, once, and nothing to a number that said STOP', async () => {
    const company = (await staff.post('/api/companies', { name: 'Entrepôt Nord', address: 'Salle des fêtes', commune: 'Lille' }).expect(201)).body;
    const bothEmail = address('awa');
    const both = (await staff.post('/api/candidates', { firstName: 'Awa', lastName: 'Deux', email: bothEmail, phone: mobile() }).expect(201)).body;
    const textOnly = (await staff.post('/api/candidates', { firstName: 'Yanis', lastName: 'Texto', phone: mobile() }).expect(201)).body;
    const stopped = (await staff.post('/api/candidates', { firstName: 'Léa', lastName: 'Stop', phone: mobile() }).expect(201)).body;
    const bossEmail = address('chef');
    const boss = (await staff.post(`/api/companies/${company.id}/contacts`, { lastName: 'Chef', email: bossEmail, phone: '03 20 12 34 56' }).expect(201)).body;
    await t.dataSource.query(`INSERT INTO sms_opt_out (structure_id, phone, source) VALUES ($1, $2, 'staff')`, [structureId, stopped.phone]);
    const encounter = (
      await staff.post('/api/encounters', { kind: 'job_dating', title: 'Job dating logistique', day: '2028-03-14', startTime: '10:00', endTime: '12:00', hostCompanyId: company.id }).expect(201)
    ).body;
    await staff.post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [both.id, textOnly.id, stopped.id], contactIds: [boss.id] }).expect(201);

    // Two working days before (Friday 10 March 2028, 09:00 Paris): e-mails, and a text to whoever has no address.
    expect(await scanAt('2028-03-10T08:00:00Z')).toBe(3);
    const early = await textsFor(encounter.id);
    expect(early.map((text) => [text.recipient, text.candidateId])).toEqual([[textOnly.phone, textOnly.id]]);
    expect(early[0].content).toBe(`Rappel : Job dating logistique dans 4 jours à 10:00, Entrepot Nord, Salle des fetes, Lille. Prévenez-nous si vous ne pouvez pas venir. - ${signature}`);
    expect(await texts.deliver(early[0].id)).toBe('sent');

    // Two hours before: a text to each mobile (the e-mail only for an address without one).
    expect(await scanAt('2028-03-14T06:59:00Z')).toBe(0);
    expect(await scanAt('2028-03-14T07:00:00Z')).toBe(3);
    expect(await scanAt('2028-03-14T07:01:00Z')).toBe(0);
    const late = (await textsFor(encounter.id)).filter((text) => text.content.includes('aujourd'));
    expect(late.map((text) => text.recipient).sort()).toEqual([both.phone, textOnly.phone].sort());
    expect(late.every((text) => text.purpose === 'encounter_reminder' && text.encoding === 'GSM-7' && text.segments === 1)).toBe(true);
    for (const text of late) expect(await texts.deliver(text.id)).toBe('sent');
    const received = await textsTo(textOnly.phone);
    expect(received.map((text) => text.content)).toEqual([
      early[0].content,
      `Rappel : Job dating logistique aujourd'hui à 10:00, Entrepot Nord, Salle des fetes, Lille. Prévenez-nous si vous ne pouvez pas venir. - ${signature}`,
    ]);
    expect(await textsTo(stopped.phone)).toHaveLength(0);
    expect(await t.dataSource.getRepository(SmsMessage).count({ where: { recipient: stopped.phone } })).toBe(0);
    // Awa had the e-mail two days before and the text today; the contact with a landline, two e-mails.
    const remindersTo = (email: string) => t.dataSource.getRepository(OutboxMessage).count({ where: { recipient: email, template: 'encounter-reminder' } });
    expect(await remindersTo(bothEmail)).toBe(1);
    expect(await remindersTo(bossEmail)).toBe(2);
  });

  it('holds the two-hour reminder of a 09:00 encounter until 08:00, when texts may leave', async () => {
    const person = (await staff.post('/api/candidates', { firstName: 'Tôt', lastName: 'Matin', phone: mobile() }).expect(201)).body;
    const encounter = (await staff.post('/api/encounters', { kind: 'info_session', title: 'Réunion d’information', day: '2028-03-15', startTime: '09:00', endTime: '10:00', place: 'Agence' }).expect(201)).body;
    await staff.post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [person.id] }).expect(201);
    // 07:00 Paris (06:00 UTC): claimed now, sent at 08:00 Paris.
    expect(await scanAt('2028-03-15T06:00:00Z')).toBe(1);
    const [text] = await textsFor(encounter.id);
    expect(text.notBefore).toEqual(new Date('2028-03-15T07:00:00Z'));
    expect(await texts.deliver(text.id)).toBe('waiting');
    t.clock.set(new Date('2028-03-15T07:00:00Z'));
    expect(await texts.deliver(text.id)).toBe('sent');
  });
});
