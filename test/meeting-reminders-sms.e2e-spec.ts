import { createTestApp, TestApp } from './helpers/app';
import { api, Api } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { asWorker } from './helpers/scope';
import { MeetingRemindersService } from '../src/reminders/meeting-reminders.service';
import { SmsMessage } from '../src/sms/sms-message.entity';

/** In March 2028: the other specs' meeting scans never reach these meetings, nor these scans theirs. */
describe('a text two hours before a meeting, to a company contact who prefers texts (e2e)', () => {
  let t: TestApp;
  let reminders: MeetingRemindersService;
  let staff: Api;
  let staffEmail: string;
  let structureId: string;
  let signature: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2028-03-01T09:00:00Z'));
    reminders = asWorker(t.app.get(MeetingRemindersService));
    const structure = await createStructure(t.dataSource, 'ACI Rendez-vous');
    structureId = structure.id;
    signature = structure.name;
    staffEmail = (await createUser(t.dataSource, structure, 'staff', 'Inès')).email;
    staff = api(await login(t.app.getHttpServer(), staffEmail));
  });
  afterAll(() => t.close());

  let n = 50;
  const mobile = () => `07 ${String(++n).padStart(2, '0')} ${String(Date.now() % 100).padStart(2, '0')} 55 66`;
  const textsTo = (contactId: string) => t.dataSource.getRepository(SmsMessage).find({ where: { contactId, structureId } });
  /** A company with a meeting booked with a new contact: the contact and the company. */
  const meetingWith = async (companyName: string, contact: Record<string, unknown>, dueOn: string, time: string) => {
    const company = (await staff.post('/api/companies', { name: companyName }).expect(201)).body;
    const person = (await staff.post(`/api/companies/${company.id}/contacts`, { lastName: 'Patron', ...contact }).expect(201)).body;
    await staff.put(`/api/companies/${company.id}/next-action`, { type: 'meeting', dueOn, time, contactId: person.id }).expect(200);
    return { contact: person, companyId: company.id as string };
  };

  it('texts the contact once, two hours before, and again when the meeting moves', async () => {
    const { contact: luc, companyId } = await meetingWith('Entrepôt Nord', { firstName: 'Luc', phone: mobile(), preferredChannel: 'sms' }, '2028-03-14', '14:30');
    // 14:30 Paris in March (winter time) is 13:30 UTC: the text is due from 11:30 UTC.
    await reminders.sendDue(new Date('2028-03-14T11:29:00Z'));
    expect(await textsTo(luc.id)).toHaveLength(0);
    t.clock.set(new Date('2028-03-14T11:30:00Z'));
    expect(await reminders.sendDue(new Date('2028-03-14T11:30:00Z'))).toBe(1);
    await reminders.sendDue(new Date('2028-03-14T11:45:00Z'));
    const [text] = await textsTo(luc.id);
    expect(text).toMatchObject({
      recipient: luc.phone,
      purpose: 'meeting_reminder',
      content: `Rappel : rendez-vous avec ${signature} aujourd'hui à 14:30 (Entrepot Nord). Prévenez-nous si vous ne pouvez pas venir.`,
      notBefore: new Date('2028-03-14T11:30:00Z'),
    });
    expect(await textsTo(luc.id)).toHaveLength(1);

    // Moved to 17:00: a text for the new time, from 15:00 Paris.
    staff = api(await login(t.app.getHttpServer(), staffEmail));
    await staff.put(`/api/companies/${companyId}/next-action`, { type: 'meeting', dueOn: '2028-03-14', time: '17:00', contactId: luc.id }).expect(200);
    t.clock.set(new Date('2028-03-14T14:00:00Z'));
    await reminders.sendDue(new Date('2028-03-14T14:00:00Z'));
    expect((await textsTo(luc.id)).map((sent) => /à (\d\d:\d\d)/.exec(sent.content)?.[1]).sort()).toEqual(['14:30', '17:00']);
  });

  it('texts nobody who prefers e-mail, has a landline, or said STOP', async () => {
    t.clock.set(new Date('2028-03-01T09:00:00Z'));
    staff = api(await login(t.app.getHttpServer(), staffEmail));
    const { contact: byMail } = await meetingWith('Préfère Mail', { email: `mail-${Date.now()}@example.org`, phone: mobile(), preferredChannel: 'email' }, '2028-03-15', '10:00');
    const { contact: landline } = await meetingWith('Fixe', { phone: '03 20 12 34 56', preferredChannel: 'sms' }, '2028-03-15', '10:00');
    const stoppedPhone = mobile();
    const { contact: stopped } = await meetingWith('Stop', { phone: stoppedPhone, preferredChannel: 'sms' }, '2028-03-15', '10:00');
    await t.dataSource.query(`INSERT INTO sms_opt_out (structure_id, phone, source) SELECT $1, phone, 'staff' FROM contact WHERE id = $2`, [structureId, stopped.id]);
    t.clock.set(new Date('2028-03-15T07:00:00Z'));
    await reminders.sendDue(new Date('2028-03-15T07:00:00Z'));
    for (const contact of [byMail, landline, stopped]) expect(await textsTo(contact.id)).toHaveLength(0);
  });
});
