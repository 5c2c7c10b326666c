import { INestApplicationContext } from '@nestjs/common';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { api, Api } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';
import { EncounterRemindersService } from '../src/reminders/encounter-reminders.service';
import { User } from '../src/users/user.entity';
import { asWorker } from './helpers/scope';

describe('encounter reminders: two working days before and two hours before (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let reminders: EncounterRemindersService;
  let nadia: User;
  let staff: Api;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    reminders = asWorker(t.app.get(EncounterRemindersService));
    t.clock.set(new Date('2027-03-01T09:00:00Z'));
    nadia = await createUser(t.dataSource, await createStructure(t.dataSource, 'Régie Rappels'), 'staff', 'Nadia');
    staff = api(await login(t.app.getHttpServer(), nadia.email));
  });
  afterAll(async () => {
    // The last e-mails leave before the worker stops: closing it in the middle of an SMTP delivery
    // waited for the socket's timeout, longer than the hook's.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const [{ pending }] = await t.dataSource.query(`SELECT count(*)::int AS pending FROM mail_outbox WHERE status = 'pending'`);
      if (pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await worker.close();
    await t.close();
  });

  let seq = 0;
  const address = (name: string) => `${name}-${++seq}-${Date.now()}@example.org`;
  /** An encounter with one candidate with an address, one without, one excused, and a company contact. */
  const plan = async (title: string, day: string, startTime: string) => {
    const company = (await staff.post('/api/companies', { name: `Hôte ${title}`, address: '1 place du Marché', commune: 'Arras' }).expect(201)).body;
    const bossEmail = address('chef');
    const boss = (await staff.post(`/api/companies/${company.id}/contacts`, { lastName: 'Chef', email: bossEmail }).expect(201)).body;
    const inesEmail = address('ines');
    const ines = (await staff.post('/api/candidates', { firstName: 'Inès', lastName: 'Rappel', email: inesEmail }).expect(201)).body;
    const noMail = (await staff.post('/api/candidates', { firstName: 'Sans', lastName: 'Adresse' }).expect(201)).body;
    const excusedEmail = address('excuse');
    const excused = (await staff.post('/api/candidates', { firstName: 'Ex', lastName: 'Cusé', email: excusedEmail }).expect(201)).body;
    const encounter = (
      await staff.post('/api/encounters', { kind: 'job_dating', title, day, startTime, endTime: '12:00', hostCompanyId: company.id }).expect(201)
    ).body;
    const withPeople = (
      await staff.post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [ines.id, noMail.id, excused.id], contactIds: [boss.id] }).expect(201)
    ).body;
    const excusedRow = withPeople.participants.find((p: { personId: string }) => p.personId === excused.id);
    await staff.put(`/api/encounters/${encounter.id}/attendance`, { entries: [{ participantId: excusedRow.id, status: 'excused' }] }).expect(200);
    return { encounter: withPeople, inesEmail, bossEmail, excusedEmail };
  };
  const remindersIn = async (email: string) => (await inboxOf(email)).filter((mail) => mail.subject?.startsWith('Rappel'));

  it('reminds at 09:00 two working days before, then two hours before, once each, and never the excused', async () => {
    // Tuesday 16 March 2027, 10:00 Paris (09:00 UTC): two working days before is Friday 12 March.
    const { inesEmail, bossEmail, excusedEmail } = await plan('Job dating printemps', '2027-03-16', '10:00');
    expect(await reminders.sendDue(new Date('2027-03-12T07:59:00Z'))).toBe(0);
    expect(await reminders.sendDue(new Date('2027-03-12T08:00:00Z'))).toBe(2);
    expect(await reminders.sendDue(new Date('2027-03-12T08:01:00Z'))).toBe(0);
    await waitForMail(inesEmail, 2);
    const [early] = await remindersIn(inesEmail);
    expect(early.subject).toBe('Rappel : Job dating printemps, dans 4 jours à 10:00');
    expect(early.text).toContain('Hôte Job dating printemps, 1 place du Marché, Arras');
    // Two hours before: 08:00 Paris, 07:00 UTC.
    expect(await reminders.sendDue(new Date('2027-03-16T06:59:00Z'))).toBe(0);
    expect(await reminders.sendDue(new Date('2027-03-16T07:00:00Z'))).toBe(2);
    await waitForMail(bossEmail, 3);
    expect((await remindersIn(inesEmail)).map((mail) => mail.subject)).toEqual([
      'Rappel : Job dating printemps, dans 4 jours à 10:00',
      'Rappel : Job dating printemps, aujourd’hui à 10:00',
    ]);
    expect(await remindersIn(bossEmail)).toHaveLength(2);
    expect(await remindersIn(excusedEmail)).toHaveLength(0);
  });

  it('skips the holidays: for Tuesday 18 May 2027, Whit Monday off, the early reminder leaves on Thursday 13 May', async () => {
    const { inesEmail } = await plan('Forum de mai', '2027-05-18', '09:30');
    // Friday 14 May is a working day, but two working days before Tuesday are Friday 14 and Thursday 13.
    expect(await reminders.sendDue(new Date('2027-05-13T06:59:00Z'))).toBe(0);
    expect(await reminders.sendDue(new Date('2027-05-13T07:00:00Z'))).toBe(2);
    await waitForMail(inesEmail, 2);
    expect((await remindersIn(inesEmail)).map((mail) => mail.subject)).toEqual(['Rappel : Forum de mai, dans 5 jours à 09:30']);
  });

  it('follows the clock change: 09:30 on Monday 29 March 2027 is 07:30 UTC, reminded at 05:30 UTC', async () => {
    await plan('Lendemain du changement', '2027-03-29', '09:30');
    // Early: Thursday 25 March at 09:00 Paris, still winter time: 08:00 UTC.
    expect(await reminders.sendDue(new Date('2027-03-25T07:59:00Z'))).toBe(0);
    expect(await reminders.sendDue(new Date('2027-03-25T08:00:00Z'))).toBe(2);
    expect(await reminders.sendDue(new Date('2027-03-29T05:29:00Z'))).toBe(0);
    expect(await reminders.sendDue(new Date('2027-03-29T05:30:00Z'))).toBe(2);
  });

  it('reminds a moved encounter again, and sends no late copy of a reminder whose time passed before the booking', async () => {
    t.clock.set(new Date('2027-04-06T12:00:00Z'));
    staff = api(await login(t.app.getHttpServer(), nadia.email));
    // Booked on Tuesday 6 April for Thursday 8 April: its early reminder (Tuesday 09:00) had passed.
    const { encounter, inesEmail } = await plan('Réservé tard', '2027-04-08', '10:00');
    expect(await reminders.sendDue(new Date('2027-04-06T12:05:00Z'))).toBe(0);
    expect(await reminders.sendDue(new Date('2027-04-08T06:00:00Z'))).toBe(2);
    await waitForMail(inesEmail, 2);
    // Moved to the afternoon: the two-hour reminder is due again for the new time.
    await staff.patch(`/api/encounters/${encounter.id}`, { version: encounter.version, startTime: '14:00', endTime: '16:00' }).expect(200);
    expect(await reminders.sendDue(new Date('2027-04-08T09:59:00Z'))).toBe(0);
    expect(await reminders.sendDue(new Date('2027-04-08T10:00:00Z'))).toBe(2);
    // Cancelled: nothing more.
    const cancelledId = (await plan('Annulé', '2027-04-20', '10:00')).encounter;
    await staff.post(`/api/encounters/${cancelledId.id}/cancel`, { version: cancelledId.version }).expect(201);
    expect(await reminders.sendDue(new Date('2027-04-20T08:00:00Z'))).toBe(0);
    t.clock.set(new Date('2027-03-01T09:00:00Z'));
  });
});
