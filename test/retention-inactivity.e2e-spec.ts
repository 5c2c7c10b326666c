import { frenchLongDate } from '../src/common/french';
import { INestApplicationContext } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { RetentionScanResult, RetentionService } from '../src/privacy/retention.service';
import { addCalendarDays, calendarDayIn } from '../src/common/calendar/working-days';
import { api, Api, fieldsOf } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { login } from './helpers/fixtures';
import { waitForMail } from './helpers/mail';
import { privacyWorld, PrivacyWorld, tablesHolding as tablesHoldingIn } from './helpers/privacy';
import { asWorker } from './helpers/scope';

/**
 * RGPD, retention for everyone: people still on their path and company contacts with no activity
 * for the structure's inactivity period (24 months by default) are warned 30 days ahead, then
 * anonymised (people) or erased (contacts). People are created now (the real day); the scan runs
 * on this spec's structures only with the clock moved two years ahead, so the daily job of any
 * worker (real clock) never touches them. Activity "later" is made with the clock moved too.
 */

/** Letters only: a name a word-boundary search can find. */
const token = () =>
  Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('').replace(/^./, (c) => c.toUpperCase());
const TZ = 'Europe/Paris';
/** Noon in Paris that day, as an instant. */
const noon = (day: string) => `${day}T10:00:00Z`;

type World = PrivacyWorld;

