import { createTestApp, TestApp } from './helpers/app';
import { api, Api } from './helpers/api';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { User } from '../src/users/user.entity';

describe('contact pressure: the monthly cap, never-contact and the automatic rest (e2e)', () => {
  let t: TestApp;
  let karim: User;
  let lea: User;
  let k: Api;
  let l: Api;
  let m: Api;
  let other: Api;
  let karimSession: LoggedIn;
  let managerSession: LoggedIn;

  let otherUser: User;
  let managerUser: User;
  /** Moves the test clock; sessions expire after 12 hours, so everyone logs in again at that time. */
  const travel = async (instant: string) => {
    t.clock.set(new Date(instant));
    const server = t.app.getHttpServer();
    karimSession = await login(server, karim.email);
    k = api(karimSession);
    l = api(await login(server, lea.email));
    managerSession = await login(server, managerUser.email);
    m = api(managerSession);
    other = api(await login(server, otherUser.email));
  };

  beforeAll(async () => {
    t = await createTestApp();
    // Sunday 6 December 2026, 10:00 in Paris (set by travel below).
    const structure = await createStructure(t.dataSource);
    karim = await createUser(t.dataSource, structure, 'staff', 'Karim');
    lea = await createUser(t.dataSource, structure, 'staff', 'Léa');
    await t.dataSource.getRepository(User).update({ id: lea.id }, { lastName: 'Martin' });
    managerUser = await createUser(t.dataSource, structure, 'manager', 'Nadia');
    otherUser = await createUser(t.dataSource, await createStructure(t.dataSource), 'staff');
    await travel('2026-12-06T09:00:00Z');
  });
  afterAll(() => t.close());

  const newCompany = async (name: string) => (await k.post('/api/companies', { name, ownerId: karim.id }).expect(201)).body as { id: string; version: number };
  const timelineTotal = async (id: string) => (await k.get(`/api/companies/${id}/timeline`).expect(200)).body.total as number;
  const company = async (id: string) => (await k.get(`/api/companies/${id}`).expect(200)).body;

  describe('the monthly cap', () => {
    it('warns on the call that exceeds it, naming who contacted the company last and when; the call is written', async () => {
      const { id } = await newCompany('Boulangerie Fournil');
      const capped = await k.patch(`/api/companies/${id}`, { monthlyContactCap: 2 }).expect(200);
      expect(capped.body).toMatchObject({ monthlyContactCap: 2, noContact: false });

      // 1 December 00:30 in Paris is still 30 November in UTC: it counts for December.
      const first = await k.post(`/api/companies/${id}/activities`, { type: 'email', occurredAt: '2026-11-30T23:30:00Z' }).expect(201);
      expect(first.body.warnings).toEqual([]);
      // A contact of November does not count.
      await k.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'call_back', occurredAt: '2026-11-30T22:30:00Z' }).expect(201);
      const second = await l.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'call_back', occurredAt: '2026-12-03T14:00:00Z' }).expect(201);
      expect(second.body.warnings).toEqual([]);
      // A note is no contact.
      expect((await k.post(`/api/companies/${id}/activities`, { type: 'note', text: 'Rappeler après les fêtes' }).expect(201)).body.warnings).toEqual([]);

      const third = await k.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'call_back' }).expect(201);
      expect(third.body.warnings).toEqual([
        {
          code: 'pressure.cap_reached',
          message: 'Cette entreprise a demandé 2 contacts par mois au plus : déjà 2 ce mois-ci, le dernier par Léa Martin le 3 décembre 2026.',
        },
      ]);
      // Five activities, and the company's creation.
      expect(await timelineTotal(id)).toBe(6);

      // Booking a meeting is a contact too: it warns, and is booked.
      const version = (await company(id)).version;
      const booked = await k.put(`/api/companies/${id}/next-action`, { type: 'meeting', dueOn: '2026-12-10', version }).expect(200);
      expect(booked.body.warnings).toEqual([expect.objectContaining({ code: 'pressure.cap_reached', message: expect.stringContaining('déjà 3 ce mois-ci, le dernier par Karim staff le 6 décembre 2026') })]);
      expect(booked.body.nextAction).toMatchObject({ type: 'meeting', dueOn: '2026-12-10' });

      // A new month starts afresh; no cap, no warning.
      await travel('2027-01-04T09:00:00Z');
      expect((await k.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'call_back' }).expect(201)).body.warnings).toEqual([]);
      await k.patch(`/api/companies/${id}`, { monthlyContactCap: null }).expect(200);
      for (let index = 0; index < 3; index++) {
        expect((await k.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'call_back' }).expect(201)).body.warnings).toEqual([]);
      }
      await travel('2026-12-06T09:00:00Z');
    });

    it('counts an encounter’s invitation e-mailed to a contact, and warns when inviting past the cap; the invitations still go', async () => {
      const { id } = await newCompany('Menuiserie Invitée');
      await k.patch(`/api/companies/${id}`, { monthlyContactCap: 1 }).expect(200);
      const person = async (firstName: string, email?: string) =>
        (await k.post(`/api/companies/${id}/contacts`, { firstName, lastName: 'Copeau', ...(email ? { email } : {}) }).expect(201)).body.id as string;
      const [anne, bruno, chloe] = [await person('Anne', 'anne@menuiserie.test'), await person('Bruno', 'bruno@menuiserie.test'), await person('Chloé')];
      const encounter = (
        await k.post('/api/encounters', { kind: 'company_visit', title: 'Visite de l’atelier', day: '2027-01-15', startTime: '10:00', endTime: '11:00', hostCompanyId: id }).expect(201)
      ).body;
      const invite = async (api: Api, contactId: string) => (await api.post(`/api/encounters/${encounter.id}/participants`, { contactIds: [contactId] }).expect(201)).body;

      expect((await invite(k, anne)).warnings).toEqual([]);
      await travel('2026-12-06T10:00:00Z');
      const call = await l.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'call_back' }).expect(201);
      expect(call.body.warnings[0].message).toContain('déjà 1 ce mois-ci, le dernier par Karim staff le 6 décembre 2026');

      await travel('2026-12-06T11:00:00Z');
      const second = await invite(l, bruno);
      expect(second.warnings).toEqual([
        {
          code: 'pressure.cap_reached',
          message: 'Cette entreprise a demandé 1 contact par mois au plus : déjà 2 ce mois-ci, le dernier par Léa Martin le 6 décembre 2026.',
        },
      ]);
      expect(second.participants.map((one: { personId: string }) => one.personId)).toEqual(expect.arrayContaining([anne, bruno]));

      // Chloé has no address: she is on the list but was not e-mailed, so she is no contact of the month.
      await travel('2026-12-06T12:00:00Z');
      expect((await invite(k, chloe)).warnings[0].message).toContain('déjà 3 ce mois-ci, le dernier par Léa Martin');
      const last = await k.post(`/api/companies/${id}/activities`, { type: 'email' }).expect(201);
      expect(last.body.warnings[0].message).toContain('déjà 3 ce mois-ci');

      // On the page, without script, the sentence is next to the invitations.
      const other = await person('Denis', 'denis@menuiserie.test');
      const page = await karimSession.agent
        .post(`/rencontres/${encounter.id}/participants`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: karimSession.csrf, contactIds: other })
        .expect(200);
      expect(page.text).toContain('Les invitations sont parties. Cette entreprise a demandé 1 contact par mois au plus : déjà 4 ce mois-ci');
      await travel('2026-12-06T09:00:00Z');
    });

    it('accepts 1 to 100 contacts a month, or none; anything else is refused on the field', async () => {
      const { id } = await newCompany('Garage Cap');
      for (const monthlyContactCap of [0, 101, 2.5, 'deux']) {
        const refused = await k.patch(`/api/companies/${id}`, { monthlyContactCap }).expect(400);
        expect(new Set(refused.body.details.map((detail: { field: string; code: string }) => `${detail.field} ${detail.code}`))).toEqual(
          new Set(['monthlyContactCap pressure.monthly_contact_cap_invalid']),
        );
      }
      const refused = await k.patch(`/api/companies/${id}`, { noContact: 'oui' }).expect(400);
      expect(refused.body.details[0]).toMatchObject({ field: 'noContact', code: 'pressure.no_contact_invalid' });
      expect((await company(id)).monthlyContactCap).toBeNull();
    });
  });

  describe('never contact', () => {
    it('refuses a call, an e-mail and a meeting request (409, naming who recorded it and when), with nothing written', async () => {
      const { id } = await newCompany('Menuiserie Tranquille');
      const set = await k.patch(`/api/companies/${id}`, { noContact: true }).expect(200);
      expect(set.body).toMatchObject({ noContact: true, noContactSetBy: karim.id });
      const before = await company(id);
      const total = await timelineTotal(id);

      const attempts = [
        () => l.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'no_answer' }),
        () => l.post(`/api/companies/${id}/activities`, { type: 'email' }),
        () => l.post(`/api/companies/${id}/activities`, { type: 'meeting' }),
        () => l.post(`/api/companies/${id}/activities`, { type: 'note', text: 'À relancer', nextAction: { type: 'call', dueOn: '2026-12-08' } }),
        () => l.put(`/api/companies/${id}/next-action`, { type: 'meeting', dueOn: '2026-12-10', version: before.version }),
      ];
      for (const attempt of attempts) {
        const refused = await attempt().expect(409);
        expect(refused.body).toMatchObject({ code: 'pressure.no_contact', params: { name: 'Menuiserie Tranquille', known: 'yes', by: 'Karim staff', on: '2026-12-06' } });
      }
      expect(await timelineTotal(id)).toBe(total);
      expect(await company(id)).toEqual(before);

      // A note is no contact, and proposes no call.
      await l.post(`/api/companies/${id}/activities`, { type: 'note', text: 'Ne plus appeler' }).expect(201);
      // The employer changes its mind: contacts are possible again.
      await k.patch(`/api/companies/${id}`, { noContact: false }).expect(200);
      expect((await company(id)).noContactSetBy).toBeNull();
      await l.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'call_back' }).expect(201);
    });

    it('refuses to e-mail its contacts an encounter’s invitation, inviting nobody', async () => {
      const { id } = await newCompany('Scierie Discrète');
      const contact = (await k.post(`/api/companies/${id}/contacts`, { firstName: 'Jean', lastName: 'Bois', email: 'jean.bois@scierie.test' }).expect(201)).body;
      const encounter = (
        await k.post('/api/encounters', { kind: 'company_visit', title: 'Visite de la scierie', day: '2027-01-15', startTime: '10:00', endTime: '11:00', hostCompanyId: id }).expect(201)
      ).body;
      await k.patch(`/api/companies/${id}`, { noContact: true }).expect(200);
      const refused = await k.post(`/api/encounters/${encounter.id}/participants`, { contactIds: [contact.id], userIds: [lea.id] }).expect(409);
      expect(refused.body).toMatchObject({ code: 'pressure.no_contact', params: { name: 'Scierie Discrète', by: 'Karim staff' } });
      expect((await k.get(`/api/encounters/${encounter.id}`).expect(200)).body.participants).toEqual([]);
    });

    it('takes the company off the lists to call', async () => {
      const { id } = await newCompany('Traiteur Silence');
      const today = async () => ((await k.get('/api/actions?view=today&owner=me').expect(200)).body.items as Array<{ id: string }>).map((card) => card.id);
      expect(await today()).toContain(id);
      await k.patch(`/api/companies/${id}`, { noContact: true }).expect(200);
      expect(await today()).not.toContain(id);
      const board = (await karimSession.agent.get('/prospection?q=Traiteur%20Silence').set('Accept', 'text/html').expect(200)).text;
      expect(board).toContain('<span class="badge badge-no-contact">Ne plus contacter</span>');
    });
  });

  describe('the automatic rest', () => {
    const noAnswer = (api: Api, id: string, occurredAt?: string) =>
      api.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'no_answer', ...(occurredAt ? { occurredAt } : {}) }).expect(201);

    it('starts on the 6th unanswered call in 3 months, leaves the lists, and ends on its own on the right day', async () => {
      const { id } = await newCompany('Imprimerie Muette');
      // Six calls already, but 20 August is more than 3 months before 25 November, and before 6 December.
      for (const day of ['2026-08-20', '2026-09-10', '2026-10-01', '2026-10-20', '2026-11-05', '2026-11-25']) {
        await noAnswer(k, id, `${day}T08:00:00Z`);
      }
      expect((await company(id)).restingUntil).toBeNull();
      await noAnswer(l, id);
      const resting = await company(id);
      expect(resting).toMatchObject({ restingUntil: '2027-03-06', restReason: '6 appels sans réponse en 3 mois (dernier le 6 décembre 2026)' });
      // The board's card says so, in the API and on the page.
      const cards = async () =>
        ((await k.get('/api/board?q=Imprimerie%20Muette').expect(200)).body.columns as Array<{ cards: Array<{ id: string; restingUntil: string | null }> }>).flatMap(
          (column) => column.cards,
        );
      expect((await cards()).find((card) => card.id === id)).toMatchObject({ restingUntil: '2027-03-06', noContact: false });
      const board = (await karimSession.agent.get('/prospection?q=Imprimerie%20Muette').set('Accept', 'text/html').expect(200)).text;
      expect(board).toContain('<span class="badge badge-resting">Au repos jusqu’au 06/03/2027</span>');

      const version = resting.version;
      await k.put(`/api/companies/${id}/next-action`, { type: 'call', dueOn: '2026-12-06', ownerId: karim.id, version }).expect(200);
      const listed = async () => ((await k.get('/api/actions?view=today&owner=me').expect(200)).body.items as Array<{ id: string }>).some((card) => card.id === id);
      expect(await listed()).toBe(false);

      // Still resting on 5 March; back on 6 March (Paris), with no job run.
      await travel('2027-03-05T22:59:00Z');
      expect((await company(id)).restingUntil).toBe('2027-03-06');
      await travel('2027-03-05T23:00:00Z');
      expect((await company(id)).restingUntil).toBeNull();
      expect((await cards()).find((card) => card.id === id)).toMatchObject({ restingUntil: null });
      await k.put(`/api/companies/${id}/next-action`, { type: 'call', dueOn: '2027-03-06', ownerId: karim.id, version: (await company(id)).version }).expect(200);
      expect(await listed()).toBe(true);
      await travel('2026-12-06T09:00:00Z');
    });

    it('ends at once when the company answers (any other outcome, a meeting, a visit)', async () => {
      for (const answer of [{ type: 'call', outcome: 'call_back' }, { type: 'meeting' }, { type: 'visit' }]) {
        const { id } = await newCompany(`Plâtrerie ${answer.type}`);
        for (let index = 0; index < 6; index++) await noAnswer(k, id, `2026-12-0${index + 1}T08:00:00Z`);
        expect((await company(id)).restingUntil).toBe('2027-03-06');
        await k.post(`/api/companies/${id}/activities`, answer).expect(201);
        expect(await company(id)).toMatchObject({ restingUntil: null, restReason: null });
        // The calls before the answer no longer count.
        await noAnswer(k, id);
        expect((await company(id)).restingUntil).toBeNull();
      }
    });

    it('« Reprendre le contact » ends it by hand, and the calls before no longer count', async () => {
      const { id } = await newCompany('Carrosserie Repos');
      for (let index = 0; index < 6; index++) await noAnswer(k, id, `2026-11-2${index}T08:00:00Z`);
      expect((await company(id)).restingUntil).toBe('2027-02-25');
      const ended = await l.delete(`/api/companies/${id}/rest`).expect(200);
      expect(ended.body).toMatchObject({ restingUntil: null, restReason: null });
      t.clock.advance(60_000);
      await noAnswer(k, id);
      expect((await company(id)).restingUntil).toBeNull();
    });

    it('follows the structure’s settings, which managers change', async () => {
      expect((await k.get('/api/pipeline/rest').expect(200)).body).toEqual({ attempts: 6, months: 3 });
      await k.put('/api/pipeline/rest', { attempts: 3, months: 1 }).expect(403);
      const refused = await m.put('/api/pipeline/rest', { attempts: 1, months: 30 }).expect(400);
      expect(refused.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'attempts', code: 'pressure.rest_attempts_invalid' }),
          expect.objectContaining({ field: 'months', code: 'pressure.rest_months_invalid' }),
        ]),
      );
      expect((await m.put('/api/pipeline/rest', { attempts: 3, months: 1 }).expect(200)).body).toEqual({ attempts: 3, months: 1 });
      const { id } = await newCompany('Serrurerie Courte');
      for (const day of ['2026-11-20', '2026-12-01']) await noAnswer(k, id, `${day}T08:00:00Z`);
      await noAnswer(k, id);
      expect(await company(id)).toMatchObject({ restingUntil: '2027-01-06', restReason: '3 appels sans réponse en 1 mois (dernier le 6 décembre 2026)' });
      await m.put('/api/pipeline/rest', { attempts: 6, months: 3 }).expect(200);
    });
  });

  describe('the pages', () => {
    const post = (session: LoggedIn, path: string, fields: Record<string, string> = {}) =>
      session.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: session.csrf, ...fields });
    const page = async (id: string) => (await karimSession.agent.get(`/entreprises/${id}`).set('Accept', 'text/html').expect(200)).text;

    it('record what the employer asked, show the cap’s warning after the call that exceeds it, and refuse a call it asked never to have', async () => {
      const { id } = await newCompany('Pâtisserie Page');
      const refused = await post(karimSession, `/entreprises/${id}/sollicitations`, { monthlyContactCap: '0', version: '1' }).expect(400);
      expect(refused.text).toContain('Indiquez un nombre de contacts par mois entre 1 et 100, ou laissez vide s’il n’y a pas de limite.');
      expect(refused.text).toContain('id="pression-monthlyContactCap-erreur"');
      await post(karimSession, `/entreprises/${id}/sollicitations`, { monthlyContactCap: '1', version: '1' }).expect(303);
      expect(await page(id)).toContain('Au plus 1 contact par mois');

      await post(karimSession, `/entreprises/${id}/activites`, { type: 'call', outcome: 'call_back', occurredAt: '2026-12-06T09:30' }).expect(303);
      await post(karimSession, `/entreprises/${id}/activites`, { type: 'call', outcome: 'call_back', occurredAt: '2026-12-06T09:45' }).expect(303);
      expect(await page(id)).toContain('Cette entreprise a demandé 1 contact par mois au plus : déjà 2 ce mois-ci, le dernier par Karim staff le 6 décembre 2026.');

      const version = String((await company(id)).version);
      await post(karimSession, `/entreprises/${id}/sollicitations`, { monthlyContactCap: '', noContact: 'true', version }).expect(303);
      const total = await timelineTotal(id);
      const call = await post(karimSession, `/entreprises/${id}/activites`, { type: 'call', outcome: 'no_answer', occurredAt: '2026-12-06T09:50' }).expect(409);
      expect(call.text).toContain('« Pâtisserie Page » a demandé à ne plus être contactée (noté par Karim staff le 6 décembre 2026) : rien n’a été enregistré.');
      expect(await timelineTotal(id)).toBe(total);
      expect(await page(id)).toContain('Cette entreprise a demandé à ne plus être contactée (noté par Karim staff le 6 décembre 2026)');
    });

    it('show why and until when a company rests, and « Reprendre le contact » ends it', async () => {
      const { id } = await newCompany('Vitrerie Page');
      for (let index = 0; index < 6; index++) await k.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'no_answer', occurredAt: `2026-12-0${index + 1}T08:00:00Z` }).expect(201);
      const resting = await page(id);
      expect(resting).toContain('Au repos jusqu’au 6 mars 2027</strong> : 6 appels sans réponse en 3 mois (dernier le 6 décembre 2026)');
      expect(resting).toContain('Reprendre le contact');
      const resumed = await post(karimSession, `/entreprises/${id}/reprendre`).expect(303);
      expect(resumed.headers.location).toBe(`/entreprises/${id}?ok=repos#sollicitations`);
      const after = (await karimSession.agent.get(resumed.headers.location).set('Accept', 'text/html').expect(200)).text;
      expect(after).toContain('Le repos a pris fin : l’entreprise revient dans les listes à appeler.');
      expect(after).not.toContain('Au repos jusqu’au');
      await other.post(`/entreprises/${id}/reprendre`).expect(404);
    });

    it('let managers set the rest on the pipeline settings page, errors next to the field', async () => {
      const refused = await post(managerSession, '/prospection/reglages/repos', { attempts: '1', months: '3' }).expect(400);
      expect(refused.text).toContain('<p class="field-error" id="repos-attempts-erreur">Indiquez un nombre d’appels sans réponse entre 2 et 50.</p>');
      expect(refused.text).toContain('value="1"');
      await post(managerSession, '/prospection/reglages/repos', { attempts: '8', months: '4' }).expect(303);
      expect((await k.get('/api/pipeline/rest').expect(200)).body).toEqual({ attempts: 8, months: 4 });
      await post(karimSession, '/prospection/reglages/repos', { attempts: '6', months: '3' }).expect(403);
      await post(managerSession, '/prospection/reglages/repos', { attempts: '6', months: '3' }).expect(303);
    });
  });

  it('answers 404 for another structure’s company, and changes nothing', async () => {
    const { id } = await newCompany('Fromagerie Privée');
    await other.patch(`/api/companies/${id}`, { noContact: true }).expect(404);
    await other.delete(`/api/companies/${id}/rest`).expect(404);
    await other.post(`/api/companies/${id}/activities`, { type: 'call', outcome: 'no_answer' }).expect(404);
    expect((await company(id)).noContact).toBe(false);
    expect(await timelineTotal(id)).toBe(1);
  });
});
