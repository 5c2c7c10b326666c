import { api, Api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';

/** The encounter pages over HTTP, as a browser without JavaScript (and htmx) sends them. */
describe('encounter pages (e2e)', () => {
  let t: TestApp;
  let session: LoggedIn;
  let a: Api;
  let stranger: LoggedIn;
  let companyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    // Monday 1 March 2027, 10:00 in Paris.
    t.clock.set(new Date('2027-03-01T09:00:00Z'));
    const structure = await createStructure(t.dataSource, 'ACI Rencontres pages');
    const owner = await createUser(t.dataSource, structure, 'staff', 'Claire');
    session = await login(t.app.getHttpServer(), owner.email);
    a = api(session);
    stranger = await login(t.app.getHttpServer(), (await createUser(t.dataSource, await createStructure(t.dataSource, 'Autre ACI'), 'admin', 'Ailleurs')).email);
    companyId = (await a.post('/api/companies', { name: 'Boulangerie Martin', commune: 'Lille' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const post = (who: LoggedIn, path: string, fields: Record<string, string | string[]>, htmx = false) => {
    const call = who.agent.post(path).type('form').set('Accept', 'text/html');
    return (htmx ? call.set('HX-Request', 'true') : call).send({ _csrf: who.csrf, ...fields });
  };
  const form = { kind: 'job_dating', title: 'Job dating boulangerie', day: '2027-03-10', startTime: '09:30', endTime: '11:30', capacity: '1', place: '', description: '' };
  const created = async (overrides: Record<string, unknown> = {}) =>
    (await a.post('/api/encounters', { kind: 'job_dating', title: 'Job dating', day: '2027-03-10', startTime: '09:30', endTime: '11:30', hostCompanyId: companyId, ...overrides }).expect(201)).body;

  it('creates an encounter from the form and shows it in the list from today', async () => {
    const response = await post(session, '/rencontres/nouvelle', { ...form, hostCompanyId: companyId }).expect(303);
    expect(response.headers.location).toMatch(/^\/rencontres\/[0-9a-f-]{36}\?ok=creee$/);
    const page = await session.agent.get(response.headers.location).expect(200);
    expect(page.text).toContain('La rencontre a été créée.');
    expect(page.text).toContain('Chez Boulangerie Martin (Lille)');
    const list = await session.agent.get('/rencontres').expect(200);
    expect(list.text).toContain('Job dating boulangerie');
    expect(list.text).toContain('10/03/2027');
    expect(list.text).toContain('0 place prise sur 1');
    expect((await session.agent.get('/rencontres?type=forum').expect(200)).text).not.toContain('Job dating boulangerie');
  });

  it('shows each refusal next to its field, in French, keeping what was typed', async () => {
    const response = await post(session, '/rencontres/nouvelle', { ...form, title: 'Sans lieu', endTime: '08:00' }).expect(400);
    expect(response.text).toContain('L’heure de fin doit suivre l’heure de début.');
    expect(response.text).toMatch(/id="rencontre-endTime-erreur"/);
    expect(response.text).toContain('value="Sans lieu"');
    const noPlace = await post(session, '/rencontres/nouvelle', { ...form }).expect(400);
    expect(noPlace.text).toContain('Indiquez le lieu, ou choisissez l’entreprise qui accueille la rencontre.');
    const badPeriod = await session.agent.get('/rencontres?du=2027-03-10&au=2027-03-01').expect(400);
    expect(badPeriod.text).toContain('Indiquez une période valide');
  });

  it('edits with the version shown, and says so when someone changed it in between', async () => {
    const encounter = await created();
    const edit = await session.agent.get(`/rencontres/${encounter.id}/modifier`).expect(200);
    expect(edit.text).toContain(`name="version" value="${encounter.version}"`);
    await post(session, `/rencontres/${encounter.id}/modifier`, { ...form, hostCompanyId: companyId, title: 'Job dating renommé', version: String(encounter.version) }).expect(303);
    const stale = await post(session, `/rencontres/${encounter.id}/modifier`, { ...form, hostCompanyId: companyId, title: 'Trop tard', version: String(encounter.version) }).expect(409);
    expect(stale.text).toContain('La rencontre a été modifiée entre-temps par quelqu’un d’autre');
    expect(stale.text).toContain(`name="version" value="${encounter.version + 1}"`);
    expect(stale.text).toContain('value="Trop tard"');
  });

  it('refuses a candidate beyond the capacity in place, and present or absent before the start', async () => {
    const encounter = await created({ capacity: 1 });
    const first = (await a.post('/api/candidates', { firstName: 'Samira', lastName: 'Benali' }).expect(201)).body;
    const second = (await a.post('/api/candidates', { firstName: 'Jonas', lastName: 'Petit' }).expect(201)).body;
    const full = await post(session, `/rencontres/${encounter.id}/participants`, { candidat0: first.id, candidat1: second.id }).expect(409);
    expect(full.text).toContain('La rencontre est complète : 1 place, 1 de libre.');
    const fullInPlace = await post(session, `/rencontres/${encounter.id}/participants`, { candidat0: first.id, candidat1: second.id }, true).expect(409);
    expect(fullInPlace.text).toMatch(/^<div id="personnes"/);
    expect(fullInPlace.text).toMatch(/<section[^>]*id="inviter"[^>]*hx-swap-oob="true"/);
    expect(fullInPlace.text).toContain('La rencontre est complète : 1 place, 1 de libre.');
    await post(session, `/rencontres/${encounter.id}/participants`, { candidat0: first.id }).expect(303);
    const page = await session.agent.get(`/rencontres/${encounter.id}`).expect(200);
    expect(page.text).toContain('Pas d’adresse e-mail');
    const participantId = /name="presence-([0-9a-f-]{36})"/.exec(page.text)![1];
    const early = await post(session, `/rencontres/${encounter.id}/presence`, { [`presence-${participantId}`]: 'present' }, true).expect(422);
    expect(early.text).toContain('La présence se note une fois la rencontre commencée.');
    expect(early.text).toMatch(/^<div id="personnes"/);
    const confirmed = await post(session, `/rencontres/${encounter.id}/presence`, { [`presence-${participantId}`]: 'confirmed' }, true).expect(200);
    expect(confirmed.text).toContain('La présence a été enregistrée.');
    expect(confirmed.text).toContain('A confirmé');
  });

  it('takes someone off the list in place with htmx, once confirmed', async () => {
    const encounter = await created({ title: 'Visite avec retrait', kind: 'company_visit' });
    const person = (await a.post('/api/candidates', { firstName: 'Inès', lastName: 'Moreau' }).expect(201)).body;
    const invited = (await a.post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [person.id] }).expect(201)).body;
    const participantId = invited.participants[0].id;
    const asked = await post(session, `/rencontres/${encounter.id}/participants/${participantId}/retrait`, {}).expect(200);
    expect(asked.text).toContain('Retirer Inès Moreau de la rencontre ?');
    const removed = await post(session, `/rencontres/${encounter.id}/participants/${participantId}/retrait`, { confirme: 'oui' }, true).expect(200);
    expect(removed.text).toMatch(/^<div id="personnes"/);
    expect(removed.text).toContain('La personne a été retirée de la rencontre.');
    expect(removed.text).not.toContain('Inès Moreau');
    expect((await a.get(`/api/encounters/${encounter.id}`).expect(200)).body.participants).toEqual([]);
  });

  it('asks before cancelling, then cancels', async () => {
    const encounter = await created({ title: 'Visite à annuler', kind: 'company_visit' });
    const asked = await post(session, `/rencontres/${encounter.id}/annuler`, { version: String(encounter.version) }).expect(200);
    expect(asked.text).toContain('Annuler « Visite à annuler » ?');
    expect(asked.text).toContain('reçoivent l’annulation');
    await post(session, `/rencontres/${encounter.id}/annuler`, { version: String(encounter.version), confirme: 'oui' }).expect(303);
    const page = await session.agent.get(`/rencontres/${encounter.id}`).expect(200);
    expect(page.text).toContain('Annulée');
    expect(page.text).not.toContain('Enregistrer la présence');
  });

  it('answers 404 for another structure’s encounter, on the page and its forms', async () => {
    const encounter = await created();
    await stranger.agent.get(`/rencontres/${encounter.id}`).set('Accept', 'text/html').expect(404);
    await stranger.agent.get(`/rencontres/${encounter.id}/modifier`).set('Accept', 'text/html').expect(404);
    await post(stranger, `/rencontres/${encounter.id}/participants`, {}).expect(404);
    await post(stranger, `/rencontres/${encounter.id}/annuler`, { version: '1', confirme: 'oui' }).expect(404);
    expect((await a.get(`/api/encounters/${encounter.id}`).expect(200)).body.status).toBe('planned');
  });
});
