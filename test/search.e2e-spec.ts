import { api, Api, fieldsOf } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

/** Issue 17, point 7: search everywhere (API and the header's fragment) and the ROME pickers. */
describe('search everywhere (e2e)', () => {
  let t: TestApp;
  let staff: Api;
  let other: Api;
  let bakery: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.app.getHttpServer();
    const structure = await createStructure(t.dataSource, 'ACI Recherche');
    const elsewhere = await createStructure(t.dataSource, 'ACI Ailleurs');
    staff = api(await login(server, (await createUser(t.dataSource, structure, 'staff', 'Inès')).email));
    other = api(await login(server, (await createUser(t.dataSource, elsewhere, 'staff', 'Omar')).email));
    bakery = (await staff.post('/api/companies', { name: 'Pâtisserie Bérénice', commune: 'Lyon' }).expect(201)).body;
    await staff.post('/api/companies', { name: 'Garage Martin' }).expect(201);
    await other.post('/api/companies', { name: 'Boulangerie Bérénice' }).expect(201);
    await staff.post(`/api/companies/${bakery.id}/contacts`, { firstName: 'Éloïse', lastName: 'Chêne', email: 'eloise.chene@patisserie.example', phone: '06 12 34 56 78' }).expect(201);
    await staff.post('/api/candidates', { firstName: 'Bérangère', lastName: 'Lefèvre' }).expect(201);
    await staff.post('/api/leads', { companyId: bakery.id, jobTitle: 'Aide pâtissier', romeCode: 'D1104', contractType: 'cdi' }).expect(201);
  }, 60_000);
  afterAll(() => t?.close());

  const labels = (body: Record<string, Array<{ label: string }>>, group: string) => body[group].map((hit) => hit.label);

  it('finds a company by a partial name, accents and case ignored, and only in the structure', async () => {
    const { body } = await staff.get('/api/search?q=B%C3%89R').expect(200);
    expect(labels(body, 'companies')).toEqual(['Pâtisserie Bérénice']);
    expect(body.companies[0]).toMatchObject({ href: `/entreprises/${bakery.id}`, detail: expect.stringContaining('Lyon') });
    expect(labels(body, 'candidates')).toEqual(['Bérangère Lefèvre']);
    const theirs = (await other.get('/api/search?q=beren').expect(200)).body;
    expect(labels(theirs, 'companies')).toEqual(['Boulangerie Bérénice']);
    expect(labels(theirs, 'candidates')).toEqual([]);
  });

  it.each([
    ['eloise', 'contacts', 'Éloïse Chêne'],
    ['chene eloise', 'contacts', 'Éloïse Chêne'],
    ['patisserie.example', 'contacts', 'Éloïse Chêne'],
    ['0612345678', 'contacts', 'Éloïse Chêne'],
    ['06 12 34 56 78', 'contacts', 'Éloïse Chêne'],
    ['+33612345678', 'contacts', 'Éloïse Chêne'],
    ['06 12 34', 'contacts', 'Éloïse Chêne'],
    ['patissier', 'leads', 'Aide pâtissier'],
    ['aide bérénice', 'leads', 'Aide pâtissier'],
  ])('finds « %s » among the %s', async (q, group, label) => {
    const { body } = await staff.get(`/api/search?q=${encodeURIComponent(q)}`).expect(200);
    expect(labels(body, group)).toEqual([label]);
  });

  it('finds nothing under two characters, and refuses a search too long naming q', async () => {
    const short = (await staff.get('/api/search?q=b').expect(200)).body;
    expect([short.companies, short.contacts, short.candidates, short.leads]).toEqual([[], [], [], []]);
    const long = await staff.get(`/api/search?q=${'a'.repeat(101)}`).expect(400);
    expect(fieldsOf(long.body)).toEqual(['q']);
    expect(long.body.details[0].code).toMatch(/^field\./);
    await staff.get('/api/search?q=%').expect(200);
  });

  it('answers the header’s list to htmx and the whole page without it, in French', async () => {
    const fragment = await staff.agent.get('/recherche?q=b%C3%A9r%C3%A9').set('HX-Request', 'true').expect(200);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain('Pâtisserie Bérénice');
    expect(fragment.text).toContain('Entreprises');
    expect(String(fragment.headers.vary)).toContain('HX-Request');
    const page = await staff.agent.get('/recherche?q=zzzz').expect(200);
    expect(page.text).toContain('<html');
    expect(page.text).toContain('Rien ne correspond à « zzzz ».');
  });

  it('proposes ROME codes from a job title typed in a form field, and fills only an id of the page', async () => {
    const { body } = await staff.get('/api/reference/rome?q=magasinier').expect(200);
    expect(body.map((entry: { romeCode: string }) => entry.romeCode)).toContain('N1103');
    const fragment = await staff.agent
      .get('/recherche/metiers?cible=piste-romeCode&champ=jobTitle&jobTitle=cariste')
      .set('HX-Request', 'true')
      .expect(200);
    expect(fragment.text).toContain('data-target="piste-romeCode"');
    expect(fragment.text).toContain('data-code="N1101"');
    const hostile = await staff.agent.get('/recherche/metiers?cible=%22%3E%3Cscript%3E&metier=cariste').set('HX-Request', 'true').expect(200);
    expect(hostile.text).not.toContain('<script>');
    expect(hostile.text).toContain('data-target=""');
  });
});
