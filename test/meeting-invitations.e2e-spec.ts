import { INestApplicationContext } from '@nestjs/common';
import { ParsedMail } from 'mailparser';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { waitForMail } from './helpers/mail';
import { MailerService } from '../src/mail/mailer.service';
import { User } from '../src/users/user.entity';

// An independent reader of the calendar parts (tests only); its CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

/** A calendar file as ical.js reads it: method, and the event's UID, SEQUENCE, instants, organiser and attendee. */
function readIcs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevent = calendar.getFirstSubcomponent('vevent');
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue('method') as string,
    uid: event.uid as string,
    sequence: event.sequence as number,
    start: (event.startDate.toJSDate() as Date).toISOString(),
    end: (event.endDate.toJSDate() as Date).toISOString(),
    tzid: vevent.getFirstProperty('dtstart').getParameter('tzid') as string | undefined,
    location: event.location as string | null,
    organizer: String(vevent.getFirstPropertyValue('organizer')),
    attendees: vevent.getAllProperties('attendee').map((property: { getFirstValue(): string }) => String(property.getFirstValue())),
  };
}

interface OutboxRow {
  recipient: string;
  template: string;
  context: Record<string, unknown> & { calendar: { method: string; ics: string } };
}

describe('calendar invitations for meetings booked with a company contact (e2e)', () => {
  let t: TestApp;
  let claire: User;
  let staff: Api;
  let other: Api;
  let manager: Api;
  let mailer: MailerService;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-12-10T09:00:00Z'));
    mailer = t.app.get(MailerService);
    const structure = await createStructure(t.dataSource, 'Jardins de Cocagne');
    claire = await createUser(t.dataSource, structure, 'staff', 'Claire');
    staff = api(await login(t.app.getHttpServer(), claire.email));
    manager = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'manager', 'Mona')).email));
    const stranger = await createUser(t.dataSource, await createStructure(t.dataSource, 'Autre ACI'), 'admin', 'Ailleurs');
    other = api(await login(t.app.getHttpServer(), stranger.email));
  });
  afterAll(async () => {
    await t.close();
  });

  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${++seq}-${Date.now()}@example.org`;
  const company = async (name: string) =>
    (await staff.post('/api/companies', { name, ownerId: claire.id, address: '8 avenue de la Gare', postcode: '59100', commune: 'Roubaix' }).expect(201)).body;
  const contact = async (companyId: string, lastName: string, email: string | null) =>
    (await staff.post(`/api/companies/${companyId}/contacts`, { firstName: 'Marc', lastName, email }).expect(201)).body;
  const current = async (companyId: string) => (await staff.get(`/api/companies/${companyId}`).expect(200)).body;
  const plan = async (companyId: string, body: object) =>
    (await staff.put(`/api/companies/${companyId}/next-action`, { version: (await current(companyId)).version, ...body }).expect(200)).body;
  const sentTo = async (recipient: string): Promise<OutboxRow[]> =>
    t.dataSource.query(`SELECT recipient, template, context FROM mail_outbox WHERE recipient = $1 ORDER BY created_at`, [recipient]);
  const subjectOf = (row: OutboxRow) => mailer.render(row.template, row.context).subject;

  it('invites the contact with a REQUEST in Paris summer time, moves it with the same UID, cancels it when the meeting becomes a call', async () => {
    const garage = await company('Garage Central');
    const email = unique('durand');
    const boss = await contact(garage.id, 'Durand', email);

    const planned = await plan(garage.id, { type: 'meeting', dueOn: '2027-07-08', time: '14:30', contactId: boss.id });
    expect(planned.nextAction).toMatchObject({ type: 'meeting', time: '14:30', contact: { id: boss.id, name: 'Marc Durand' }, invitation: 'sent' });
    const [invited] = await sentTo(email);
    expect(invited.template).toBe('meeting-invitation');
    expect(subjectOf(invited)).toBe('Rendez-vous : Garage Central, le 8 juillet 2027 à 14:30');
    expect(invited.context.calendar.method).toBe('REQUEST');
    const request = readIcs(invited.context.calendar.ics);
    // 14:30 in Paris in July is 12:30 UTC; the invitation lasts an hour.
    expect(request).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      start: '2027-07-08T12:30:00.000Z',
      end: '2027-07-08T13:30:00.000Z',
      tzid: 'Europe/Paris',
      location: 'Garage Central, 8 avenue de la Gare, 59100 Roubaix',
    });
    expect(request.uid).toMatch(/^meeting-[0-9a-f-]{36}@/);
    expect(request.organizer.toLowerCase()).toBe(`mailto:${claire.email.toLowerCase()}`);
    expect(request.attendees.map((address: string) => address.toLowerCase())).toEqual([`mailto:${email}`]);

    // Only the note changes: nothing is sent again.
    await plan(garage.id, { type: 'meeting', dueOn: '2027-07-08', time: '14:30', note: 'Apporter la plaquette' });
    expect(await sentTo(email)).toHaveLength(1);

    const moved = await plan(garage.id, { type: 'meeting', dueOn: '2027-07-09', time: '09:00' });
    expect(moved.nextAction).toMatchObject({ contact: { id: boss.id }, invitation: 'sent' });
    const [, move] = await sentTo(email);
    expect(subjectOf(move)).toBe('Rendez-vous déplacé : Garage Central, le 9 juillet 2027 à 09:00');
    expect(readIcs(move.context.calendar.ics)).toMatchObject({ method: 'REQUEST', uid: request.uid, sequence: 1, start: '2027-07-09T07:00:00.000Z' });

    const called = await plan(garage.id, { type: 'call', dueOn: '2027-07-12' });
    expect(called.nextAction).toMatchObject({ type: 'call', contact: null, invitation: null });
    const [, , cancel] = await sentTo(email);
    expect(cancel.context.calendar.method).toBe('CANCEL');
    expect(subjectOf(cancel)).toBe('Rendez-vous annulé : Garage Central, le 9 juillet 2027 à 09:00');
    expect(readIcs(cancel.context.calendar.ics)).toMatchObject({ method: 'CANCEL', uid: request.uid, sequence: 2, start: '2027-07-09T07:00:00.000Z' });
  });

  it('a call that booked a meeting in winter invites the call’s contact at Paris winter time', async () => {
    const bakery = await company('Boulangerie Martin');
    const email = unique('martin');
    const baker = await contact(bakery.id, 'Martin', email);
    const logged = await staff
      .post(`/api/companies/${bakery.id}/activities`, {
        type: 'call',
        outcome: 'meeting_booked',
        contactId: baker.id,
        nextAction: { type: 'meeting', dueOn: '2027-01-14', time: '09:00' },
      })
      .expect(201);
    expect(logged.body).toBeDefined();
    expect((await current(bakery.id)).nextAction).toMatchObject({ type: 'meeting', contact: { id: baker.id }, invitation: 'sent' });
    const [invited] = await sentTo(email);
    expect(subjectOf(invited)).toBe('Rendez-vous : Boulangerie Martin, le 14 janvier 2027 à 09:00');
    // 09:00 in Paris in January is 08:00 UTC.
    expect(readIcs(invited.context.calendar.ics)).toMatchObject({ method: 'REQUEST', sequence: 0, start: '2027-01-14T08:00:00.000Z', end: '2027-01-14T09:00:00.000Z' });
  });

  it('another contact for the meeting: the first is sent the cancellation, the second a new invitation', async () => {
    const firm = await company('Menuiserie Bois');
    const firstEmail = unique('premier');
    const secondEmail = unique('second');
    const first = await contact(firm.id, 'Premier', firstEmail);
    const second = await contact(firm.id, 'Second', secondEmail);
    await plan(firm.id, { type: 'meeting', dueOn: '2027-02-03', time: '10:00', contactId: first.id });
    await plan(firm.id, { type: 'meeting', dueOn: '2027-02-03', time: '10:00', contactId: second.id });
    const [request, cancel] = await sentTo(firstEmail);
    expect(readIcs(cancel.context.calendar.ics)).toMatchObject({ method: 'CANCEL', sequence: 1, uid: readIcs(request.context.calendar.ics).uid });
    const [invited] = await sentTo(secondEmail);
    const fresh = readIcs(invited.context.calendar.ics);
    expect(fresh).toMatchObject({ method: 'REQUEST', sequence: 0, start: '2027-02-03T09:00:00.000Z' });
    expect(fresh.uid).not.toBe(readIcs(request.context.calendar.ics).uid);
  });

  it('sends nothing to a contact who opted out or has no address, and the next action says so', async () => {
    const firm = await company('Pressing Net');
    const email = unique('refus');
    const refuser = await contact(firm.id, 'Refus', email);
    await staff.patch(`/api/contacts/${refuser.id}`, { emailOptOut: true }).expect(200);
    const planned = await plan(firm.id, { type: 'meeting', dueOn: '2027-03-10', time: '11:00', contactId: refuser.id });
    expect(planned.nextAction).toMatchObject({ contact: { id: refuser.id }, invitation: 'opted_out' });
    expect(await sentTo(email)).toEqual([]);

    const silent = await contact(firm.id, 'Sansmail', null);
    const again = await plan(firm.id, { type: 'meeting', dueOn: '2027-03-10', time: '11:00', contactId: silent.id });
    expect(again.nextAction).toMatchObject({ contact: { id: silent.id }, invitation: 'no_email' });
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM meeting_invitation WHERE company_id = $1`, [firm.id]);
    expect(count).toBe(0);
  });

  it('refuses a contact of another company naming the field, and changes nothing', async () => {
    const firm = await company('Imprimerie Lettre');
    const elsewhere = await company('Ailleurs SARL');
    const stranger = await contact(elsewhere.id, 'Autre', unique('autre'));
    const before = await current(firm.id);
    const refused = await staff
      .put(`/api/companies/${firm.id}/next-action`, { type: 'meeting', dueOn: '2027-03-11', time: '10:00', contactId: stranger.id, version: before.version })
      .expect(400);
    expect(fieldsOf(refused.body)).toEqual(['contactId']);
    expect(refused.body.details[0]).toMatchObject({ field: 'contactId', code: 'company.next_contact_invalid' });
    const nested = await staff
      .post(`/api/companies/${firm.id}/activities`, { type: 'call', outcome: 'meeting_booked', nextAction: { type: 'meeting', dueOn: '2027-03-11', time: '10:00', contactId: stranger.id } })
      .expect(400);
    expect(fieldsOf(nested.body)).toEqual(['nextAction.contactId']);
    const after = await current(firm.id);
    expect(after.version).toBe(before.version);
    expect(after.nextAction).toEqual(before.nextAction);
    expect((await staff.get(`/api/companies/${firm.id}/timeline?type=call`).expect(200)).body.items).toEqual([]);
  });

  it('erasing the contact takes them off the meeting and forgets the invitation and its address', async () => {
    const firm = await company('Fromagerie Brie');
    const email = unique('brie');
    const boss = await contact(firm.id, 'Brie', email);
    await plan(firm.id, { type: 'meeting', dueOn: '2027-03-15', time: '15:00', contactId: boss.id });
    await manager.post(`/api/privacy/contacts/${boss.id}/erase`, { reason: 'Demande' }).expect(200);
    expect((await current(firm.id)).nextAction).toMatchObject({ type: 'meeting', time: '15:00', contact: null, invitation: null });
    const rows = await t.dataSource.query(`SELECT recipient FROM meeting_invitation WHERE company_id = $1`, [firm.id]);
    expect(rows).toEqual([]);
  });

  it('another structure’s company answers 404', async () => {
    const firm = await company('Chez Nous');
    const boss = await contact(firm.id, 'Nous', unique('nous'));
    await other.put(`/api/companies/${firm.id}/next-action`, { type: 'meeting', dueOn: '2027-03-12', time: '10:00', contactId: boss.id }).expect(404);
    expect((await current(firm.id)).nextAction).toMatchObject({ type: 'call' });
  });

  describe('through the SMTP catcher', () => {
    let worker: INestApplicationContext;
    beforeAll(async () => {
      worker = await createTestWorker();
    });
    afterAll(async () => {
      await worker.close();
    });

    it('the invitation reaches the contact with its calendar part', async () => {
      const firm = await company('Atelier Reçu');
      const email = unique('recu');
      const boss = await contact(firm.id, 'Reçu', email);
      await plan(firm.id, { type: 'meeting', dueOn: '2027-07-08', time: '14:30', contactId: boss.id });
      const [mail] = await waitForMail(email);
      expect(mail.subject).toBe('Rendez-vous : Atelier Reçu, le 8 juillet 2027 à 14:30');
      const part = (mail as ParsedMail).attachments.find((attachment) => attachment.contentType.startsWith('text/calendar') || attachment.filename?.endsWith('.ics'));
      expect(part).toBeDefined();
      expect(readIcs(part!.content.toString('utf8'))).toMatchObject({ method: 'REQUEST', sequence: 0, start: '2027-07-08T12:30:00.000Z' });
    });
  });
});
