import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { OutboxService } from '../src/mail/outbox.service';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { asJobOn } from './helpers/scope';

describe('companies and contacts (e2e)', () => {
  let t: TestApp;
  let structureA: Structure;
  let staffA: User;
  let colleagueA: User;
  let a: Api;
  let b: Api;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    structureA = await createStructure(t.dataSource, 'ACI A');
    const structureB = await createStructure(t.dataSource, 'EI B', 'EI');
    staffA = await createUser(t.dataSource, structureA, 'staff', 'Karim');
    colleagueA = await createUser(t.dataSource, structureA, 'staff', 'Julie');
    const staffB = await createUser(t.dataSource, structureB, 'staff');
    a = api(await login(t.app.getHttpServer(), staffA.email));
    b = api(await login(t.app.getHttpServer(), staffB.email));
  });
  afterAll(() => t.close());

  it('creates a company in the first stage with a call due today, deriving SIREN and the NAF sector', async () => {
    const created = await a
      .post('/api/companies', {
        name: '  Boulangerie Dupont ',
        siret: '732 829 320 00074',
        nafCode: '1071c',
        postcode: '59000',
        commune: 'Lille',
        source: 'event',
        ownerId: staffA.id,
        tags: ['job dating', 'alimentaire'],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Boulangerie Dupont',
      siret: '73282932000074',
      siren: '732829320',
      nafCode: '10.71C',
      sectorLabel: expect.stringContaining('Boulangerie'),
      stageName: 'À prospecter',
      owner: { id: staffA.id },
      nextAction: { type: 'call', dueOn: '2026-11-24', overdue: false, owner: { id: staffA.id } },
      tags: ['job dating', 'alimentaire'],
      version: 1,
      likelyDuplicates: [],
    });
    const fetched = await a.get(`/api/companies/${created.body.id}`).expect(200);
    expect(fetched.body.name).toBe('Boulangerie Dupont');
  });

  it('answers 409 naming the existing company when the SIRET is already used in the structure', async () => {
    const first = await a.post('/api/companies', { name: 'Transports Nord', siret: '35600000049837' }).expect(201);
    const again = await a.post('/api/companies', { name: 'Autre nom', siret: '356 000 000 49837' }).expect(409);
    expect(again.body.message).toContain('Transports Nord');
    expect(again.body.message).toContain(first.body.id);
    expect(again.body).toMatchObject({
      code: 'company.siret_taken',
      params: { siret: '35600000049837', companyId: first.body.id, companyName: 'Transports Nord' },
    });
    // Another structure may know the same establishment.
    await b.post('/api/companies', { name: 'Transports Nord', siret: '35600000049837' }).expect(201);
  });

  it('flags a likely duplicate: same normalised name and postcode', async () => {
    const first = await a.post('/api/companies', { name: 'Garage Émile SARL', postcode: '59100' }).expect(201);
    const second = await a.post('/api/companies', { name: 'garage emile', postcode: '59100' }).expect(201);
    expect(second.body.likelyDuplicates).toEqual([{ id: first.body.id, name: 'Garage Émile SARL', postcode: '59100' }]);
    const elsewhere = await a.post('/api/companies', { name: 'Garage Emile', postcode: '62000' }).expect(201);
    expect(elsewhere.body.likelyDuplicates).toEqual([]);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'X', siret: '12345678912345' }, 'siret'],
    [{ name: 'X', siret: '1234' }, 'siret'],
    [{ name: 'X', siret: '00000000000000' }, 'siret'],
    [{ name: 'Garage \u202Eelimé' }, 'name'],
    [{ name: 'Boulangerie\u200BDupont' }, 'name'],
    [{ name: 'Menuiserie\u2060Vauban' }, 'name'],
    [{ name: 'X', siret: '12345678900007' }, 'siret'],
    [{ name: 'X', nafCode: '99.99Z' }, 'nafCode'],
    [{ name: 'X', nafCode: 'boulangerie' }, 'nafCode'],
    [{ name: 'X', postcode: '590' }, 'postcode'],
    [{ name: 'X', source: 'facebook' }, 'source'],
    [{ name: 'X', headcountBand: '7' }, 'headcountBand'],
    [{ name: 'X', nextAction: { type: 'call', dueOn: '24/11/2026' } }, 'nextAction.dueOn'],
    [{ name: 'X', unknownField: 1 }, 'unknownField'],
  ])('refuses bad input %j with a 400 naming %s, and writes nothing', async (body, field) => {
    const before = await a.get('/api/companies?limit=1').expect(200);
    const response = await a.post('/api/companies', body).expect(400);
    expect(fieldsOf(response.body)).toContain(field);
    const after = await a.get('/api/companies?limit=1').expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  it('refuses an owner from another structure, naming the field', async () => {
    const other = await createUser(t.dataSource, await createStructure(t.dataSource), 'staff');
    const response = await a.post('/api/companies', { name: 'X', ownerId: other.id }).expect(400);
    expect(fieldsOf(response.body)).toEqual(['ownerId']);
    expect(response.body.details[0]).toMatchObject({ field: 'ownerId', code: 'company.owner_invalid' });
  });

  it('hides a company and its contacts from another structure (404)', async () => {
    const company = await a.post('/api/companies', { name: 'Secret SAS' }).expect(201);
    const contact = await a.post(`/api/companies/${company.body.id}/contacts`, { lastName: 'Durand' }).expect(201);
    await b.get(`/api/companies/${company.body.id}`).expect(404);
    await b.patch(`/api/companies/${company.body.id}`, { name: 'Pris' }).expect(404);
    await b.get(`/api/companies/${company.body.id}/contacts`).expect(404);
    await b.post(`/api/companies/${company.body.id}/contacts`, { lastName: 'Intrus' }).expect(404);
    await b.get(`/api/contacts/${contact.body.id}`).expect(404);
    await b.patch(`/api/contacts/${contact.body.id}`, { lastName: 'X' }).expect(404);
    const search = await b.get('/api/companies?q=secret').expect(200);
    expect(search.body.items).toEqual([]);
  });

  it('edits a company with optimistic concurrency: a stale version answers 409', async () => {
    const company = await a.post('/api/companies', { name: 'Menuiserie Lambert' }).expect(201);
    const edited = await a
      .patch(`/api/companies/${company.body.id}`, { version: 1, phone: '03 20 11 22 33', ownerId: colleagueA.id })
      .expect(200);
    expect(edited.body).toMatchObject({ version: 2, phone: '+33320112233', owner: { id: colleagueA.id } });
    const stale = await a.patch(`/api/companies/${company.body.id}`, { version: 1, phone: '03 20 00 00 00' }).expect(409);
    expect(stale.body.message).toContain('version');
    expect(stale.body).toMatchObject({ code: 'company.stale_version', params: { name: 'Menuiserie Lambert', version: 2 } });
    expect((await a.get(`/api/companies/${company.body.id}`)).body.phone).toBe('+33320112233');
  });

  it('keeps any number of contacts, decision makers first, with their e-mail opt-out', async () => {
    const company = await a.post('/api/companies', { name: 'Clinique des Roses' }).expect(201);
    const path = `/api/companies/${company.body.id}/contacts`;
    await a.post(path, { firstName: 'Paul', lastName: 'Martin', jobTitle: 'Chef d’équipe', phone: '06 11 22 33 44' }).expect(201);
    const hr = await a
      .post(path, {
        firstName: 'Sophie',
        lastName: 'Lefebvre',
        email: 'S.Lefebvre@Exemple.fr',
        decisionMaker: true,
        preferredChannel: 'email',
      })
      .expect(201);
    expect(hr.body).toMatchObject({ email: 's.lefebvre@exemple.fr', emailOptOut: false, emailOptOutAt: null });
    const optedOut = await a.patch(`/api/contacts/${hr.body.id}`, { emailOptOut: true }).expect(200);
    expect(optedOut.body.emailOptOut).toBe(true);
    expect(optedOut.body.emailOptOutAt).toBe('2026-11-24T09:00:00.000Z');
    const list = await a.get(path).expect(200);
    expect(list.body.map((c: { lastName: string }) => c.lastName)).toEqual(['Lefebvre', 'Martin']);
    const bad = await a.post(path, { lastName: '', email: 'pas-un-email', preferredChannel: 'fax' }).expect(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['email', 'lastName', 'preferredChannel']);
  });

  it('answers 400 naming the field for null on a field that cannot be empty, and for a NUL character', async () => {
    const company = await a.post('/api/companies', { name: 'Vide Interdit', commune: 'Roubaix' }).expect(201);
    const nulls = await a.patch(`/api/companies/${company.body.id}`, { name: null, source: null, tags: null }).expect(400);
    expect(fieldsOf(nulls.body).sort()).toEqual(['name', 'source', 'tags']);
    const contact = await a.post(`/api/companies/${company.body.id}/contacts`, { lastName: 'Roy', decisionMaker: null }).expect(400);
    expect(fieldsOf(contact.body)).toEqual(['decisionMaker']);
    const nul = await a.post('/api/companies', { name: 'A\u0000B', tags: ['ok', 'x\u0000'] }).expect(400);
    expect(fieldsOf(nul.body)).toEqual(['name', 'tags[1]']);
    expect((await a.get(`/api/companies/${company.body.id}`)).body).toMatchObject({ name: 'Vide Interdit', version: 1 });
  });

  it('clearing the commune also clears it from search', async () => {
    const company = await a.post('/api/companies', { name: 'Déménageurs Bretons', commune: 'Wattrelos' }).expect(201);
    await a.patch(`/api/companies/${company.body.id}`, { commune: null }).expect(200);
    const found = await a.get('/api/companies?q=wattrelos').expect(200);
    expect(found.body.items.map((c: { id: string }) => c.id)).not.toContain(company.body.id);
  });

  it('keeps an opted-out address suppressed after the contact’s e-mail changes', async () => {
    const company = await a.post('/api/companies', { name: 'Opt Out SAS' }).expect(201);
    const contact = await a
      .post(`/api/companies/${company.body.id}/contacts`, { lastName: 'Morel', email: 'ancien@opt-out.example', emailOptOut: true })
      .expect(201);
    await a.patch(`/api/contacts/${contact.body.id}`, { email: 'nouveau@opt-out.example' }).expect(200);
    const outbox = t.app.get(OutboxService);
    for (const recipient of ['ancien@opt-out.example', 'nouveau@opt-out.example']) {
      const message = await outbox.record(t.dataSource.manager, {
        structureId: structureA.id,
        template: 'welcome',
        recipient,
        context: { firstName: 'X', email: recipient, structureName: 'ACI', invitedBy: 'Karim', loginUrl: 'http://localhost/login' },
      });
      expect(await asJobOn(outbox, t.dataSource, 'mail_outbox').deliver(message.id)).toBe('skipped');
    }
    // Opting back in releases the current address only.
    await a.patch(`/api/contacts/${contact.body.id}`, { emailOptOut: false }).expect(200);
    const rows = await t.dataSource.query(`SELECT email FROM email_suppression WHERE structure_id = $1`, [structureA.id]);
    const emails = rows.map((row: { email: string }) => row.email);
    expect(emails).toContain('ancien@opt-out.example');
    expect(emails).not.toContain('nouveau@opt-out.example');
  });

  it('refuses invisible and text-direction characters in names: contacts, companies, with a French sentence on the pages', async () => {
    const company = await a.post('/api/companies', { name: 'Noms Propres SARL' }).expect(201);
    for (const [body, field] of [
      [{ lastName: 'Mar\u200Ctin' }, 'lastName'],
      [{ lastName: 'Martin', firstName: '\u202BSophie' }, 'firstName'],
    ] as const) {
      const refused = await a.post(`/api/companies/${company.body.id}/contacts`, body).expect(400);
      expect(fieldsOf(refused.body)).toEqual([field]);
    }
    expect((await a.get(`/api/companies/${company.body.id}/contacts`).expect(200)).body).toEqual([]);
    const renamed = await a.patch(`/api/companies/${company.body.id}`, { version: 1, name: 'Noms\u2066 Propres' }).expect(400);
    expect(fieldsOf(renamed.body)).toEqual(['name']);
    const session = await login(t.app.getHttpServer(), staffA.email);
    const page = await session.agent
      .post('/entreprises/nouvelle')
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: session.csrf, name: 'Garage \u202Eelimé' })
      .expect(400);
    expect(page.text).toContain('Ce nom contient des caractères invisibles ou qui inversent le sens du texte');
  });

  it('shows as opted out a new contact whose address opted out earlier, and an edit does not release it', async () => {
    const first = await a.post('/api/companies', { name: 'Première Adresse SARL' }).expect(201);
    const optedOut = await a
      .post(`/api/companies/${first.body.id}/contacts`, { lastName: 'Martin', email: 'refus@deja.example', emailOptOut: true })
      .expect(201);
    expect(optedOut.body).toMatchObject({ emailOptOut: true, optedOut: true });
    const fresh = await a.post(`/api/companies/${first.body.id}/contacts`, { lastName: 'Libre', email: 'libre@deja.example' }).expect(201);
    expect(fresh.body).toMatchObject({ emailOptOut: false, optedOut: false });

    const second = await a.post('/api/companies', { name: 'Seconde Adresse SAS' }).expect(201);
    const again = await a.post(`/api/companies/${second.body.id}/contacts`, { lastName: 'Martin', email: ' Refus@Deja.example' }).expect(201);
    expect(again.body).toMatchObject({ emailOptOut: false, optedOut: true });
    expect((await a.get(`/api/contacts/${again.body.id}`).expect(200)).body.optedOut).toBe(true);
    expect((await a.get(`/api/companies/${second.body.id}/contacts`).expect(200)).body).toEqual([expect.objectContaining({ id: again.body.id, optedOut: true })]);
    // Editing something else keeps the address suppressed (it used to release it).
    await a.patch(`/api/contacts/${again.body.id}`, { phone: '03 20 00 00 00' }).expect(200);
    expect((await t.dataSource.query(`SELECT 1 FROM email_suppression WHERE structure_id = $1 AND email = 'refus@deja.example'`, [structureA.id])).length).toBe(1);
    expect((await a.get(`/api/contacts/${again.body.id}`).expect(200)).body.optedOut).toBe(true);
    // The company page says so, without a mailto link.
    const page = await a.agent.get(`/entreprises/${second.body.id}`).set('Accept', 'text/html').expect(200);
    const item = page.text.slice(page.text.indexOf(`id="contact-${again.body.id}"`));
    expect(item.slice(0, item.indexOf('</li>'))).toContain('Ne souhaite pas d’e-mails');
    expect(page.text).not.toContain('mailto:refus@deja.example');
  });

  it('searches by partial name ignoring case and accents, by SIRET and by postcode or commune', async () => {
    const company = await a
      .post('/api/companies', { name: 'Pâtisserie Hélène Côté', siret: '44306184100047', postcode: '59800', commune: 'Lille' })
      .expect(201);
    const names = async (q: string) =>
      (await a.get(`/api/companies?q=${encodeURIComponent(q)}`).expect(200)).body.items.map((c: { id: string }) => c.id);
    expect(await names('patis')).toContain(company.body.id);
    expect(await names('HELENE cote')).toContain(company.body.id);
    expect(await names('ssERIE')).toContain(company.body.id);
    expect(await names('443061')).toContain(company.body.id);
    expect(await names('5980')).toContain(company.body.id);
    expect(await names('lill')).toContain(company.body.id);
    expect(await names('boucherie')).not.toContain(company.body.id);
  });
});
