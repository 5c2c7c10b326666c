import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { createHash, createHmac, randomInt, randomUUID } from 'node:crypto';
import { JOBS, QUEUES } from '../src/jobs/queues';
import { RETENTION_SCAN_PATTERN } from '../src/privacy/privacy-worker.module';
import { RetentionScanResult, RetentionService } from '../src/privacy/retention.service';
import { addCalendarDays, calendarDayIn, isWorkingDay } from '../src/common/calendar/working-days';
import { api, fieldsOf } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createUser, login } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';
import { privacyWorld, PrivacyWorld, tablesHolding as tablesHoldingIn } from './helpers/privacy';
import { asWorker } from './helpers/scope';

/**
 * RGPD: retention (warning, then anonymisation), exports, erasure on request of candidates and of
 * company contacts. The retention scan always runs on this spec's structures only (other specs
 * share the schema), mostly through the service with the clock moved; those exit dates are after
 * the real today, so the daily job of any worker (real clock) never touches these people.
 */

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Letters only: a name a word-boundary search can find. */
const token = () =>
  Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('').replace(/^./, (c) => c.toUpperCase());
// 07 40–89: allocated mobile ranges (07 1x and 2x are not numbers, and would be refused).
const phone = () => `07 ${randomInt(40, 90)} ${Array.from({ length: 3 }, () => String(randomInt(10, 100))).join(' ')}`;
/** How the application stores a number typed « 07 12 34 56 78 »: +33712345678. */
const e164 = (typed: string) => `+33${typed.replace(/ /g, '').slice(1)}`;

type World = PrivacyWorld;

/** Free text tied to an erased person becomes this, whole. */
const ERASED = /^\[effacé le \d{2}\/\d{2}\/\d{4}\]$/;

