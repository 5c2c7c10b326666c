import { INestApplicationContext } from '@nestjs/common';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { api } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';
import { MeetingRemindersService } from '../src/reminders/meeting-reminders.service';
import { User } from '../src/users/user.entity';
import { asWorker } from './helpers/scope';

describe('reminder an hour before a planned meeting (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let reminders: MeetingRemindersService;
  let karim: User;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    reminders = asWorker(t.app.get(MeetingRemindersService));
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    karim = await createUser(t.dataSource, await createStructure(t.dataSource), 'staff', 'Karim');
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const plan = async (name: string, dueOn: string, time: string) => {
    const staff = api(await login(t.app.getHttpServer(), karim.email));
    const company = (await staff.post('/api/companies', { name, ownerId: karim.id }).expect(201)).body;
    const planned = await staff
      .put(`/api/companies/${company.id}/next-action`, { type: 'meeting', dueOn, time, note: 'Visite de l’atelier' })
      .expect(200);
    expect(planned.body.nextAction).toMatchObject({ type: 'meeting', dueOn, time });
    return { staff, company };
  };
  const remindersTo = async () =>
    (await inboxOf(karim.email)).filter((mail) => mail.subject?.startsWith('Rendez-vous à'));

  it('reminds the person in charge once, an hour before, in Paris time, and again if the meeting moves', async () => {
    const { staff, company } = await plan('Garage du Rappel', '2026-11-25', '14:30');
    // 14:30 in Paris in November is 13:30 UTC: the reminder is due from 12:30 UTC.
    expect(await reminders.sendDue(new Date('2026-11-25T12:29:00Z'))).toBe(0);
    expect(await reminders.sendDue(new Date('2026-11-25T12:30:00Z'))).toBe(1);
    expect(await reminders.sendDue(new Date('2026-11-25T12:45:00Z'))).toBe(0);
    const [mail] = await waitForMail(karim.email);
    expect(mail.subject).toBe('Rendez-vous à 14:30 : Garage du Rappel');
    expect(mail.text).toContain(`/entreprises/${company.id}`);

    await staff.put(`/api/companies/${company.id}/next-action`, { type: 'meeting', dueOn: '2026-11-25', time: '16:00' }).expect(200);
    expect(await reminders.sendDue(new Date('2026-11-25T14:00:00Z'))).toBe(1);
    await waitForMail(karim.email, 2);
    expect((await remindersTo()).map((m) => m.subject)).toEqual([
      'Rendez-vous à 14:30 : Garage du Rappel',
      'Rendez-vous à 16:00 : Garage du Rappel',
    ]);
  });

  it('follows summer time: 10:00 in Paris on 29 March 2027 is 08:00 UTC, reminded from 07:00 UTC', async () => {
    await plan('Printemps SARL', '2027-03-29', '10:00');
    expect(await reminders.sendDue(new Date('2027-03-29T06:59:00Z'))).toBe(0);
    expect(await reminders.sendDue(new Date('2027-03-29T07:00:00Z'))).toBe(1);
  });

  it('sends nothing to someone who turned meeting reminders off, nor for a call or a past meeting', async () => {
    await t.dataSource.query(`UPDATE app_user SET meeting_reminders_enabled = false WHERE id = $1`, [karim.id]);
    await plan('Sans Rappel', '2026-12-02', '09:00');
    expect(await reminders.sendDue(new Date('2026-12-02T07:30:00Z'))).toBe(0);
    await t.dataSource.query(`UPDATE app_user SET meeting_reminders_enabled = true WHERE id = $1`, [karim.id]);
    expect(await reminders.sendDue(new Date('2026-12-02T08:30:00Z'))).toBe(0);
    const staff = api(await login(t.app.getHttpServer(), karim.email));
    const company = (await staff.post('/api/companies', { name: 'Appel Seul', ownerId: karim.id }).expect(201)).body;
    await staff.put(`/api/companies/${company.id}/next-action`, { type: 'call', dueOn: '2026-12-03', time: '11:00' }).expect(200);
    expect(await reminders.sendDue(new Date('2026-12-03T09:30:00Z'))).toBe(0);
    const bad = await staff.put(`/api/companies/${company.id}/next-action`, { type: 'meeting', dueOn: '2026-12-03', time: '25:00' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['time']);
  });
});