describe('privacy: retention of people still on their path and of contacts, by inactivity (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let retention: RetentionService;

  const world = (name: string) => privacyWorld(t, name);

  const realTime = () => t.clock.set(new Date());

  async function scanAt(w: World, instant: string): Promise<RetentionScanResult> {
    t.clock.set(new Date(instant));
    try {
      return await retention.run(undefined, { structureIds: [w.structure.id] });
    } finally {
      realTime();
    }
  }

  /** Something done by the staff member at a later instant: a session opened then (sessions expire by the clock). */
  async function later<T>(w: World, instant: string, act: (s: Api) => Promise<T>): Promise<T> {
    t.clock.set(new Date(instant));
    try {
      return await act(api(await login(t.app.getHttpServer(), w.staff.email)));
    } finally {
      realTime();
    }
  }

  /** The day a row was created, in Paris, and that day `months` later. */
  async function createdDay(table: 'candidate' | 'contact', id: string, months = 24): Promise<{ created: string; due: string }> {
    const [row] = await t.dataSource.query(
      `SELECT (created_at AT TIME ZONE $2)::date::text AS created, ((created_at AT TIME ZONE $2)::date + make_interval(months => $3))::date::text AS due
         FROM ${table} WHERE id = $1`,
      [id, TZ, months],
    );
    return row;
  }

  async function candidate(w: World, extra: Record<string, unknown> = {}) {
    const lastName = token();
    const { id } = (await w.s.post('/api/candidates', { firstName: 'Odile', lastName, ownerId: w.staff.id, ...extra }).expect(201)).body as { id: string };
    return { id, lastName, name: `Odile ${lastName}` };
  }

  const row = async (table: 'candidate' | 'contact', id: string) =>
    (await t.dataSource.query(`SELECT *, retention_warned_for::text AS warned_for FROM ${table} WHERE id = $1`, [id]))[0];
  const warningsAbout = (column: 'candidate_id' | 'contact_id', id: string) =>
    t.dataSource.query(`SELECT user_id, message, resolved_at FROM staff_alert WHERE ${column} = $1 AND kind = 'retention_warning' ORDER BY created_at`, [
      id,
    ]) as Promise<Array<{ user_id: string; message: string; resolved_at: Date | null }>>;

  const tablesHolding = (needle: string) => tablesHoldingIn(t.dataSource, needle);

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    retention = asWorker(t.app.get(RetentionService), 'retention');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });
  beforeEach(() => realTime());

  it('warns the owner of a person never exited and idle for 24 months, once, 30 days ahead, then anonymises on the day; activity or an ongoing placement keeps them', async () => {
    const w = await world('ACI Inactivité');
    const today = calendarDayIn(TZ, new Date());
    const idle = await candidate(w, { email: `odile-${token().toLowerCase()}@exemple.fr`, notes: 'Suivi social', constraints: { health: 'Diabète' } });
    const proposed = await candidate(w);
    const placed = await candidate(w);
    const company = (await w.s.post('/api/companies', { name: `Jardins ${token()}` }).expect(201)).body.id as string;
    const placement = (
      await w.s.post('/api/placements', { candidateId: placed.id, companyId: company, contractType: 'cdi', jobTitle: 'Jardinier·e', startDate: today, ownerId: w.staff.id }).expect(201)
    ).body;
    await w.s.post(`/api/placements/${placement.id}/start`, { version: placement.version }).expect(200);
    const { created, due } = await createdDay('candidate', idle.id);
    const warnDay = addCalendarDays(due, -30);

    // A proposal 14 months after the creation: that person's 24 months start again from it.
    const lead = (await w.s.post('/api/leads', { companyId: company, jobTitle: 'Agent·e d’entretien', contractType: 'cdd' }).expect(201)).body.id as string;
    const proposalDay = addCalendarDays(created, 14 * 31);
    await later(w, noon(proposalDay), (s) => s.post(`/api/leads/${lead}/proposals`, { candidateId: proposed.id, force: true }).expect(201));
    // A meeting about another person, on the same day, is their activity too.
    const noted = await candidate(w);
    await later(w, noon(proposalDay), (s) => s.post(`/api/companies/${company}/activities`, { type: 'meeting', candidateId: noted.id, text: 'Point avec le tuteur' }).expect(201));

    // Not before 30 days ahead; then once, even with two scans at the same time.
    expect(await scanAt(w, noon(addCalendarDays(warnDay, -1)))).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    t.clock.set(new Date(noon(warnDay)));
    const runs = await Promise.all([1, 2].map(() => retention.run(new Date(noon(warnDay)), { structureIds: [w.structure.id] })));
    realTime();
    expect(runs.reduce((sum, run) => sum + run.warned, 0)).toBe(1);
    expect((await scanAt(w, noon(addCalendarDays(warnDay, 1)))).warned).toBe(0);

    expect((await row('candidate', idle.id)).warned_for).toBe(due);
    const [cd, cm, cy] = [created.slice(8), created.slice(5, 7), created.slice(0, 4)];
    expect(await warningsAbout('candidate_id', idle.id)).toEqual([
      {
        user_id: w.staff.id,
        message:
          `Les données de ${idle.name} (aucune activité depuis le ${frenchLongDate(created)}) seront anonymisées le ${frenchLongDate(due)}, après 24 mois sans activité. ` +
          'Toute activité d’ici là (fiche mise à jour, proposition, placement, point de suivi) repousse l’anonymisation ; exportez ses données si la personne les demande.',
        resolved_at: null,
      },
    ]);
    for (const other of [proposed, placed, noted]) expect({ who: other.name, warned: (await row('candidate', other.id)).warned_for }).toEqual({ who: other.name, warned: null });
    const [mail] = await waitForMail(w.staff.email);
    expect(mail.subject).toBe(`Anonymisation prévue le ${frenchLongDate(due)} : ${idle.name}`);
    expect(mail.text).toContain(`${t.config.APP_BASE_URL}/rgpd/candidats/${idle.id}`);
    expect(mail.text).toContain('après 24 mois sans activité');
    expect(mail.text).not.toContain('Diabète');
    expect(mail.text).not.toContain('Suivi social');
    // The managers see it coming, with the reason.
    expect((await w.m.get('/api/privacy/upcoming').expect(200)).body).toEqual([
      expect.objectContaining({ subjectType: 'candidate', subjectId: idle.id, candidateId: idle.id, reason: 'inactivity', name: idle.name, exitDate: null, lastActivityDate: created, anonymiseOn: due }),
    ]);
    const adminPage = await w.m.agent.get('/administration/rgpd').set('Accept', 'text/html').expect(200);
    expect(adminPage.text).toContain(`Sans activité depuis le ${cd}/${cm}/${cy}`);

    // Not before the day announced; on it, anonymised once.
    expect(await scanAt(w, noon(addCalendarDays(due, -1)))).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    expect(await scanAt(w, noon(due))).toEqual({ warned: 0, anonymised: 1, failed: 0 });
    expect(await scanAt(w, noon(addCalendarDays(due, 1)))).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    expect(await row('candidate', idle.id)).toMatchObject({ first_name: 'Personne', last_name: 'anonymisée', email: null, notes: null, constraints: {}, status: 'on_path' });
    expect((await warningsAbout('candidate_id', idle.id))[0].resolved_at).not.toBeNull();
    expect(await tablesHolding(idle.lastName)).toEqual([]);
    const log = (await w.m.get('/api/privacy/requests').expect(200)).body;
    expect(log.items).toEqual([expect.objectContaining({ subjectType: 'candidate', subjectId: idle.id, kind: 'retention', actor: null })]);

    // In a placement still going on: never, even long after. Active 14 months later: their own 24 months.
    const proposedDue = (await t.dataSource.query(`SELECT ($1::date + interval '24 months')::date::text AS day`, [proposalDay]))[0].day as string;
    expect(await scanAt(w, noon(addCalendarDays(proposedDue, -31)))).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    // The person proposed and the person a meeting was about, the same day: both 24 months from then.
    expect(await scanAt(w, noon(addCalendarDays(proposedDue, -30)))).toEqual({ warned: 2, anonymised: 0, failed: 0 });
    expect((await row('candidate', proposed.id)).warned_for).toBe(proposedDue);
    expect((await row('candidate', noted.id)).warned_for).toBe(proposedDue);
    expect((await row('candidate', placed.id)).warned_for).toBeNull();
    expect((await row('candidate', placed.id)).last_name).toBe(placed.lastName);
  });

  it('postpones when the person is active again after the warning, or when the period is made longer, and warns again', async () => {
    const w = await world('ACI Reprise');
    const ana = await candidate(w);
    const { due } = await createdDay('candidate', ana.id);
    expect((await scanAt(w, noon(addCalendarDays(due, -30)))).warned).toBe(1);

    // Proposed for a job 10 days before the day announced: not anonymised, warned again 30 days before the new day.
    const company = (await w.s.post('/api/companies', { name: `Recyclerie ${token()}` }).expect(201)).body.id as string;
    const lead = (await w.s.post('/api/leads', { companyId: company, jobTitle: 'Valoriste', contractType: 'cdd' }).expect(201)).body.id as string;
    const proposalDay = addCalendarDays(due, -10);
    await later(w, noon(proposalDay), (s) => s.post(`/api/leads/${lead}/proposals`, { candidateId: ana.id, force: true }).expect(201));
    expect(await scanAt(w, noon(due))).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    // The warning overtaken is no longer listed as coming.
    expect((await w.m.get('/api/privacy/upcoming').expect(200)).body).toEqual([]);
    const newDue = (await t.dataSource.query(`SELECT ($1::date + interval '24 months')::date::text AS day`, [proposalDay]))[0].day as string;
    expect((await scanAt(w, noon(addCalendarDays(newDue, -31)))).warned).toBe(0);

    // Made longer (36 months) before that: warned again 30 days before the day 36 months after the proposal.
    await w.m.put('/api/privacy/settings', { retentionMonths: 24, inactivityRetentionMonths: 36 }).expect(200);
    expect(await scanAt(w, noon(newDue))).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    const longDue = (await t.dataSource.query(`SELECT ($1::date + interval '36 months')::date::text AS day`, [proposalDay]))[0].day as string;
    expect(await scanAt(w, noon(addCalendarDays(longDue, -30)))).toEqual({ warned: 1, anonymised: 0, failed: 0 });
    expect((await warningsAbout('candidate_id', ana.id)).map((warning) => /après (\d+) mois/.exec(warning.message)?.[1])).toEqual(['24', '36']);
    expect(await scanAt(w, noon(longDue))).toEqual({ warned: 0, anonymised: 1, failed: 0 });
  });

  it('warns the company owner about an idle contact, then erases it; a contact met recently or in an ongoing placement stays', async () => {
    const w = await world('EI Contacts inactifs');
    const today = calendarDayIn(TZ, new Date());
    const companyName = `Menuiserie ${token()}`;
    const company = (await w.s.post('/api/companies', { name: companyName, ownerId: w.staff.id }).expect(201)).body.id as string;
    const newContact = async () => {
      const lastName = token();
      const email = `contact-${lastName.toLowerCase()}@exemple.fr`;
      const { id } = (await w.s.post(`/api/companies/${company}/contacts`, { firstName: 'Paul', lastName, email, jobTitle: 'Gérant' }).expect(201)).body as { id: string };
      return { id, lastName, email, name: `Paul ${lastName}` };
    };
    const idle = await newContact();
    const met = await newContact();
    const employer = await newContact();
    await w.s.post(`/api/companies/${company}/activities`, { type: 'call', outcome: 'need_found', contactId: idle.id, text: `Appel à ${idle.name}` }).expect(201);
    const person = (await w.s.post('/api/candidates', { firstName: 'Samira', lastName: token() }).expect(201)).body.id as string;
    const placement = (
      await w.s
        .post('/api/placements', { candidateId: person, companyId: company, employerContactId: employer.id, contractType: 'cdi', jobTitle: 'Menuisier·e', startDate: today, ownerId: w.staff.id })
        .expect(201)
    ).body;
    await w.s.post(`/api/placements/${placement.id}/start`, { version: placement.version }).expect(200);
    const { created, due } = await createdDay('contact', idle.id);
    // A meeting with the second contact 20 months later.
    const metDay = addCalendarDays(created, 20 * 31);
    await later(w, noon(metDay), (s) => s.post(`/api/companies/${company}/activities`, { type: 'meeting', contactId: met.id, text: 'Rendez-vous sur place' }).expect(201));

    expect(await scanAt(w, noon(addCalendarDays(due, -31)))).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    expect(await scanAt(w, noon(addCalendarDays(due, -30)))).toEqual({ warned: 1, anonymised: 0, failed: 0 });
    expect((await scanAt(w, noon(addCalendarDays(due, -29)))).warned).toBe(0);
    expect((await row('contact', idle.id)).warned_for).toBe(due);
    const [warning] = await warningsAbout('contact_id', idle.id);
    expect(warning).toMatchObject({ user_id: w.staff.id, resolved_at: null });
    expect(warning.message).toContain(`Les données de ${idle.name}, contact chez ${companyName}`);
    expect(warning.message).toContain(`seront effacées le ${frenchLongDate(due)}, après 24 mois sans activité`);
    const [mail] = await waitForMail(w.staff.email);
    expect(mail.subject).toBe(`Effacement prévu le ${frenchLongDate(due)} : ${idle.name} (${companyName})`);
    expect(mail.text).toContain(`${t.config.APP_BASE_URL}/rgpd/contacts/${idle.id}`);
    expect((await w.m.get('/api/privacy/upcoming').expect(200)).body).toEqual([
      expect.objectContaining({ subjectType: 'contact', subjectId: idle.id, candidateId: null, reason: 'inactivity', name: idle.name, companyName, anonymiseOn: due }),
    ]);
    expect((await w.m.agent.get('/administration/rgpd').set('Accept', 'text/html').expect(200)).text).toContain(`href="/rgpd/contacts/${idle.id}"`);

    expect(await scanAt(w, noon(addCalendarDays(due, -1)))).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    expect(await scanAt(w, noon(due))).toEqual({ warned: 0, anonymised: 1, failed: 0 });
    expect(await row('contact', idle.id)).toMatchObject({ first_name: null, last_name: 'Personne anonymisée', email: null, job_title: null, email_opt_out: true });
    expect((await row('contact', idle.id)).erased_at).not.toBeNull();
    expect((await warningsAbout('contact_id', idle.id))[0].resolved_at).not.toBeNull();
    for (const needle of [idle.lastName, idle.email]) expect({ needle, tables: await tablesHolding(needle) }).toEqual({ needle, tables: [] });
    const log = (await w.m.get('/api/privacy/requests').expect(200)).body;
    expect(log.items).toEqual([expect.objectContaining({ subjectType: 'contact', subjectId: idle.id, kind: 'retention', actor: null })]);

    // The contact met 20 months later, and the employer contact of a placement still going on, are kept.
    for (const kept of [met, employer]) {
      expect({ who: kept.name, row: await row('contact', kept.id) }).toEqual({
        who: kept.name,
        row: expect.objectContaining({ last_name: kept.lastName, warned_for: null, erased_at: null }),
      });
    }
    const metDue = (await t.dataSource.query(`SELECT ($1::date + interval '24 months')::date::text AS day`, [metDay]))[0].day as string;
    expect(await scanAt(w, noon(addCalendarDays(metDue, -31)))).toEqual({ warned: 0, anonymised: 0, failed: 0 });
    expect((await row('contact', employer.id)).warned_for).toBeNull();
  });

  it('sets the inactivity period from 12 to 120 months, through the API and on the page, naming the field', async () => {
    const w = await world('ACI Réglages');
    expect((await w.s.get('/api/privacy/settings').expect(200)).body).toEqual({ retentionMonths: 24, inactivityRetentionMonths: 24, warningDays: 30 });
    await w.s.put('/api/privacy/settings', { retentionMonths: 24, inactivityRetentionMonths: 36 }).expect(403);
    for (const bad of [11, 121, 0, 18.5, '24', null]) {
      const refused = await w.m.put('/api/privacy/settings', { retentionMonths: 24, inactivityRetentionMonths: bad }).expect(400);
      expect({ bad, fields: fieldsOf(refused.body) }).toEqual({ bad, fields: ['inactivityRetentionMonths'] });
    }
    expect((await w.m.put('/api/privacy/settings', { retentionMonths: 24, inactivityRetentionMonths: 12 }).expect(200)).body).toEqual({
      retentionMonths: 24,
      inactivityRetentionMonths: 12,
      warningDays: 30,
    });
    // Absent: unchanged (clients of before this setting).
    expect((await w.m.put('/api/privacy/settings', { retentionMonths: 30 }).expect(200)).body).toMatchObject({ retentionMonths: 30, inactivityRetentionMonths: 12 });
    expect((await w.m.put('/api/privacy/settings', { retentionMonths: 30, inactivityRetentionMonths: 120 }).expect(200)).body.inactivityRetentionMonths).toBe(120);

    const page = await w.m.agent.get('/administration/rgpd').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('name="inactivityRetentionMonths"');
    expect(page.text).toContain('value="120"');
    expect(page.text).toContain('Durée sans activité (mois, de 12 à 120)');
    const form = (fields: Record<string, string>) =>
      w.m.agent.post('/administration/rgpd').type('form').set('Accept', 'text/html').send({ _csrf: w.csrf.m, ...fields });
    const refused = await form({ retentionMonths: '30', inactivityRetentionMonths: '6' }).expect(400);
    // The error sits with its field, the value typed is kept, the other field has no error.
    expect(refused.text).toMatch(/name="inactivityRetentionMonths"[^>]*value="6" aria-invalid="true" aria-describedby="inactivite-erreur"/);
    expect(refused.text).toContain('<p class="alert" role="alert" id="inactivite-erreur">Indiquez un nombre de mois entre 12 et 120 (1 à 10 ans).</p>');
    expect(refused.text).not.toContain('id="retention-erreur"');
    expect((await w.m.get('/api/privacy/settings').expect(200)).body.inactivityRetentionMonths).toBe(120);
    const both = await form({ retentionMonths: '2', inactivityRetentionMonths: 'deux ans' }).expect(400);
    expect(both.text).toContain('id="retention-erreur"');
    expect(both.text).toContain('id="inactivite-erreur"');
    expect((await form({ retentionMonths: '30', inactivityRetentionMonths: '60' }).expect(303)).headers.location).toBe('/administration/rgpd?ok=reglage');
    expect((await w.m.get('/api/privacy/settings').expect(200)).body).toMatchObject({ retentionMonths: 30, inactivityRetentionMonths: 60 });
  });
});