describe('privacy: retention, exports, erasure (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let retention: RetentionService;
  let other: World;

  const world = (name: string) => privacyWorld(t, name);

  /**
   * A start date whose 3-day check-in came due on the last working day before `today`, so that it
   * has left whatever day the suite runs (started « 4 days ago » on a Sunday, it would wait for Monday).
   */
  const startWithThreeDayStepDue = (today: string) => {
    let due = addCalendarDays(today, -1);
    while (!isWorkingDay(due)) due = addCalendarDays(due, -1);
    return addCalendarDays(due, -3);
  };

  /** The clock back to the real time, so sessions (expiring by the clock) and workers agree. */
  const realTime = () => t.clock.set(new Date());

  /** The daily scan at that instant, on one structure only. */
  async function scanAt(w: World, instant: string): Promise<RetentionScanResult> {
    t.clock.set(new Date(instant));
    try {
      return await retention.run(undefined, { structureIds: [w.structure.id] });
    } finally {
      realTime();
    }
  }

  async function exitedCandidate(w: World, exitDate: string, extra: Record<string, unknown> = {}) {
    const lastName = token();
    const body = { firstName: 'Odile', lastName, ownerId: w.staff.id, ...extra };
    const created = (await w.s.post('/api/candidates', body).expect(201)).body as { id: string };
    await w.s.post(`/api/candidates/${created.id}/exit`, { exitDate, exitCategory: 'other' }).expect(200);
    return { id: created.id, lastName, name: `Odile ${lastName}` };
  }

  const candidateRow = async (id: string) =>
    (await t.dataSource.query(
      `SELECT first_name, last_name, email, phone, notes, constraints, anonymised_at, retention_warned_for::text AS warned_for
         FROM candidate WHERE id = $1`,
      [id],
    ))[0];
  const warningsOf = (candidateId: string) =>
    t.dataSource.query(`SELECT user_id, message, resolved_at FROM staff_alert WHERE candidate_id = $1 AND kind = 'retention_warning' ORDER BY created_at`, [
      candidateId,
    ]) as Promise<Array<{ user_id: string; message: string; resolved_at: Date | null }>>;

  const tablesHolding = (needle: string) => tablesHoldingIn(t.dataSource, needle);

  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await pause(100);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    retention = asWorker(t.app.get(RetentionService), 'retention');
    other = await world('EI Ailleurs');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });
  beforeEach(() => realTime());

  it('warns the owner once, 30 days before, then anonymises on the day: exit + 24 months by default', async () => {
    const w = await world('ACI Conservation');
    expect((await w.s.get('/api/privacy/settings').expect(200)).body).toEqual({ retentionMonths: 24, inactivityRetentionMonths: 24, warningDays: 30 });
    const odile = await exitedCandidate(w, '2027-03-15', { email: `odile-${randomUUID()}@exemple.fr`, notes: 'Suivi social', constraints: { housing: 'Hébergée chez sa sœur' } });

    // Anonymisation day: 15 March 2029; the warning goes on 13 February 2029 (30 days before), not earlier.
    expect(await scanAt(w, '2029-02-12T12:00:00Z')).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    expect(await warningsOf(odile.id)).toHaveLength(0);
    // 13 February 00:30 in Paris.
    const [first, second] = await Promise.all([scanAt(w, '2029-02-12T23:30:00Z'), retention.run(new Date('2029-02-12T23:30:00Z'), { structureIds: [w.structure.id] })]);
    expect(first.warned + second.warned).toBe(1);
    expect((await scanAt(w, '2029-02-14T12:00:00Z')).warned).toBe(0);
    expect((await scanAt(w, '2029-03-01T12:00:00Z')).warned).toBe(0);

    const warnings = await warningsOf(odile.id);
    expect(warnings).toEqual([
      {
        user_id: w.staff.id,
        message: `Les données de ${odile.name} (sortie le 15 mars 2027) seront anonymisées le 15 mars 2029, 24 mois après la sortie. Exportez-les d’ici là si la personne les demande.`,
        resolved_at: null,
      },
    ]);
    expect((await candidateRow(odile.id)).warned_for).toBe('2029-03-15');
    const listed = (await w.s.get('/api/alerts').expect(200)).body.items as Array<{ kind: string; kindLabel: string }>;
    expect(listed).toEqual([expect.objectContaining({ kind: 'retention_warning', kindLabel: 'Anonymisation prochaine' })]);

    // E-mailed once, through the outbox, with the link to the person's data; nothing sensitive in it.
    const [mail] = await waitForMail(w.staff.email);
    expect(mail.subject).toBe(`Anonymisation prévue le 15 mars 2029 : ${odile.name}`);
    expect(mail.text).toContain(`${t.config.APP_BASE_URL}/rgpd/candidats/${odile.id}`);
    expect(mail.text).not.toContain('Hébergée');
    expect(mail.text).not.toContain('Suivi social');
    await pause(500);
    expect(await inboxOf(w.staff.email)).toHaveLength(1);
    expect(await t.dataSource.query(`SELECT status FROM mail_outbox WHERE template = 'retention-warning' AND recipient = $1`, [w.staff.email])).toEqual([
      { status: 'sent' },
    ]);

    // The managers see it coming.
    const upcoming = (await w.m.get('/api/privacy/upcoming').expect(200)).body;
    expect(upcoming).toEqual([expect.objectContaining({ candidateId: odile.id, name: odile.name, exitDate: '2027-03-15', anonymiseOn: '2029-03-15' })]);
    await w.s.get('/api/privacy/upcoming').expect(403);
    const adminPage = await w.m.agent.get('/administration/rgpd').set('Accept', 'text/html').expect(200);
    expect(adminPage.text).toContain(odile.name);
    expect(adminPage.text).toContain('15/03/2029');
    await w.s.agent.get('/administration/rgpd').set('Accept', 'text/html').expect(403);

    // 14 March 23:30 in Paris: not yet. 15 March 00:00 in Paris: anonymised, once.
    expect(await scanAt(w, '2029-03-14T22:30:00Z')).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    expect(await scanAt(w, '2029-03-14T23:00:00Z')).toEqual({ warned: 0, anonymised: 1, failed: 0 });
    expect(await scanAt(w, '2029-03-16T12:00:00Z')).toEqual({ warned: 0, anonymised: 0, failed: 0 });

    const row = await candidateRow(odile.id);
    expect(row).toMatchObject({ first_name: 'Personne', last_name: 'anonymisée', email: null, phone: null, notes: null, constraints: {} });
    expect(row.anonymised_at).toEqual(new Date('2029-03-14T23:00:00Z'));
    const view = (await w.s.get(`/api/candidates/${odile.id}`).expect(200)).body;
    expect(view).toMatchObject({ status: 'exited', exitCategory: 'other', exitDate: '2027-03-15', firstName: 'Personne', lastName: 'anonymisée' });
    // The warning no longer names the person, and is closed.
    const [closed] = await warningsOf(odile.id);
    expect(closed.message).not.toContain(odile.lastName);
    // Whole, not word by word: what the alert said about them goes with their name.
    expect(closed.message).toMatch(ERASED);
    expect(closed.resolved_at).not.toBeNull();
    expect(await tablesHolding(odile.lastName)).toEqual([]);
    const log = (await w.m.get('/api/privacy/requests').expect(200)).body;
    expect(log.items).toEqual([expect.objectContaining({ subjectId: odile.id, kind: 'retention', actor: null, subjectName: 'Personne anonymisée' })]);
    expect((await w.m.get('/api/privacy/upcoming').expect(200)).body).toEqual([]);
  });

  it('follows a change of the setting: shorter, then longer after the warning (warned again), and never before the day announced', async () => {
    const w = await world('ACI Réglage');
    await w.s.put('/api/privacy/settings', { retentionMonths: 12 }).expect(403);
    for (const bad of [2, 121, 12.5, '12']) {
      expect(fieldsOf((await w.m.put('/api/privacy/settings', { retentionMonths: bad }).expect(400)).body)).toEqual(['retentionMonths']);
    }
    await other.m.put('/api/privacy/settings', { retentionMonths: 60 }).expect(200);
    expect((await w.m.put('/api/privacy/settings', { retentionMonths: 12 }).expect(200)).body).toEqual({ retentionMonths: 12, inactivityRetentionMonths: 24, warningDays: 30 });
    expect((await w.s.get('/api/privacy/settings').expect(200)).body.retentionMonths).toBe(12);
    // The same setting on the page, for managers.
    const form = (months: string) =>
      w.m.agent.post('/administration/rgpd').type('form').set('Accept', 'text/html').send({ _csrf: w.csrf.m, retentionMonths: months });
    expect((await form('1').expect(400)).text).toContain('Indiquez un nombre de mois entre 3 et 120');
    expect((await form('18').expect(303)).headers.location).toBe('/administration/rgpd?ok=reglage');
    const settingsPage = await w.m.agent.get('/administration/rgpd?ok=reglage').set('Accept', 'text/html').expect(200);
    expect(settingsPage.text).toContain('value="18"');
    expect(settingsPage.text).toContain('La durée de conservation a été enregistrée.');
    await w.s.agent.post('/administration/rgpd').type('form').set('Accept', 'text/html').send({ _csrf: w.csrf.s, retentionMonths: '6' }).expect(403);
    await w.m.put('/api/privacy/settings', { retentionMonths: 12 }).expect(200);

    // 12 months: anonymisation on 10 June 2028, warning on 11 May 2028.
    const bea = await exitedCandidate(w, '2027-06-10');
    expect((await scanAt(w, '2028-05-10T12:00:00Z')).warned).toBe(0);
    expect((await scanAt(w, '2028-05-11T12:00:00Z')).warned).toBe(1);
    expect((await candidateRow(bea.id)).warned_for).toBe('2028-06-10');

    // Longer (18 months) after the warning: not anonymised on the first day, warned again 30 days before the new one.
    await w.m.put('/api/privacy/settings', { retentionMonths: 18 }).expect(200);
    expect(await scanAt(w, '2028-06-10T12:00:00Z')).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    expect((await scanAt(w, '2028-11-09T12:00:00Z')).warned).toBe(0);
    expect((await scanAt(w, '2028-11-10T12:00:00Z')).warned).toBe(1);
    expect((await scanAt(w, '2028-11-20T12:00:00Z')).warned).toBe(0);
    const warnings = await warningsOf(bea.id);
    expect(warnings.map((warning) => /anonymisées le (.+?),/.exec(warning.message)?.[1])).toEqual(['10 juin 2028', '10 décembre 2028']);
    expect((await scanAt(w, '2028-12-09T12:00:00Z')).anonymised).toBe(0);
    expect((await scanAt(w, '2028-12-10T12:00:00Z')).anonymised).toBe(1);
    expect((await candidateRow(bea.id)).last_name).toBe('anonymisée');

    // Much shorter, making an exit long past due: warned now for 30 days later, not anonymised before.
    const w2 = await world('ACI Raccourci');
    const dan = await exitedCandidate(w2, '2027-01-10');
    expect((await scanAt(w2, '2028-06-01T12:00:00Z')).warned).toBe(0); // 24 months: January 2029
    await w2.m.put('/api/privacy/settings', { retentionMonths: 6 }).expect(200);
    expect(await scanAt(w2, '2028-06-01T12:00:00Z')).toEqual({ warned: 1, anonymised: 0, failed: 0 });
    expect((await candidateRow(dan.id)).warned_for).toBe('2028-07-01');
    expect((await scanAt(w2, '2028-06-30T12:00:00Z')).anonymised).toBe(0);
    expect((await scanAt(w2, '2028-07-01T12:00:00Z')).anonymised).toBe(1);

    // Nobody owns the person: the managers are warned.
    const w3 = await world('ACI Sans Référent');
    const orphan = await exitedCandidate(w3, '2027-02-01', { ownerId: null });
    expect((await scanAt(w3, '2029-01-02T12:00:00Z')).warned).toBe(1);
    expect((await warningsOf(orphan.id)).map((warning) => warning.user_id)).toEqual([w3.manager.id]);
    // The other structure's own setting was never touched.
    expect((await other.m.get('/api/privacy/settings').expect(200)).body.retentionMonths).toBe(60);
  });

  it('exports everything about a candidate, erases on request leaving nothing identifying, and keeps the reports', async () => {
    const w = await world('ACI Effacement');
    const julie = await createUser(t.dataSource, w.structure, 'staff', 'Julie');
    const today = calendarDayIn('Europe/Paris', new Date());
    const lastName = token();
    const name = `Zoé ${lastName}`;
    const email = `zoe-${randomUUID()}@exemple.fr`;
    const tel = phone();
    const candidate = (
      await w.s
        .post('/api/candidates', {
          firstName: 'Zoé',
          lastName,
          email,
          phone: tel,
          referrerName: 'Mme Conseillère',
          homeCommune: 'Roubaix',
          ownerId: w.staff.id,
          notes: `Entretien du 3 mars avec ${name}`,
          constraints: { health: 'Suivi médical régulier', childcare: 'Deux enfants en bas âge' },
          strengths: ['Ponctuelle'],
        })
        .expect(201)
    ).body as { id: string };

    const company = (await w.s.post('/api/companies', { name: `Logistique ${token()}` }).expect(201)).body.id as string;
    const contactEmail = `employeur-${randomUUID()}@exemple.fr`;
    const contact = (await w.s.post(`/api/companies/${company}/contacts`, { firstName: 'Paul', lastName: token(), email: contactEmail }).expect(201)).body.id;
    await w.s.post(`/api/companies/${company}/activities`, { type: 'note', text: `Proposé ${name} (${tel}), à rappeler` }).expect(201);
    const lead = (await w.s.post('/api/leads', { companyId: company, jobTitle: 'Préparateur·rice', contractType: 'cdi', contactId: contact }).expect(201)).body.id;
    await w.s.post(`/api/leads/${lead}/proposals`, { candidateId: candidate.id, force: true }).expect(201);
    const otherLead = (await w.s.post('/api/leads', { companyId: company, jobTitle: 'Cariste', contractType: 'cdd' }).expect(201)).body.id;
    const declined = (await w.s.post(`/api/leads/${otherLead}/proposals`, { candidateId: candidate.id, force: true }).expect(201)).body.id;
    await w.s.post(`/api/proposals/${declined}/outcome`, { outcome: 'declined_by_candidate', reason: `${name} préfère les horaires de jour` }).expect(201);

    // A contract whose 3-day check-ins are due: the worker sends them to both parties.
    const start = startWithThreeDayStepDue(today);
    const created = (await w.s.post('/api/placements', { candidateId: candidate.id, companyId: company, leadId: lead, contractType: 'cdi', jobTitle: 'Préparateur·rice', startDate: start, ownerId: w.staff.id }).expect(201)).body;
    await w.s.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    const sent = await waitFor(
      () => t.dataSource.query(`SELECT id, party FROM check_in WHERE placement_id = $1 AND status = 'sent'`, [created.id]) as Promise<Array<{ id: string; party: string }>>,
      (rows) => rows.length === 2,
    );
    expect(sent).toHaveLength(2);
    const employeeCheckIn = sent.find((row) => row.party === 'employee')!.id;
    await t.dataSource.query(
      `UPDATE check_in SET status = 'answered', answered_at = now(), rating = 2, going_well = $2, difficulties = '{transport}',
              difficulty_details = $3, wants_call = true WHERE id = $1`,
      [employeeCheckIn, `Moi, ${name}, j’aime l’équipe`, `Le bus de 6 h ne passe plus, appelez-moi au ${tel}`],
    );
    const placed = (await w.s.get(`/api/placements/${created.id}`).expect(200)).body;
    await w.s
      .post(`/api/placements/${created.id}/end`, { version: placed.version, endDate: today, endKind: 'early', ruptureReason: `${name} a déménagé`, endedBy: 'employee' })
      .expect(200);
    await w.s.post(`/api/candidates/${candidate.id}/exit`, { exitDate: today, exitCategory: 'other' }).expect(200);
    // The rupture alerts (owner and manager) name the person and are e-mailed through the outbox.
    const ruptureAlerts = await t.dataSource.query(`SELECT id, message FROM staff_alert WHERE placement_id = $1 AND kind = 'rupture'`, [created.id]);
    expect(ruptureAlerts.length).toBeGreaterThan(0);
    expect(ruptureAlerts[0].message).toContain(name);

    // ---- export (staff may: the person asks the structure), everything, sensitive fields included
    const exported = (await w.s.get(`/api/privacy/candidates/${candidate.id}/export`).expect(200)).body;
    expect(exported.structure).toEqual({ id: w.structure.id, name: w.structure.name });
    expect(exported.candidate).toMatchObject({
      id: candidate.id,
      firstName: 'Zoé',
      lastName,
      email,
      phone: e164(tel),
      referrerName: 'Mme Conseillère',
      homeCommune: 'Roubaix',
      notes: `Entretien du 3 mars avec ${name}`,
      constraints: { health: 'Suivi médical régulier', childcare: 'Deux enfants en bas âge' },
      strengths: ['Ponctuelle'],
      status: 'exited',
      exitCategory: 'other',
      exitDate: today,
      owner: { id: w.staff.id, name: 'Karim staff' },
      anonymisedAt: null,
    });
    expect(exported.proposals).toHaveLength(2);
    expect(exported.proposals).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: declined, outcome: 'declined_by_candidate', outcomeReason: `${name} préfère les horaires de jour` })]),
    );
    expect(exported.placements).toHaveLength(1);
    expect(exported.placements[0]).toMatchObject({ id: created.id, contractType: 'cdi', startDate: start, endKind: 'early', ruptureReason: `${name} a déménagé` });
    const exportedCheckIns = exported.placements[0].checkIns as Array<Record<string, unknown>>;
    expect(exportedCheckIns.find((row) => row.id === employeeCheckIn)).toMatchObject({
      party: 'employee',
      recipient: email,
      rating: 2,
      goingWell: `Moi, ${name}, j’aime l’équipe`,
      difficulties: ['transport'],
      difficultyDetails: `Le bus de 6 h ne passe plus, appelez-moi au ${tel}`,
      wantsCall: true,
    });
    // The employer's address is someone else's data.
    expect(JSON.stringify(exported)).not.toContain(contactEmail);
    expect(exported.alerts.map((alert: { id: string }) => alert.id).sort()).toEqual(ruptureAlerts.map((alert: { id: string }) => alert.id).sort());
    expect(exported.privacyRequests).toEqual([expect.objectContaining({ kind: 'export', actor: { id: w.staff.id, name: 'Karim staff' } })]);
    const download = await w.s.get(`/api/privacy/candidates/${candidate.id}/export?download=true`).expect(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="donnees-candidat-${candidate.id}.json"`);

    // The readable page: everything, in French; the erasure form for managers only.
    const page = await w.s.agent.get(`/rgpd/candidats/${candidate.id}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain(`Données de ${name}`);
    for (const shown of ['Suivi médical régulier', 'Deux enfants en bas âge', 'Mme Conseillère', 'j’aime l’équipe', 'a déménagé', 'Rupture', email]) {
      expect(page.text).toContain(shown);
    }
    expect(page.text).not.toContain('/effacer');
    const managerPage = await w.m.agent.get(`/rgpd/candidats/${candidate.id}`).set('Accept', 'text/html').expect(200);
    expect(managerPage.text).toContain(`action="/rgpd/candidats/${candidate.id}/effacer"`);

    // ---- another structure: 404 everywhere; staff cannot erase; a reason is required
    await other.m.get(`/api/privacy/candidates/${candidate.id}/export`).expect(404);
    await other.m.post(`/api/privacy/candidates/${candidate.id}/erase`, { reason: 'Demande écrite' }).expect(404);
    await other.m.agent.get(`/rgpd/candidats/${candidate.id}`).set('Accept', 'text/html').expect(404);
    await w.s.post(`/api/privacy/candidates/${candidate.id}/erase`, { reason: 'Demande écrite' }).expect(403);
    await w.s.agent.post(`/rgpd/candidats/${candidate.id}/effacer`).type('form').set('Accept', 'text/html').send({ _csrf: w.csrf.s, reason: 'Demande écrite' }).expect(403);
    const logged = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM privacy_request WHERE subject_id = $1`, [candidate.id]))[0].n;
    const loggedBefore = await logged();
    const noReason = await w.m.agent
      .post(`/rgpd/candidats/${candidate.id}/effacer`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: w.csrf.m, reason: ' ' })
      .expect(400);
    expect(noReason.text).toContain('Indiquez le motif de l’effacement');
    expect(await logged()).toBe(loggedBefore); // a refused form writes nothing
    expect(fieldsOf((await w.m.post(`/api/privacy/candidates/${candidate.id}/erase`, {}).expect(400)).body)).toEqual(['reason']);
    expect((await candidateRow(candidate.id)).anonymised_at).toBeNull();

    // Before: the person is found in their row and in what others wrote about them.
    const needles = [name, lastName, email, tel, tel.replace(/ /g, ''), e164(tel)];
    const before = await tablesHolding(lastName);
    expect(before).toEqual(expect.arrayContaining(['activity', 'candidate', 'check_in', 'mail_outbox', 'placement', 'proposal', 'staff_alert']));
    // The audit trail (when present) keeps what the record said: it forgets through PrivacyHooks.
    const audited = await t.dataSource.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'audit_event'`);
    if (audited.length) expect(before).toContain('audit_event');
    expect(await tablesHolding(tel)).toEqual(expect.arrayContaining(['activity', 'check_in']));
    expect(await tablesHolding(e164(tel))).toEqual(expect.arrayContaining(['candidate']));
    expect(await tablesHolding(email)).toEqual(expect.arrayContaining(['candidate', 'check_in']));

    const reports = async () => {
      const period = `from=${addCalendarDays(today, -60)}&to=${today}`;
      t.clock.set(new Date(`${today}T20:00:00Z`));
      try {
        // A session opened at that moment: one opened earlier may be older than its 12 hours by then.
        const m = api(await login(t.app.getHttpServer(), w.manager.email));
        const outcomes = (await m.get(`/api/reports/outcomes?${period}`).expect(200)).body;
        const funnel = (await m.get(`/api/reports/funnel?${period}`).expect(200)).body;
        const drills: Record<string, unknown> = {};
        for (const metric of ['outcomes.exits', 'outcomes.placements', 'outcomes.ruptures', 'outcomes.check_ins_sent', 'outcomes.check_ins_answered', 'outcomes.alerts', 'funnel.hired']) {
          const drill = (await m.get(`/api/reports/drill?metric=${metric}&${period}`).expect(200)).body;
          drills[metric] = { total: drill.total, ids: drill.rows.map((row: { id: string }) => row.id).sort() };
        }
        return { outcomes, funnel, drills };
      } finally {
        realTime();
      }
    };
    const numbersBefore = await reports();
    expect(numbersBefore.outcomes.exits.total).toBe(1);
    expect(numbersBefore.outcomes.placements.ruptures).toBe(1);
    expect(numbersBefore.outcomes.checkIns).toMatchObject({ sent: 2, answered: 1 });

    // ---- erasure by a manager, twice: the same answer, one record
    const erased = (await w.m.post(`/api/privacy/candidates/${candidate.id}/erase`, { reason: 'Demande écrite reçue le 20/11' }).expect(200)).body;
    expect(erased).toEqual({ subjectType: 'candidate', id: candidate.id, erasedAt: expect.any(String) });
    const again = (await w.m.post(`/api/privacy/candidates/${candidate.id}/erase`, { reason: 'Relance' }).expect(200)).body;
    expect(again).toEqual(erased);
    // The record cannot be typed back in.
    await w.m.patch(`/api/candidates/${candidate.id}`, { firstName: 'Odile' }).expect(409);
    const requests = await t.dataSource.query(`SELECT kind, reason, actor_id FROM privacy_request WHERE subject_id = $1 AND kind <> 'export'`, [candidate.id]);
    // What the manager typed can name the person and why: it goes too (kind, who and when stay).
    expect(requests).toEqual([{ kind: 'erasure', reason: expect.stringMatching(ERASED), actor_id: w.manager.id }]);

    // Nothing identifying left anywhere: the row, the check-ins, alerts, notes, e-mails recorded...
    for (const needle of needles) expect({ needle, tables: await tablesHolding(needle) }).toEqual({ needle, tables: [] });
    // ...and what the reports need is still there.
    const [facts] = await t.dataSource.query(
      `SELECT c.status, c.exit_category, c.exit_date::text AS exit_date, c.owner_id, p.contract_type, p.start_date::text AS start_date,
              p.end_kind, p.ended_by, p.rupture_reason, ci.rating, ci.difficulties, ci.wants_call, ci.going_well, ci.recipient, ci.answered_at IS NOT NULL AS answered
         FROM candidate c JOIN placement p ON p.candidate_id = c.id JOIN check_in ci ON ci.id = $2 WHERE c.id = $1`,
      [candidate.id, employeeCheckIn],
    );
    expect(facts).toEqual({
      status: 'exited', exit_category: 'other', exit_date: today, owner_id: w.staff.id, contract_type: 'cdi', start_date: start,
      end_kind: 'early', ended_by: 'employee', rupture_reason: expect.stringMatching(ERASED), rating: 2, difficulties: ['transport'], wants_call: true,
      going_well: expect.stringMatching(ERASED), recipient: null, answered: true,
    });
    expect(await reports()).toEqual(numbersBefore);

    // The export now holds only the facts; the page says so, without the form.
    const after = (await w.m.get(`/api/privacy/candidates/${candidate.id}/export`).expect(200)).body;
    expect(after.candidate).toMatchObject({ firstName: 'Personne', lastName: 'anonymisée', email: null, notes: null, constraints: {}, anonymisedAt: erased.erasedAt });
    const erasedPage = await w.m.agent.get(`/rgpd/candidats/${candidate.id}`).set('Accept', 'text/html').expect(200);
    expect(erasedPage.text).toContain('Données anonymisées le');
    expect(erasedPage.text).not.toContain('/effacer');
    // Julie (staff) still sees the person in the lists, anonymised.
    const list = (await api(await login(t.app.getHttpServer(), julie.email)).get('/api/candidates?limit=200').expect(200)).body.items;
    expect(list.find((row: { id: string }) => row.id === candidate.id)).toMatchObject({ firstName: 'Personne', lastName: 'anonymisée' });
  });

  it('erases a company contact on request: the address stays only as a hash and is never e-mailed again', async () => {
    const w = await world('ACI Contacts');
    const today = calendarDayIn('Europe/Paris', new Date());
    const lastName = token();
    const email = `Paul.${lastName}-${randomUUID().slice(0, 6)}@Exemple.fr`;
    const tel = phone();
    const company = (await w.s.post('/api/companies', { name: `Menuiserie ${token()}` }).expect(201)).body.id as string;
    const contact = (
      await w.s
        .post(`/api/companies/${company}/contacts`, { firstName: 'Paul', lastName, jobTitle: 'Gérant', email, phone: tel, notes: 'Préfère le matin' })
        .expect(201)
    ).body.id as string;
    await w.s.post(`/api/companies/${company}/activities`, { type: 'call', outcome: 'need_found', contactId: contact, text: `Paul ${lastName} cherche un menuisier` }).expect(201);
    const lead = (await w.s.post('/api/leads', { companyId: company, jobTitle: 'Menuisier·e', contractType: 'cdi', contactId: contact }).expect(201)).body.id;

    const exported = (await w.s.get(`/api/privacy/contacts/${contact}/export`).expect(200)).body;
    expect(exported.contact).toMatchObject({ id: contact, firstName: 'Paul', lastName, jobTitle: 'Gérant', email: email.toLowerCase(), phone: e164(tel), notes: 'Préfère le matin', erasedAt: null });
    expect(exported.company).toEqual({ id: company, name: expect.stringMatching(/^Menuiserie /) });
    expect(exported.activities).toEqual([expect.objectContaining({ type: 'call', outcome: 'need_found', text: `Paul ${lastName} cherche un menuisier` })]);
    expect(exported.leads).toEqual([expect.objectContaining({ id: lead, jobTitle: 'Menuisier·e' })]);
    const page = await w.s.agent.get(`/rgpd/contacts/${contact}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain(`Données de Paul ${lastName}`);
    expect(page.text).toContain('cherche un menuisier');

    await other.m.get(`/api/privacy/contacts/${contact}/export`).expect(404);
    await other.m.post(`/api/privacy/contacts/${contact}/erase`, { reason: 'Demande' }).expect(404);
    await w.s.post(`/api/privacy/contacts/${contact}/erase`, { reason: 'Demande' }).expect(403);

    // Erased from the page's form, then again through the API: the same answer.
    const form = await w.m.agent
      .post(`/rgpd/contacts/${contact}/effacer`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: w.csrf.m, reason: 'Demande par téléphone le 18/11' })
      .expect(303);
    expect(form.headers.location).toBe(`/rgpd/contacts/${contact}?ok=efface`);
    const erased = (await w.m.post(`/api/privacy/contacts/${contact}/erase`, { reason: 'Demande par téléphone le 18/11' }).expect(200)).body;
    expect(erased).toEqual({ subjectType: 'contact', id: contact, erasedAt: expect.any(String) });
    await w.m.patch(`/api/contacts/${contact}`, { lastName: 'Retour' }).expect(409);
    expect(await t.dataSource.query(`SELECT reason, actor_id FROM privacy_request WHERE subject_id = $1 AND kind = 'erasure'`, [contact])).toEqual([
      { reason: expect.stringMatching(ERASED), actor_id: w.manager.id },
    ]);
    const erasedPage = await w.m.agent.get(`/rgpd/contacts/${contact}?ok=efface`).set('Accept', 'text/html').expect(200);
    expect(erasedPage.text).toContain('Contact effacé le');

    // A keyed hash only this server can recompute, not the plain SHA-256 anyone could.
    const keyed = `hmac:${createHmac('sha256', t.config.SUPPRESSION_HASH_SECRET).update(email.toLowerCase()).digest('hex')}`;
    expect(await t.dataSource.query(`SELECT email FROM email_suppression WHERE structure_id = $1`, [w.structure.id])).toEqual([{ email: keyed }]);
    expect(keyed).not.toContain(createHash('sha256').update(email.toLowerCase()).digest('hex'));
    for (const needle of [lastName, email, tel, e164(tel)]) expect({ needle, tables: await tablesHolding(needle) }).toEqual({ needle, tables: [] });
    const [row] = await t.dataSource.query(`SELECT first_name, last_name, job_title, email, phone, notes, email_opt_out FROM contact WHERE id = $1`, [contact]);
    expect(row).toEqual({ first_name: null, last_name: 'Personne anonymisée', job_title: null, email: null, phone: null, notes: null, email_opt_out: true });
    // The call stays in the company's history (the funnel counts it), its notes erased whole; the lead keeps no contact.
    expect(await t.dataSource.query(`SELECT type, outcome, contact_id, text FROM activity WHERE company_id = $1`, [company])).toEqual([
      { type: 'call', outcome: 'need_found', contact_id: contact, text: expect.stringMatching(ERASED) },
    ]);
    expect((await t.dataSource.query(`SELECT contact_id FROM job_lead WHERE id = $1`, [lead]))[0].contact_id).toBeNull();

    // Someone enters the address again, in other letters: the new contact is opted out at once...
    const again = (await w.s.post(`/api/companies/${company}/contacts`, { lastName: 'Accueil', email: email.toUpperCase() }).expect(201)).body.id as string;
    expect((await t.dataSource.query(`SELECT email_opt_out FROM contact WHERE id = $1`, [again]))[0].email_opt_out).toBe(true);
    await w.s.patch(`/api/contacts/${again}`, { emailOptOut: false }).expect(200);
    expect((await t.dataSource.query(`SELECT email_opt_out FROM contact WHERE id = $1`, [again]))[0].email_opt_out).toBe(true);

    // ...so a follow-up meant for it becomes a call task, and nothing reaches the address.
    const employee = `salarie-${randomUUID()}@exemple.fr`;
    const candidate = (await w.s.post('/api/candidates', { firstName: 'Samira', lastName: token(), email: employee }).expect(201)).body.id;
    const created = (
      await w.s
        .post('/api/placements', { candidateId: candidate, companyId: company, employerContactId: again, contractType: 'cdi', jobTitle: 'Menuisier·e', startDate: startWithThreeDayStepDue(today), ownerId: w.staff.id })
        .expect(201)
    ).body;
    await w.s.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    const rows = await waitFor(
      () => t.dataSource.query(`SELECT party, status, last_error FROM check_in WHERE placement_id = $1 AND status <> 'planned' ORDER BY party`, [created.id]),
      (found: unknown[]) => found.length === 2,
    );
    expect(rows).toEqual([
      { party: 'employee', status: 'sent', last_error: null },
      { party: 'employer', status: 'call_task', last_error: 'recipient opted out of e-mails' },
    ]);
    expect(await waitForMail(employee)).toHaveLength(1);
    await pause(300);
    expect(await inboxOf(email)).toHaveLength(0);
  });

  it('runs the scan as a daily repeatable job of the worker', async () => {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.privacy));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual(expect.arrayContaining([expect.objectContaining({ key: JOBS.retentionScan, pattern: RETENTION_SCAN_PATTERN, tz: 'Europe/Paris' })]));
    // A job run by hand, for one structure, goes through the processor with the real clock: a person who
    // exited 25 months ago is warned (anonymisation in 30 days), one who exited 22 months ago is not yet.
    const w = await world('ACI Tâche');
    const today = calendarDayIn('Europe/Paris', new Date());
    const old = await exitedCandidate(w, addCalendarDays(today, -25 * 31));
    const recent = await exitedCandidate(w, addCalendarDays(today, -22 * 31));
    const job = await queue.add(JOBS.retentionScan, { structureIds: [w.structure.id] }, { attempts: 1 });
    const done = await waitFor(() => Job.fromId(queue, job.id!), (found) => Boolean(found?.finishedOn));
    expect(done?.failedReason).toBeUndefined();
    expect(done?.returnvalue).toEqual({ warned: 1, anonymised: 0, failed: 0 });
    // (Another spec's worker, its clock frozen a minute behind, may have taken the job: the day may be yesterday's.)
    expect([addCalendarDays(today, 29), addCalendarDays(today, 30)]).toContain((await candidateRow(old.id)).warned_for);
    expect((await candidateRow(recent.id)).warned_for).toBeNull();
  });
});
