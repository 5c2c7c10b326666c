import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { CheckIn } from '../src/checkins/check-in.entity';
import { QUEUES, checkInJobId } from '../src/jobs/queues';
import { OutboxService } from '../src/mail/outbox.service';
import { calendarDayIn } from '../src/common/calendar/working-days';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { api, Api } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Handlebars escapes `=` in attributes; the raw page is read decoded. */
const decoded = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'");

describe('the placement page (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let queue: Queue;
  let structure: Structure;
  let owner: User;
  let session: LoggedIn;
  let a: Api;
  let companyId: string;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp();
    // Never ahead of the real time: a worker of another spec (real clock) agrees on what is due.
    t.clock.set(new Date(Date.now() - 60_000));
    today = calendarDayIn('Europe/Paris', t.clock.now());
    worker = await createTestWorker(t.clock);
    jest.spyOn(worker.get(OutboxService), 'reconcile').mockResolvedValue(0);
    queue = worker.get<Queue>(getQueueToken(QUEUES.checkIns));
    structure = await createStructure(t.dataSource, 'ACI Fiche placement');
    owner = await createUser(t.dataSource, structure, 'staff', 'Karim');
    session = await login(t.app.getHttpServer(), owner.email);
    a = api(session);
    companyId = (await a.post('/api/companies', { name: `Boulangerie Martin ${randomUUID().slice(0, 4)}` }).expect(201)).body.id;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  /** A CDI started today: its six steps per party are all ahead. */
  async function startedPlacement(email: string | null = `salarie-${randomUUID()}@exemple.fr`) {
    const candidateId = (await a.post('/api/candidates', { firstName: 'Samira', lastName: `Benali ${randomUUID().slice(0, 4)}`, ...(email ? { email } : {}) }).expect(201)).body.id;
    const created = await a.post('/api/placements', { candidateId, companyId, contractType: 'cdi', jobTitle: 'Vendeuse en boulangerie', startDate: today, ownerId: owner.id }).expect(201);
    const started = await a.post(`/api/placements/${created.body.id}/start`, { version: created.body.version }).expect(200);
    return { id: started.body.id as string, candidateId, email, version: started.body.version as number };
  }

  const rowsOf = (placementId: string) => t.dataSource.getRepository(CheckIn).find({ where: { placementId }, order: { dueAt: 'ASC', party: 'ASC' } });
  const form = (path: string, fields: Record<string, string> = {}) =>
    session.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: session.csrf, ...fields });

  it('shows the contract and each state of both timelines, and journals the read of answers', async () => {
    const placement = await startedPlacement();
    const rows = (await rowsOf(placement.id)).filter((row) => row.party === 'employee');
    const at = new Date(t.clock.now().getTime() - 3_600_000);
    const states: Array<Partial<CheckIn>> = [
      { status: 'sent', sentAt: at, recipient: placement.email },
      { status: 'answered', sentAt: at, answeredAt: at, rating: 2, goingWell: 'Les collègues sont accueillants', difficulties: ['transport'], difficultyDetails: 'Le bus de 5 h 40 ne passe plus' },
      { status: 'sent', sentAt: at, noAnswerAlertedAt: at },
      { status: 'call_task', lastError: 'no e-mail address' },
      { status: 'failed', attempts: 5, lastError: '550 5.1.1 mailbox unavailable' },
    ];
    for (const [index, fields] of states.entries()) await t.dataSource.getRepository(CheckIn).update(rows[index].id, fields);
    await t.dataSource.getRepository(CheckIn).update((await rowsOf(placement.id)).find((row) => row.party === 'employer' && row.step === '6 months')!.id, { status: 'skipped', skipReason: 'after_planned_end' });
    await t.dataSource.getRepository(CheckIn).update((await rowsOf(placement.id)).find((row) => row.party === 'employer' && row.step === '3 months')!.id, { status: 'cancelled' });

    const html = decoded((await a.get(`/placements/${placement.id}`).expect(200)).text);
    expect(html).toContain(`href="/candidats/${placement.candidateId}"`);
    expect(html).toContain(`href="/entreprises/${companyId}"`);
    expect(html).toContain('Vendeuse en boulangerie');
    expect(html).toContain('Côté salarié·e');
    expect(html).toContain('Côté employeur');
    for (const label of ['Prévu', 'Envoyé', 'Répondu', 'Sans réponse', 'Appel à passer', 'Sauté', 'Annulé', 'Échec d’envoi']) {
      expect(html).toMatch(new RegExp(`class="badge badge-check-in-[a-z_]+">${label}<`));
    }
    expect(html).toContain('Les collègues sont accueillants');
    expect(html).toContain('Le bus de 5 h 40 ne passe plus');
    expect(html).toContain('550 5.1.1 mailbox unavailable');
    expect(html).toContain('aucune adresse e-mail');
    const [read] = await t.dataSource.query(
      `SELECT entity_id, details FROM audit_event WHERE structure_id = $1 AND action = 'sensitive_read' AND entity_id = $2 ORDER BY id DESC LIMIT 1`,
      [structure.id, placement.candidateId],
    );
    expect(read.details).toEqual({ via: 'page', path: 'GET /placements/:id' });
  });

  it('sends a step now, once: it counts as that step and is not sent again when its time comes', async () => {
    const placement = await startedPlacement();
    const step = (await rowsOf(placement.id)).find((row) => row.party === 'employee' && row.step === '10 days')!;
    expect(decoded((await a.get(`/placements/${placement.id}`).expect(200)).text)).toContain(`action="/placements/${placement.id}/points/${step.id}/envoyer"`);

    await form(`/placements/${placement.id}/points/${step.id}/envoyer`).expect(303).expect('Location', `/placements/${placement.id}?ok=envoye#point-${step.id}`);
    expect(await waitForMail(placement.email!, 1)).toHaveLength(1);
    const sent = (await rowsOf(placement.id)).find((row) => row.id === step.id)!;
    expect(sent.status).toBe('sent');
    expect(sent.dueAt).toEqual(step.dueAt);

    // Again, by the page or the API: refused, one French sentence, nothing sent.
    const again = decoded((await form(`/placements/${placement.id}/points/${step.id}/envoyer`).expect(409)).text);
    expect(again).toContain('Ce point de suivi n’est plus à envoyer');
    await a.post(`/api/placements/${placement.id}/check-ins/${step.id}/send`).expect(409);

    // Its time comes: the worker runs its job, finds it sent, and sends nothing.
    t.clock.set(new Date(step.dueAt.getTime() + 60_000));
    try {
      const job = await queue.getJob(checkInJobId(step.id));
      expect(job).toBeDefined();
      await job!.promote();
      const deadline = Date.now() + 15_000;
      while (!(await queue.getJob(checkInJobId(step.id)))?.finishedOn && Date.now() < deadline) await pause(100);
      expect((await queue.getJob(checkInJobId(step.id)))?.returnvalue).toBe('skipped');
    } finally {
      t.clock.set(new Date(Date.now() - 60_000));
    }
    await pause(300);
    expect(await inboxOf(placement.email!)).toHaveLength(1);
  });

  it('sends a step now by the API, and turns it into a call task when the person has no e-mail', async () => {
    const withMail = await startedPlacement();
    const step = (await rowsOf(withMail.id)).find((row) => row.party === 'employee' && row.step === '1 month')!;
    const body = (await a.post(`/api/placements/${withMail.id}/check-ins/${step.id}/send`).expect(200)).body;
    expect(body).toMatchObject({ id: step.id, status: 'sent', recipient: withMail.email });

    const without = await startedPlacement(null);
    const call = (await rowsOf(without.id)).find((row) => row.party === 'employee' && row.step === '3 days')!;
    expect((await a.post(`/api/placements/${without.id}/check-ins/${call.id}/send`).expect(200)).body.status).toBe('call_task');
    // The call made, with its note: refused empty (next to the field), then recorded; its alert resolved.
    const empty = decoded((await form(`/placements/${without.id}/points/${call.id}/appel`, { note: '  ' }).expect(400)).text);
    expect(empty).toContain('Notez ce qui s’est dit pendant l’appel');
    await form(`/placements/${without.id}/points/${call.id}/appel`, { note: 'Appelée : tout va bien' }).expect(303);
    const html = (await a.get(`/placements/${without.id}`).expect(200)).text;
    expect(html).toContain('Appel passé');
    expect(html).toContain('Appelée : tout va bien');
    const [open] = await t.dataSource.query(`SELECT count(*)::int AS n FROM staff_alert WHERE check_in_id = $1 AND resolved_at IS NULL`, [call.id]);
    expect(open.n).toBe(0);
    await a.post(`/api/placements/${without.id}/check-ins/${call.id}/call-done`, { note: 'Encore' }).expect(409);
  });

  it('answers 404 for another structure’s placement, page and actions alike', async () => {
    const placement = await startedPlacement();
    const step = (await rowsOf(placement.id))[0];
    const other = await createStructure(t.dataSource, 'EI Voisine');
    const stranger = await login(t.app.getHttpServer(), (await createUser(t.dataSource, other, 'manager', 'Inès')).email);
    const them = api(stranger);
    await them.get(`/placements/${placement.id}`).expect(404);
    await them.get(`/placements/${placement.id}/dates`).expect(404);
    await stranger.agent.post(`/placements/${placement.id}/points/${step.id}/envoyer`).type('form').send({ _csrf: stranger.csrf }).expect(404);
    await them.post(`/api/placements/${placement.id}/check-ins/${step.id}/send`).expect(404);
    await them.post(`/api/placements/${placement.id}/check-ins/${step.id}/call-done`, { note: 'x' }).expect(404);
    expect((await rowsOf(placement.id)).find((row) => row.id === step.id)!.status).toBe('planned');
  });

  it('ends with a rupture after a confirmation that lists the steps it cancels, and cancels exactly those', async () => {
    const placement = await startedPlacement();
    const first = (await rowsOf(placement.id)).find((row) => row.party === 'employer' && row.step === '3 days')!;
    // Sent now: the employer has no contact, so it became a call task, which no end cancels.
    await a.post(`/api/placements/${placement.id}/check-ins/${first.id}/send`).expect(200);
    const fields = { endDate: today, endKind: 'early', ruptureReason: 'Trajet trop long', endedBy: 'employee', version: String(placement.version) };

    const confirmation = decoded((await form(`/placements/${placement.id}/fiche/terminer`, fields).expect(200)).text);
    expect(confirmation).toContain('Enregistrer la rupture de « Vendeuse en boulangerie » ?');
    expect(confirmation).toContain('Ces 11 points de suivi ne seront pas envoyés');
    const listed = [...confirmation.matchAll(/<li>(Côté [^<]+)<\/li>/g)].map((match) => match[1]);
    expect(listed).toHaveLength(11);
    expect(listed).not.toContain(expect.stringContaining('Côté employeur : point à 3 jours'));
    expect((await a.get(`/api/placements/${placement.id}`).expect(200)).body.status).toBe('started');

    await form(`/placements/${placement.id}/fiche/terminer`, { ...fields, confirme: 'oui' }).expect(303).expect('Location', `/placements/${placement.id}?ok=termine`);
    const rows = await rowsOf(placement.id);
    expect(rows.filter((row) => row.status === 'cancelled')).toHaveLength(11);
    expect(rows.find((row) => row.id === first.id)!.status).toBe('call_task');
  });

  it('refuses an end without its reason next to the field, with nothing changed', async () => {
    const placement = await startedPlacement();
    const html = decoded(
      (await form(`/placements/${placement.id}/fiche/terminer`, { endDate: today, endKind: 'early', ruptureReason: '', endedBy: 'employee', version: String(placement.version), confirme: 'oui' }).expect(400)).text,
    );
    expect(html).toMatch(/id="fin-ruptureReason-erreur">[^<]+</);
    expect((await rowsOf(placement.id)).every((row) => row.status === 'planned' || row.status === 'skipped')).toBe(true);
  });

  it('shows the plan new dates make before saving them', async () => {
    const placement = await startedPlacement();
    const later = calendarDayIn('Europe/Paris', new Date(t.clock.now().getTime() + 14 * 86_400_000));
    const preview = decoded((await form(`/placements/${placement.id}/dates`, { startDate: later, plannedEndDate: '', trialEndDate: '', version: String(placement.version), etape: 'apercu' }).expect(200)).text);
    expect(preview).toContain('Le plan de suivi avec ces dates');
    expect(preview).toContain('value="enregistrer"');
    expect((await a.get(`/api/placements/${placement.id}`).expect(200)).body.startDate).toBe(today);

    await form(`/placements/${placement.id}/dates`, { startDate: later, plannedEndDate: '', trialEndDate: '', version: String(placement.version), etape: 'enregistrer' })
      .expect(303)
      .expect('Location', `/placements/${placement.id}?ok=dates#suivi`);
    expect((await a.get(`/api/placements/${placement.id}`).expect(200)).body.startDate).toBe(later);
  });

  it('lets an admin walk a plan forward through the real sending path, outside production only', async () => {
    const placement = await startedPlacement();
    const admin = await createUser(t.dataSource, structure, 'admin', 'Nadia');
    const adminSession = await login(t.app.getHttpServer(), admin.email);
    const adminApi = api(adminSession);
    const post = (fields: Record<string, string>) =>
      adminSession.agent.post(`/placements/${placement.id}/simulation`).type('form').set('Accept', 'text/html').send({ _csrf: adminSession.csrf, ...fields });

    // Staff do not see it nor may use it; an admin sees the form.
    expect((await a.get(`/placements/${placement.id}`).expect(200)).text).not.toContain('Simuler les envois');
    expect((await adminApi.get(`/placements/${placement.id}`).expect(200)).text).toContain('Simuler les envois jusqu’au');
    await form(`/placements/${placement.id}/simulation`, { until: today }).expect(403);
    await a.post(`/api/placements/${placement.id}/check-ins/simulate`, { until: today }).expect(403);
    const bad = await post({ until: '31/12/2027' }).expect(400);
    expect(bad.text).toContain('id="simulation-erreur"');

    const oneMonth = calendarDayIn('Europe/Paris', new Date(t.clock.now().getTime() + 35 * 86_400_000));
    const done = await post({ until: oneMonth }).expect(303);
    expect(done.headers.location).toBe(`/placements/${placement.id}?ok=simulation#suivi`);
    const rows = await rowsOf(placement.id);
    expect(rows.filter((row) => row.status === 'sent').map((row) => `${row.step} ${row.party}`)).toEqual(['3 days employee', '10 days employee', '1 month employee']);
    // The employer has no address here: their steps became call tasks, as they would at their time.
    expect(rows.filter((row) => row.status === 'call_task').map((row) => row.step)).toEqual(['3 days', '10 days', '1 month']);
    expect(rows.filter((row) => row.status === 'planned').map((row) => row.step)).toEqual(['2 months', '2 months', '3 months', '3 months', '6 months', '6 months']);
    expect(await waitForMail(placement.email!, 3)).toHaveLength(3);
    // Walking again to the same day sends nothing more.
    expect((await adminApi.post(`/api/placements/${placement.id}/check-ins/simulate`, { until: oneMonth }).expect(200)).body).toEqual({ sent: 0, callTasks: 0 });

    const environment = t.config.NODE_ENV;
    Object.assign(t.config, { NODE_ENV: 'production' });
    try {
      const refused = await adminApi.post(`/api/placements/${placement.id}/check-ins/simulate`, { until: oneMonth }).expect(403);
      expect(refused.body.code).toBe('checkin.simulation_off');
      expect((await adminApi.get(`/placements/${placement.id}`).expect(200)).text).not.toContain('Simuler les envois');
    } finally {
      Object.assign(t.config, { NODE_ENV: environment });
    }
    await pause(200);
    expect(await inboxOf(placement.email!)).toHaveLength(3);
  });
});
