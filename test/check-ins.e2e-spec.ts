import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { CheckInPlannerService } from '../src/checkins/check-in-planner.service';
import { frenchLongDate } from '../src/common/french';
import { CheckInSenderService } from '../src/checkins/check-in-sender.service';
import { planCheckIns } from '../src/checkins/check-in-plan';
import { verifyCheckInToken } from '../src/checkins/check-in-token';
import { CheckIn } from '../src/checkins/check-in.entity';
import { StaffAlert } from '../src/alerts/staff-alert.entity';
import { CheckInProcessor } from '../src/checkins/check-in.processor';
import { JOBS, QUEUES, checkInJobId } from '../src/jobs/queues';
import { MailerService } from '../src/mail/mailer.service';
import { OutboxService } from '../src/mail/outbox.service';
import { addCalendarDays, addMonths, calendarDayIn } from '../src/common/calendar/working-days';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { api, Api } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';
import { asJobOn, asWorker } from './helpers/scope';

const STEPS = 6; // the default plan: 3 days, 10 days, 1, 2, 3 and 6 months
const DAY_MS = 24 * 60 * 60 * 1000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('check-ins: plan, sending once, reconciliation (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let queue: Queue;
  let structure: Structure;
  let owner: User;
  let managers: User[];
  let a: Api;
  let companyId: string;
  let companyName: string;
  let today: string;

  async function candidate(email: string | null, lastName = `Suivie ${randomUUID().slice(0, 4)}`): Promise<string> {
    const body: Record<string, unknown> = { firstName: 'Samira', lastName };
    if (email) body.email = email;
    return (await a.post('/api/candidates', body).expect(201)).body.id;
  }

  /** The employer side goes to the lead's contact when the placement names none. */
  async function leadWithContact(email: string | null, optedOut = false): Promise<string> {
    const [contact] = await t.dataSource.query(
      `INSERT INTO contact (structure_id, company_id, first_name, last_name, email, phone, email_opt_out)
       VALUES ($1, $2, 'Paul', 'Durand', $3, '03 20 00 00 00', $4) RETURNING id`,
      [structure.id, companyId, email, optedOut],
    );
    const [lead] = await t.dataSource.query(
      `INSERT INTO job_lead (structure_id, company_id, contact_id, job_title, contract_type, spotted_at, status)
       VALUES ($1, $2, $3, 'Préparateur de commandes', 'cdi', now(), 'candidate_proposed') RETURNING id`,
      [structure.id, companyId, contact.id],
    );
    return lead.id;
  }

  async function placement(fields: Record<string, unknown>, start = true): Promise<{ id: string; version: number }> {
    const created = await a
      .post('/api/placements', { companyId, contractType: 'cdi', jobTitle: 'Préparateur·rice de commandes', ownerId: owner.id, ...fields })
      .expect(201);
    if (!start) return created.body;
    return (await a.post(`/api/placements/${created.body.id}/start`, { version: created.body.version }).expect(200)).body;
  }

  /** The e-mails to `address` that mention `about`, once `count` of them arrived. */
  async function mailsAbout(address: string, about: string, count: number, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Alert e-mails only: the daily digest, whose scan may run meanwhile, lists the same alerts.
      const mails = (await inboxOf(address)).filter(
        (mail) => String(mail.subject).startsWith('Alerte de suivi') && String(mail.text).includes(about),
      );
      if (mails.length >= count || Date.now() > deadline) return mails;
      await pause(100);
    }
  }

  const rowsOf = (placementId: string) =>
    t.dataSource.getRepository(CheckIn).find({ where: { placementId }, order: { dueAt: 'ASC', party: 'ASC' } });

  async function waitForRows(placementId: string, done: (rows: CheckIn[]) => boolean, timeoutMs = 15_000): Promise<CheckIn[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await rowsOf(placementId);
      if (done(rows) || Date.now() > deadline) return rows;
      await pause(100);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    // Never ahead of the real time: a worker of another spec (real clock) agrees on what is due.
    t.clock.set(new Date(Date.now() - 60_000));
    today = calendarDayIn('Europe/Paris', t.clock.now());
    worker = await createTestWorker(t.clock);
    // Alerts must reach staff right after their transaction, never by way of the outbox reconciler.
    jest.spyOn(worker.get(OutboxService), 'reconcile').mockResolvedValue(0);
    queue = worker.get<Queue>(getQueueToken(QUEUES.checkIns));
    structure = await createStructure(t.dataSource, 'ACI Suivi');
    owner = await createUser(t.dataSource, structure, 'staff', 'Karim');
    await t.dataSource.getRepository(User).update(owner.id, { phone: '06 12 34 56 78' });
    managers = [await createUser(t.dataSource, structure, 'manager', 'Nadia'), await createUser(t.dataSource, structure, 'manager', 'Léa')];
    const former = await createUser(t.dataSource, structure, 'manager', 'Ancien');
    await t.dataSource.getRepository(User).update(former.id, { active: false });
    a = api(await login(t.app.getHttpServer(), owner.email));
    companyName = `Logistique du Nord ${randomUUID().slice(0, 4)}`;
    companyId = (await a.post('/api/companies', { name: companyName }).expect(201)).body.id;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('sends a late-recorded placement its most recent past step only, to both parties exactly once, and records it', async () => {
    const employee = `salarie-${randomUUID()}@exemple.fr`;
    const employer = `employeur-${randomUUID()}@exemple.fr`;
    const leadId = await leadWithContact(employer);
    // Recorded 14 days after its start: the 3-day and 10-day steps are both past.
    const placed = await placement({ candidateId: await candidate(employee), leadId, startDate: addCalendarDays(today, -14) });

    const [toEmployee, toEmployer] = await Promise.all([waitForMail(employee, 1), waitForMail(employer, 1)]);
    const rows = await waitForRows(placed.id, (all) => all.filter((row) => row.status === 'sent').length === 2);
    await pause(500);
    expect(await inboxOf(employee)).toHaveLength(1);
    expect(await inboxOf(employer)).toHaveLength(1);
    expect(toEmployee[0].subject).toBe(`Après 10 jours chez ${companyName}, comment ça se passe\u00a0?`);
    expect(toEmployer[0].subject).toBe('Samira chez vous depuis 10 jours\u00a0: comment ça se passe\u00a0?');
    // The structure's name in a French sentence: « l’équipe d’ACI Suivi », not « de ACI Suivi ».
    expect(toEmployee[0].text).toContain(`seule l’équipe d’${structure.name} lit vos réponses`);
    expect(toEmployee[0].text).toContain('Cela fait 10 jours');
    expect(toEmployee[0].text).toContain('Karim staff au 06 12 34 56 78');
    expect(toEmployer[0].html).toContain(structure.name);

    // The answer link is signed for this very row and lasts 30 days.
    const link = /http:\/\/localhost:3999\/suivi\/(\S+)/.exec(String(toEmployee[0].text))?.[1] ?? '';
    const checked = verifyCheckInToken(t.config.SESSION_SECRET, link, t.clock.now());
    expect(checked.ok).toBe(true);
    expect(verifyCheckInToken(t.config.SESSION_SECRET, link, new Date(t.clock.now().getTime() + 31 * DAY_MS))).toEqual({
      ok: false,
      reason: 'expired',
    });

    expect(rows).toHaveLength(2 * STEPS);
    const byStep = (step: string) => rows.filter((row) => row.step === step);
    for (const row of byStep('10 days')) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, recipient: row.party === 'employee' ? employee : employer });
      expect(row.smtpMessageId).toMatch(/@/);
    }
    expect(byStep('3 days').map((row) => [row.status, row.skipReason])).toEqual([
      ['skipped', 'past_when_planned'],
      ['skipped', 'past_when_planned'],
    ]);
    expect(rows.filter((row) => !['3 days', '10 days'].includes(row.step)).every((row) => row.status === 'planned')).toBe(true);
    expect(checked.ok && byStep('10 days').map((row) => row.id)).toContain(checked.ok && checked.checkInId);

    const listed = await a.get(`/api/placements/${placed.id}/check-ins`).expect(200);
    expect(listed.body).toHaveLength(2 * STEPS);
    expect(JSON.stringify(listed.body)).not.toContain('/suivi/');
    expect(listed.body[0]).toMatchObject({ step: '3 days', stepLabel: '3 jours', status: 'skipped', skipReason: 'past_when_planned' });
  });

  it('sends nothing while the placement is planned, and at its start only the most recent step that came due meanwhile', async () => {
    const employee = `prevu-${randomUUID()}@exemple.fr`;
    const planned = await placement({ candidateId: await candidate(employee), startDate: addCalendarDays(today, -14) }, false);
    const rows = await rowsOf(planned.id);
    expect(rows).toHaveLength(2 * STEPS);
    for (const row of rows) expect(await queue.getJob(checkInJobId(row.id))).toBeUndefined();
    // Even a job that runs (a leftover, a reconciler) sends nothing and leaves the row for the start.
    const sender = asJobOn(worker.get(CheckInSenderService), t.dataSource, 'check_in');
    const due = rows.find((row) => row.party === 'employee' && row.step === '10 days')!;
    expect(await sender.send(due.id)).toEqual({ result: 'not_started' });
    await queue.add(JOBS.sendCheckIn, { checkInId: due.id }, { jobId: checkInJobId(due.id) });
    await asWorker(worker.get(CheckInPlannerService)).reconcile();
    await pause(500);
    expect(await inboxOf(employee)).toHaveLength(0);
    expect((await rowsOf(planned.id)).filter((row) => row.status === 'sent')).toHaveLength(0);

    await a.post(`/api/placements/${planned.id}/start`, { version: planned.version }).expect(200);
    expect(await waitForMail(employee, 1)).toHaveLength(1);
    await waitForRows(planned.id, (all) => all.some((row) => row.status === 'sent'));
    await pause(500);
    const mails = await inboxOf(employee);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('Cela fait 10 jours');
    const after = (await rowsOf(planned.id)).filter((row) => row.party === 'employee');
    expect(after.map((row) => [row.step, row.status])).toEqual([
      ['3 days', 'skipped'],
      ['10 days', 'sent'],
      ['1 month', 'planned'],
      ['2 months', 'planned'],
      ['3 months', 'planned'],
      ['6 months', 'planned'],
    ]);
  });

  it('skips the steps after the planned end, and plans only two steps for a PMSMP', async () => {
    const start = addCalendarDays(today, 7);
    const cdd = await placement({ candidateId: await candidate(null), contractType: 'cdd', startDate: start, plannedEndDate: addCalendarDays(start, 40) }, false);
    const statuses = (await rowsOf(cdd.id)).filter((row) => row.party === 'employee').map((row) => [row.step, row.status]);
    expect(statuses).toEqual([
      ['3 days', 'planned'],
      ['10 days', 'planned'],
      ['1 month', 'planned'],
      ['2 months', 'skipped'],
      ['3 months', 'skipped'],
      ['6 months', 'skipped'],
    ]);
    expect(await rowsOf(cdd.id)).toHaveLength(2 * STEPS);
    const skipped = (await rowsOf(cdd.id)).find((row) => row.status === 'skipped')!;
    expect(await queue.getJob(checkInJobId(skipped.id))).toBeUndefined();

    const pmsmp = await placement({ candidateId: await candidate(null), contractType: 'pmsmp', startDate: start, plannedEndDate: addCalendarDays(start, 14) }, false);
    const steps = (await rowsOf(pmsmp.id)).map((row) => `${row.party} ${row.step} ${row.status}`);
    expect(steps.sort()).toEqual(['employee 10 days planned', 'employee 3 days planned', 'employer 10 days planned', 'employer 3 days planned']);
  });

  it('turns a step into a call for the owner when the person has no address or opted out, without any e-mail', async () => {
    const employer = `desinscrit-${randomUUID()}@exemple.fr`;
    const leadId = await leadWithContact(employer, true);
    const lastName = `Appel ${randomUUID().slice(0, 4)}`;
    // The 3-day step only is past (working-day moves never push it past today).
    const placed = await placement({ candidateId: await candidate(null, lastName), leadId, startDate: addCalendarDays(today, -9) });

    const rows = await waitForRows(placed.id, (all) => all.filter((row) => row.status === 'call_task').length === 2);
    const due = rows.filter((row) => row.step === '3 days');
    expect(due.map((row) => row.status)).toEqual(['call_task', 'call_task']);
    expect(rows.filter((row) => row.step !== '3 days').every((row) => row.status === 'planned')).toBe(true);
    const alerts = await t.dataSource.getRepository(StaffAlert).find({ where: { placementId: placed.id, kind: 'call_task' } });
    expect(alerts).toHaveLength(2);
    expect(alerts.every((alert) => alert.userId === owner.id)).toBe(true);
    expect(alerts.map((alert) => alert.message).join('\n')).toContain('Appeler Paul Durand (');
    expect(alerts[0].message).toContain(': point de suivi 3 jours');
    // Running the job again raises nothing new and sends nothing.
    const sender = asJobOn(worker.get(CheckInSenderService), t.dataSource, 'check_in');
    expect(await sender.send(due[0].id)).toEqual({ result: 'skipped' });
    expect(await t.dataSource.getRepository(StaffAlert).count({ where: { placementId: placed.id } })).toBe(2);
    expect(await inboxOf(employer)).toHaveLength(0);
    // The owner is e-mailed the call to make at once (the outbox reconciler does not run here).
    const toOwner = await mailsAbout(owner.email, `Appeler Samira ${lastName}`, 1);
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0].text).toContain('point de suivi 3 jours');
  });

  it('sends the alerts of a placement nobody owns to the candidate’s counsellor, else to every active manager', async () => {
    // New placements default to their creator; one recorded earlier, whose owner nobody could be
    // found for (see the PlacementOwners migration), still has none.
    async function ownerless(fields: Record<string, unknown>) {
      const created = await placement(fields, false);
      await t.dataSource.query(`UPDATE placement SET owner_id = NULL WHERE id = $1`, [created.id]);
      return (await a.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200)).body;
    }
    const orphan = `Orpheline ${randomUUID().slice(0, 4)}`;
    const orphanPlacement = await ownerless({ candidateId: await candidate(null, orphan), startDate: addCalendarDays(today, -9) });
    const followed = `Suivie ${randomUUID().slice(0, 4)}`;
    const followedCandidate = await candidate(null, followed);
    const counsellor = await createUser(t.dataSource, structure, 'staff', 'Conseillère');
    await t.dataSource.query(`UPDATE candidate SET owner_id = $2 WHERE id = $1`, [followedCandidate, counsellor.id]);
    const followedPlacement = await ownerless({ candidateId: followedCandidate, startDate: addCalendarDays(today, -9) });

    await waitForRows(orphanPlacement.id, (all) => all.filter((row) => row.status === 'call_task').length === 2);
    await waitForRows(followedPlacement.id, (all) => all.filter((row) => row.status === 'call_task').length === 2);
    const orphanAlerts = await t.dataSource.getRepository(StaffAlert).find({ where: { placementId: orphanPlacement.id, kind: 'call_task' } });
    // Two call tasks (employee, employer), each for both active managers; the former manager gets none.
    expect(orphanAlerts.map((alert) => alert.userId).sort()).toEqual([...managers, ...managers].map((m) => m.id).sort());
    for (const m of managers) expect(await mailsAbout(m.email, `Appeler Samira ${orphan}`, 1)).toHaveLength(1);
    const followedAlerts = await t.dataSource.getRepository(StaffAlert).find({ where: { placementId: followedPlacement.id, kind: 'call_task' } });
    expect(followedAlerts.map((alert) => alert.userId)).toEqual([counsellor.id, counsellor.id]);
    expect(await mailsAbout(counsellor.email, `Appeler Samira ${followed}`, 1)).toHaveLength(1);
    for (const m of managers) {
      expect((await inboxOf(m.email)).filter((mail) => String(mail.text).includes(`Appeler Samira ${followed}`))).toHaveLength(0);
    }

    // Raised again (a repeated job), nothing new is recorded for anyone.
    const sender = asJobOn(worker.get(CheckInSenderService), t.dataSource, 'check_in');
    const [row] = (await rowsOf(orphanPlacement.id)).filter((r) => r.status === 'call_task');
    expect(await sender.send(row.id)).toEqual({ result: 'skipped' });
    expect(await t.dataSource.getRepository(StaffAlert).count({ where: { placementId: orphanPlacement.id } })).toBe(4);
  });

  it('cancels the remaining steps on a rupture, sends nothing more, and alerts the owner and the managers', async () => {
    const employee = `rupture-${randomUUID()}@exemple.fr`;
    const employer = `rupture-employeur-${randomUUID()}@exemple.fr`;
    const leadId = await leadWithContact(employer);
    const placed = await placement({ candidateId: await candidate(employee), leadId, startDate: addCalendarDays(addMonths(today, -1), -5) });
    await Promise.all([waitForMail(employee, 1), waitForMail(employer, 1)]);
    await waitForRows(placed.id, (all) => all.filter((row) => row.status === 'sent').length === 2);

    await a
      .post(`/api/placements/${placed.id}/end`, { version: placed.version, endDate: today, endKind: 'early', ruptureReason: 'Abandon de poste', endedBy: 'employee' })
      .expect(200);
    const rows = await rowsOf(placed.id);
    expect(rows.filter((row) => row.status === 'sent').map((row) => row.step)).toEqual(['1 month', '1 month']);
    const cancelled = rows.filter((row) => row.status === 'cancelled');
    expect(cancelled.map((row) => row.step).sort()).toEqual(['2 months', '2 months', '3 months', '3 months', '6 months', '6 months']);

    // Even when a job of the plan runs now (forced), nothing leaves.
    const sender = asJobOn(worker.get(CheckInSenderService), t.dataSource, 'check_in');
    for (const row of cancelled) expect(await sender.send(row.id)).toEqual({ result: 'skipped' });
    await pause(300);
    expect(await inboxOf(employee)).toHaveLength(1);
    expect(await inboxOf(employer)).toHaveLength(1);

    const alerts = await t.dataSource.getRepository(StaffAlert).find({ where: { placementId: placed.id, kind: 'rupture' } });
    expect(alerts.map((alert) => alert.userId).sort()).toEqual([owner.id, ...managers.map((m) => m.id)].sort());
    // The label says « Rupture » once; the message says what happened, with a French date.
    expect(alerts[0].message).toMatch(new RegExp(`^Contrat de Samira .+ chez .+ rompu le ${frenchLongDate(today)}\\. Les points de suivi restants sont annulés\\.$`));
    expect(alerts[0].message).not.toContain('Abandon de poste');
    // E-mailed at once to each of them (the outbox reconciler does not run here).
    const [{ last_name: lastName }] = await t.dataSource.query(`SELECT last_name FROM candidate c JOIN placement p ON p.candidate_id = c.id WHERE p.id = $1`, [placed.id]);
    for (const user of [owner, ...managers]) {
      const mails = await mailsAbout(user.email, `Contrat de Samira ${lastName}`, 1);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Alerte de suivi : Rupture');
      expect(String(mails[0].text)).not.toContain('Rupture : ');
      expect(String(mails[0].text)).toMatch(/Voir l’alerte : http:\/\/\S+\/alertes\/[0-9a-f-]{36}/);
      expect(String(mails[0].text)).not.toContain('Abandon de poste');
    }
  });

  it('moves the planned steps and their jobs when the start date changes, without new rows', async () => {
    // Started ahead of its start date: its steps have jobs to move.
    const planned = await placement({ candidateId: await candidate(null), startDate: addCalendarDays(today, 10) });
    const before = await rowsOf(planned.id);
    expect(before).toHaveLength(2 * STEPS);
    const newStart = addCalendarDays(today, 20);
    await a.patch(`/api/placements/${planned.id}`, { version: planned.version, startDate: newStart }).expect(200);
    // Patching again with the same date changes nothing.
    await a.patch(`/api/placements/${planned.id}`, { startDate: newStart }).expect(200);

    const after = await rowsOf(planned.id);
    expect(after.map((row) => row.id).sort()).toEqual(before.map((row) => row.id).sort());
    const expected = planCheckIns({ kind: 'contract', startDate: newStart, plannedEndDate: null, offsets: null, timeZone: 'Europe/Paris', now: t.clock.now() });
    for (const row of after) {
      expect(row.status).toBe('planned');
      expect(row.dueAt.toISOString()).toBe(expected.find((step) => step.step === row.step)!.dueAt.toISOString());
      const job = await queue.getJob(checkInJobId(row.id));
      expect(job).toBeDefined();
      expect(Math.abs(job!.timestamp + job!.delay - row.dueAt.getTime())).toBeLessThan(5 * 60_000);
    }
  });

  it('queues again from PostgreSQL the planned steps whose jobs Redis lost, and still sends each once', async () => {
    const employee = `perdu-${randomUUID()}@exemple.fr`;
    const employer = `perdu-employeur-${randomUUID()}@exemple.fr`;
    const leadId = await leadWithContact(employer);
    const placed = await placement({ candidateId: await candidate(employee), leadId, startDate: addCalendarDays(addMonths(today, -1), -5) });
    await Promise.all([waitForMail(employee, 1), waitForMail(employer, 1)]);
    await waitForRows(placed.id, (all) => all.filter((row) => row.status === 'sent').length === 2);

    // Redis loses the remaining delayed jobs; meanwhile their time comes.
    const remaining = (await rowsOf(placed.id)).filter((row) => row.status === 'planned');
    expect(remaining).toHaveLength(6);
    for (const row of remaining) await queue.remove(checkInJobId(row.id));
    for (const row of remaining) expect(await queue.getJob(checkInJobId(row.id))).toBeUndefined();
    await t.dataSource.query(`UPDATE check_in SET due_at = $2 WHERE placement_id = $1 AND status = 'planned'`, [
      placed.id,
      new Date(t.clock.now().getTime() - 60_000),
    ]);

    const planner = asWorker(worker.get(CheckInPlannerService));
    expect(await planner.reconcile()).toBeGreaterThanOrEqual(6);
    // The 1-month step was sent; the 2, 3 and 6-month ones now are.
    await Promise.all([waitForMail(employee, 4), waitForMail(employer, 4)]);
    await waitForRows(placed.id, (all) => all.every((row) => row.status === 'sent' || row.status === 'skipped'));
    // A second pass (or the repeatable job) finds nothing of this placement to queue.
    await planner.reconcile();
    await pause(500);
    expect(await inboxOf(employee)).toHaveLength(4);
    expect(await inboxOf(employer)).toHaveLength(4);
  });

  it('counts failed attempts, marks the step failed on the last one, and lists it for admins', async () => {
    const employee = `echec-${randomUUID()}@exemple.fr`;
    const placed = await placement({ candidateId: await candidate(employee), startDate: addCalendarDays(today, 5) });
    const [row] = (await rowsOf(placed.id)).filter((r) => r.party === 'employee');
    // Its delayed job is days away: the test plays the attempts itself.
    await t.dataSource.getRepository(CheckIn).update(row.id, { dueAt: new Date(t.clock.now().getTime() - 60_000) });
    const sender = asJobOn(worker.get(CheckInSenderService), t.dataSource, 'check_in');
    const smtp = jest.spyOn(worker.get(MailerService), 'send').mockRejectedValue(new Error('550 5.1.1 mailbox unavailable'));
    try {
      await expect(sender.send(row.id, false)).rejects.toThrow('550');
      expect(await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: row.id })).toMatchObject({ status: 'planned', attempts: 1 });
      await expect(sender.send(row.id, true)).rejects.toThrow('550');
    } finally {
      smtp.mockRestore();
    }
    expect(await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: row.id })).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: expect.stringContaining('550 5.1.1 mailbox unavailable'),
    });
    expect(await inboxOf(employee)).toHaveLength(0);

    await a.get('/api/check-ins/failed').expect(403);
    const admin = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'admin')).email));
    const failed = await admin.get('/api/check-ins/failed').expect(200);
    expect(failed.body.items).toEqual([expect.objectContaining({ id: row.id, placementId: placed.id, lastError: expect.stringContaining('550') })]);
  });

  it('never sends twice when two workers take duplicated jobs of the same rows at once', async () => {
    const second = await createTestWorker(t.clock);
    const processors = [worker, second].map((w) => w.get(CheckInProcessor).worker);
    try {
      await Promise.all(processors.map((p) => p.pause()));
      const employee = `deux-${randomUUID()}@exemple.fr`;
      const employer = `deux-employeur-${randomUUID()}@exemple.fr`;
      const leadId = await leadWithContact(employer);
      const placed = await placement({ candidateId: await candidate(employee), leadId, startDate: addMonths(today, -7) });
      // Every step due now, as if each had come due while the workers were away.
      await t.dataSource.query(`UPDATE check_in SET status = 'planned', skip_reason = NULL, due_at = $2 WHERE placement_id = $1`, [
        placed.id,
        new Date(t.clock.now().getTime() - 60_000),
      ]);
      const rows = await rowsOf(placed.id);
      for (const copy of [1, 2, 3]) {
        await queue.addBulk(
          rows.map((row) => ({ name: JOBS.sendCheckIn, data: { checkInId: row.id }, opts: { jobId: `${checkInJobId(row.id)}-copy-${copy}` } })),
        );
      }
      processors.forEach((p) => p.resume());

      await Promise.all([waitForMail(employee, STEPS), waitForMail(employer, STEPS)]);
      await waitForRows(placed.id, (all) => all.every((row) => row.status === 'sent'));
      await pause(1000);
      expect(await inboxOf(employee)).toHaveLength(STEPS);
      expect(await inboxOf(employer)).toHaveLength(STEPS);
      expect((await rowsOf(placed.id)).every((row) => row.attempts === 1)).toBe(true);
    } finally {
      processors.forEach((p) => p.resume());
      await second.close();
    }
  });
});
