import { api, Api, fieldsOf } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';

const decoded = (html: string) => html.replace(/&#x3D;/g, '=');
const ids = (html: string) => [...decoded(html).matchAll(/data-id="([^"]+)"/g)].map((match) => match[1]);

/** Issue 17, point 7: the pickers that search (company, contact, candidate), their fragment and their form without script. */
describe('record pickers (e2e)', () => {
  let t: TestApp;
  let session: LoggedIn;
  let staff: Api;
  let seve: { id: string };
  let garage: { id: string };
  let theirs: { id: string };
  const contacts: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.app.getHttpServer();
    const structure = await createStructure(t.dataSource, 'ACI Choix');
    const elsewhere = await createStructure(t.dataSource, 'ACI Voisine');
    session = await login(server, (await createUser(t.dataSource, structure, 'staff', 'Maëlle')).email);
    staff = api(session);
    const other = api(await login(server, (await createUser(t.dataSource, elsewhere, 'staff', 'Olivier')).email));
    seve = (await staff.post('/api/companies', { name: 'Sève Paysages', commune: 'Lyon' }).expect(201)).body;
    garage = (await staff.post('/api/companies', { name: 'Garage Martin' }).expect(201)).body;
    for (let index = 1; index <= 50; index++) await staff.post('/api/companies', { name: `Atelier ${String(index).padStart(2, '0')}` }).expect(201);
    theirs = (await other.post('/api/companies', { name: 'Sève Jardins' }).expect(201)).body;
    contacts.seve = (await staff.post(`/api/companies/${seve.id}/contacts`, { firstName: 'Marc', lastName: 'Dupont' }).expect(201)).body.id;
    contacts.garage = (await staff.post(`/api/companies/${garage.id}/contacts`, { firstName: 'Marc', lastName: 'Durand' }).expect(201)).body.id;
    await staff.post('/api/candidates', { firstName: 'Séverine', lastName: 'Roux' }).expect(201);
    await other.post('/api/candidates', { firstName: 'Séverin', lastName: 'Autre' }).expect(201);
  }, 120_000);
  afterAll(() => t?.close());

  const choices = (query: string) => staff.agent.get(`/recherche/choix?${query}`).set('Accept', 'text/html');

  it('finds « Sève » by « seve » in a listbox of the structure’s records only', async () => {
    const fragment = await choices('type=entreprise&q=SEVE&liste=piste-companyId').expect(200);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain('role="listbox"');
    expect(fragment.text).toContain('role="option"');
    expect(fragment.text).toContain('Sève Paysages (Lyon)');
    expect(ids(fragment.text)).toEqual([seve.id]);
    expect(ids(fragment.text)).not.toContain(theirs.id);
    const people = await choices('type=candidat&q=s%C3%A9ver').expect(200);
    expect(people.text).toContain('Séverine Roux');
    expect(people.text).not.toContain('Séverin Autre');
  });

  it('proposes at most ten, and nothing under two characters', async () => {
    expect(ids((await choices('type=entreprise&q=atelier').expect(200)).text)).toHaveLength(10);
    const short = await choices('type=entreprise&q=a').expect(200);
    expect(ids(short.text)).toEqual([]);
    expect(short.text).toContain('Tapez au moins deux caractères.');
    expect((await choices('type=entreprise&q=zzzz').expect(200)).text).toContain('Rien ne correspond à « zzzz ».');
  });

  it('narrows contacts to the company given', async () => {
    expect(ids((await choices('type=contact&q=marc').expect(200)).text).sort()).toEqual([contacts.seve, contacts.garage].sort());
    expect(ids((await choices(`type=contact&q=marc&entreprise=${seve.id}`).expect(200)).text)).toEqual([contacts.seve]);
    expect(ids((await choices(`type=contact&q=marc&entreprise=${theirs.id}`).expect(200)).text)).toEqual([]);
  });

  it('refuses an unknown type or a malformed company, naming the field', async () => {
    const unknown = await staff.agent.get('/recherche/choix?type=piste&q=seve').set('Accept', 'application/json').expect(400);
    expect(fieldsOf(unknown.body)).toEqual(['type']);
    expect(fieldsOf((await staff.agent.get('/recherche/choix?q=seve').set('Accept', 'application/json').expect(400)).body)).toEqual(['type']);
    const company = await staff.agent.get('/recherche/choix?type=contact&q=marc&entreprise=x').set('Accept', 'application/json').expect(400);
    expect(fieldsOf(company.body)).toEqual(['entreprise']);
  });

  it('without script, a long list becomes a search field whose « Chercher » posts the form back with the matches as a menu', async () => {
    const page = decoded((await staff.agent.get('/pistes/nouvelle').set('Accept', 'text/html').expect(200)).text);
    expect(page).toContain('name="companyIdQ"');
    expect(page).toContain('<button type="submit" name="chercher" value="companyId"');
    expect(page).not.toContain('Atelier 01');

    const searched = decoded(
      (
        await staff.agent
          .post('/pistes/nouvelle')
          .type('form')
          .set('Accept', 'text/html')
          .send({ _csrf: session.csrf, chercher: 'companyId', companyIdQ: 'seve', jobTitle: 'Jardinier', contractType: 'cdi' })
          .expect(200)
      ).text,
    );
    expect(searched).toMatch(new RegExp(`<select id="piste-companyId" name="companyId"[^>]*>[\\s\\S]*value="${seve.id}"`));
    expect(searched).not.toContain(theirs.id);
    expect(searched).toContain('value="Jardinier"');

    const created = await staff.agent
      .post('/pistes/nouvelle')
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: session.csrf, companyId: seve.id, contactId: contacts.seve, jobTitle: 'Jardinier', contractType: 'cdi' })
      .expect(303);
    expect(created.headers.location).toMatch(/^\/pistes\/[0-9a-f-]{36}\?/);
    const lead = decoded((await staff.agent.get('/pistes/nouvelle?entreprise=' + seve.id).set('Accept', 'text/html').expect(200)).text);
    expect(lead).toContain(`<input type="hidden" id="piste-companyId" name="companyId" value="${seve.id}">`);
    expect(lead).toContain('Choisi : Sève Paysages.');
    expect(lead).toContain('Marc Dupont');
    expect(lead).not.toContain('Marc Durand');
  });

  it('the new placement form searches its company alike, and keeps the short list of people as a menu', async () => {
    const searched = decoded(
      (
        await staff.agent
          .post('/placements/nouveau')
          .type('form')
          .set('Accept', 'text/html')
          .send({ _csrf: session.csrf, chercher: 'companyId', companyIdQ: 'garage', jobTitle: 'Mécanicien' })
          .expect(200)
      ).text,
    );
    expect(searched).toMatch(new RegExp(`<select id="placement-companyId" name="companyId"[^>]*>[\\s\\S]*value="${garage.id}"`));
    expect(searched).not.toContain(`value="${seve.id}"`);
    expect(searched).toMatch(/<select id="placement-candidateId" name="candidateId"[^>]*>[\s\S]*Séverine Roux/);
    expect(searched).not.toContain('Séverin Autre');
    expect(searched).toContain('value="Mécanicien"');
  });
});
