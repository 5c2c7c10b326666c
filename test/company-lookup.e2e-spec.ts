import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { Structure } from '../src/structures/structure.entity';

/** The recorded directory (src/dev/company-directory/recorded-search.json): invented firms of Roubaix and Lille. */
const MARCHE = '81234567600017';
const MARCHE_CLOSED = '81234567600025';
const TROIS_PONTS = '88812345200011';
const CENTRAL = '83344556200014';

describe('company look-up in « Recherche d’entreprises » (e2e, recorded directory)', () => {
  let t: TestApp;
  let structureA: Structure;
  let a: Api;
  let b: Api;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-12-07T09:00:00Z'));
    structureA = await createStructure(t.dataSource, 'ACI Annuaire A');
    const structureB = await createStructure(t.dataSource, 'EI Annuaire B', 'EI');
    const staffA = await createUser(t.dataSource, structureA, 'staff', 'Karim');
    const staffB = await createUser(t.dataSource, structureB, 'staff', 'Inès');
    a = api(await login(t.app.getHttpServer(), staffA.email));
    b = api(await login(t.app.getHttpServer(), staffB.email));
  });
  afterAll(() => t.close());

  it('proposes the establishments of a name in a postcode, in our fields, closed ones flagged', async () => {
    const found = await a.get('/api/companies/lookup?q=boulangerie&postcode=59100').expect(200);
    expect(found.body.status).toBe('ok');
    expect(found.body.proposals.map((p: { siret: string }) => p.siret)).toEqual([MARCHE, MARCHE_CLOSED, '79876543400013']);
    expect(found.body.proposals[0]).toEqual({
      siret: MARCHE,
      siren: '812345676',
      name: 'BOULANGERIE DU MARCHE',
      nafCode: '10.71C',
      sectorLabel: expect.stringContaining('Boulangerie'),
      headcountBand: '03',
      address: '12 RUE DU MARCHE',
      postcode: '59100',
      commune: 'ROUBAIX',
      closed: false,
      closedOn: null,
      headOffice: true,
      existing: null,
    });
    expect(found.body.proposals[1]).toMatchObject({ closed: true, closedOn: '2025-06-30', headOffice: false });
    // A sole trader's shop is proposed under its sign, not the person's name.
    expect(found.body.proposals[2]).toMatchObject({ name: 'BOULANGERIE LEFEBVRE', headcountBand: '01' });
  });

  it('finds one establishment by SIRET, answers none for a name it does not know', async () => {
    const bySiret = await a.get(`/api/companies/lookup?q=${encodeURIComponent('888 123 452 00011')}`).expect(200);
    expect(bySiret.body.proposals).toEqual([expect.objectContaining({ siret: TROIS_PONTS, name: 'GARAGE DES TROIS PONTS', nafCode: '45.20A' })]);
    const none = await a.get('/api/companies/lookup?q=chaudronnerie%20introuvable&postcode=59100').expect(200);
    expect(none.body).toEqual({ status: 'ok', code: null, message: null, total: 0, proposals: [] });
  });

  it('refuses a query under 3 characters, naming q in French', async () => {
    const refused = await a.get('/api/companies/lookup?q=bo').expect(400);
    expect(fieldsOf(refused.body)).toEqual(['q']);
    expect(refused.body.details[0].code).toBe('directory.query_too_short');
    const badPostcode = await a.get('/api/companies/lookup?q=boulangerie&postcode=591').expect(400);
    expect(fieldsOf(badPostcode.body)).toEqual(['postcode']);
  });

  it('answers « unavailable » within 2.5 s when the directory does not answer, and when it fails', async () => {
    const started = Date.now();
    const slow = await a.get('/api/companies/lookup?q=lenteur').expect(200);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(slow.body).toEqual({
      status: 'unavailable',
      code: 'directory.unavailable',
      message: 'L’annuaire des entreprises ne répond pas : réessayez plus tard.',
      total: 0,
      proposals: [],
    });
    for (const failing of ['panne', 'quota']) {
      expect((await a.get(`/api/companies/lookup?q=${failing}`).expect(200)).body.status).toBe('unavailable');
    }
  });

  it('says which proposal is already a company of the structure, by SIRET or by name and postcode, never another structure’s', async () => {
    const bySiret = await a.post('/api/companies', { name: 'Garage des 3 Ponts', siret: TROIS_PONTS, postcode: '59100' }).expect(201);
    const byName = await a.post('/api/companies', { name: 'Garage Central Roubaix SARL', postcode: '59100' }).expect(201);
    await b.post('/api/companies', { name: 'Boulangerie du Marché', siret: MARCHE, postcode: '59100' }).expect(201);

    const garages = await a.get('/api/companies/lookup?q=garage&postcode=59100').expect(200);
    const existing = Object.fromEntries(garages.body.proposals.map((p: { siret: string; existing: unknown }) => [p.siret, p.existing]));
    expect(existing[TROIS_PONTS]).toEqual({ id: bySiret.body.id, name: 'Garage des 3 Ponts', postcode: '59100', matchedBy: 'siret' });
    expect(existing[CENTRAL]).toEqual({ id: byName.body.id, name: 'Garage Central Roubaix SARL', postcode: '59100', matchedBy: 'name' });

    const bakeries = await a.get('/api/companies/lookup?q=boulangerie%20marche&postcode=59100').expect(200);
    expect(bakeries.body.proposals[0]).toMatchObject({ siret: MARCHE, existing: null });
    const seenByB = await b.get('/api/companies/lookup?q=boulangerie%20marche&postcode=59100').expect(200);
    expect(seenByB.body.proposals[0].existing).toMatchObject({ name: 'Boulangerie du Marché', matchedBy: 'siret' });
  });

  it('refreshes a company from its SIRET: the NAF that changed, the address, an audit entry', async () => {
    const company = await a
      .post('/api/companies', { name: 'Garage Central', siret: CENTRAL, nafCode: '45.11Z', postcode: '59100', commune: 'Roubaix' })
      .expect(201);
    expect(company.body.sectorLabel).toContain('automobiles');
    const refreshed = await a.post(`/api/companies/${company.body.id}/refresh`).expect(200);
    expect(refreshed.body).toMatchObject({
      nafCode: '45.20A',
      sectorLabel: expect.stringContaining('Entretien'),
      headcountBand: '02',
      address: '8 RUE DE L EPEULE',
      postcode: '59100',
      commune: 'ROUBAIX',
      establishmentClosed: false,
      directoryCheckedAt: '2026-12-07T09:00:00.000Z',
      version: 2,
    });
    const audit = await t.dataSource.query(`SELECT action, changes FROM audit_event WHERE entity_id = $1 ORDER BY at`, [company.body.id]);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['create', 'update']);
    expect(audit[1].changes).toMatchObject({ nafCode: { from: '45.11Z', to: '45.20A' }, headcountBand: { from: null, to: '02' } });
  });

  it('flags a closed establishment on refresh', async () => {
    const company = await a.post('/api/companies', { name: 'Boulangerie du Marché (place)', siret: MARCHE_CLOSED }).expect(201);
    const refreshed = await a.post(`/api/companies/${company.body.id}/refresh`).expect(200);
    expect(refreshed.body).toMatchObject({ establishmentClosed: true, establishmentClosedOn: '2025-06-30', address: '3 PLACE DE LA LIBERTE' });
  });

  it('refuses a refresh without SIRET (422), of another structure’s company (404)', async () => {
    const company = await a.post('/api/companies', { name: 'Sans SIRET' }).expect(201);
    const refused = await a.post(`/api/companies/${company.body.id}/refresh`).expect(422);
    expect(refused.body.code).toBe('directory.no_siret');
    const other = await b.post('/api/companies', { name: 'Chez B', siret: CENTRAL }).expect(201);
    await a.post(`/api/companies/${other.body.id}/refresh`).expect(404);
  });
});

describe('the new company form and the company page with the directory, without JavaScript (e2e)', () => {
  let t: TestApp;
  let a: Api;
  let session: LoggedIn;
  let bSession: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-12-07T09:00:00Z'));
    const structureA = await createStructure(t.dataSource, 'ACI Formulaire A');
    const structureB = await createStructure(t.dataSource, 'EI Formulaire B', 'EI');
    const staffA = await createUser(t.dataSource, structureA, 'staff', 'Karim');
    session = await login(t.app.getHttpServer(), staffA.email);
    a = api(session);
    bSession = await login(t.app.getHttpServer(), (await createUser(t.dataSource, structureB, 'staff', 'Inès')).email);
  });
  afterAll(() => t.close());

  const form = (who: LoggedIn, path: string, fields: Record<string, string>) =>
    who.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: who.csrf, ...fields });

  it('shows the proposals under the name (htmx fragment), and says when there is none or the directory is silent', async () => {
    const fragment = await session.agent.get('/entreprises/nouvelle/annuaire?name=garage&postcode=59100&commune=').set('HX-Request', 'true').expect(200);
    expect(fragment.text).toContain('2 établissements de l’annuaire pour « garage » au 59100');
    expect(fragment.text).toContain('GARAGE DES TROIS PONTS');
    expect(fragment.text).not.toContain('<html');
    const none = await session.agent.get('/entreprises/nouvelle/annuaire?name=chaudronnerie%20introuvable&postcode=59100').set('HX-Request', 'true').expect(200);
    expect(none.text).toContain('Aucun établissement de l’annuaire ne correspond à « chaudronnerie introuvable » au 59100.');
    const silent = await session.agent.get('/entreprises/nouvelle/annuaire?name=lenteur').set('HX-Request', 'true').expect(200);
    expect(silent.text).toContain('L’annuaire des entreprises ne répond pas : réessayez plus tard.');
    const short = await session.agent.get('/entreprises/nouvelle/annuaire?name=ga').set('HX-Request', 'true').expect(200);
    expect(short.text).toContain('Saisissez au moins 3 caractères');
  });

  it('« Rechercher dans l’annuaire » then « Choisir » fill the form, keeping what was typed elsewhere; creating it keeps the fields', async () => {
    const searched = await form(session, '/entreprises/nouvelle/annuaire', { name: 'trois ponts', postcode: '59100', tags: 'mécanique' }).expect(200);
    expect(searched.text).toContain('name="choix" value="88812345200011"');
    expect(searched.text).toContain('value="mécanique"');
    const filled = await form(session, '/entreprises/nouvelle/annuaire', { name: 'trois ponts', postcode: '59100', tags: 'mécanique', choix: '88812345200011' }).expect(200);
    expect(filled.text).toContain('Fiche remplie depuis l’annuaire des entreprises');
    for (const value of ['value="GARAGE DES TROIS PONTS"', 'value="88812345200011"', 'value="45.20A"', 'value="210 BOULEVARD DE BEAUREPAIRE"', 'value="ROUBAIX"', 'value="mécanique"']) {
      expect(filled.text).toContain(value);
    }
    expect(filled.text).toMatch(/<option value="11" selected>/);
    const created = await form(session, '/entreprises/nouvelle', {
      name: 'GARAGE DES TROIS PONTS', siret: '88812345200011', nafCode: '45.20A', headcountBand: '11',
      address: '210 BOULEVARD DE BEAUREPAIRE', postcode: '59100', commune: 'ROUBAIX', source: 'cold_prospection', tags: 'mécanique',
    }).expect(303);
    expect(created.headers.location).toMatch(/\/entreprises\/[0-9a-f-]{36}\?ok=creee/);
    const id = created.headers.location.split('/')[2].split('?')[0];
    expect((await a.get(`/api/companies/${id}`).expect(200)).body).toMatchObject({ siret: '88812345200011', headcountBand: '11', tags: ['mécanique'] });

    // Chosen again, or typed again, it opens the company already there.
    const again = await form(session, '/entreprises/nouvelle/annuaire', { name: 'trois ponts', choix: '88812345200011' }).expect(303);
    expect(again.headers.location).toBe(`/entreprises/${id}?ok=existe`);
    const listed = await form(session, '/entreprises/nouvelle/annuaire', { name: 'trois ponts', postcode: '59100' }).expect(200);
    expect(listed.text).toContain('Déjà dans Tremplin (même SIRET)');
    expect(listed.text).toContain(`href="/entreprises/${id}"`);
    const twinBySiret = await form(session, '/entreprises/nouvelle', { name: 'Autre nom', siret: '888 123 452 00011' }).expect(303);
    expect(twinBySiret.headers.location).toBe(`/entreprises/${id}?ok=existe`);
    const twinByName = await form(session, '/entreprises/nouvelle', { name: 'Garage des Trois Ponts SARL', postcode: '59100' }).expect(303);
    expect(twinByName.headers.location).toBe(`/entreprises/${id}?ok=existe`);
    const page = await session.agent.get(twinByName.headers.location).expect(200);
    expect(page.text).toContain('Cette entreprise est déjà dans Tremplin : voici sa fiche.');
    // Another structure creates its own: the first structure's company is not its duplicate.
    const theirs = await form(bSession, '/entreprises/nouvelle', { name: 'Garage des Trois Ponts', siret: '88812345200011', postcode: '59100' }).expect(303);
    expect(theirs.headers.location).toMatch(/\?ok=creee/);
    expect(theirs.headers.location).not.toContain(id);
  });

  it('refreshes from the company page: the NAF that changed, the closed flag, the directory’s silence in one sentence', async () => {
    const central = await a.post('/api/companies', { name: 'Garage Central', siret: '83344556200014', nafCode: '45.11Z' }).expect(201);
    const before = await session.agent.get(`/entreprises/${central.body.id}`).expect(200);
    expect(before.text).toContain('Mettre à jour depuis l’annuaire');
    const refreshed = await form(session, `/entreprises/${central.body.id}/annuaire`, {}).expect(303);
    expect(refreshed.headers.location).toBe(`/entreprises/${central.body.id}?ok=annuaire#fiche-titre`);
    const after = await session.agent.get(`/entreprises/${central.body.id}?ok=annuaire`).expect(200);
    expect(after.text).toContain('La fiche a été mise à jour depuis l’annuaire des entreprises.');
    expect(after.text).toContain('45.20A');
    expect(after.text).toContain('Dernière mise à jour depuis l’annuaire le 7 décembre 2026.');

    const closed = await a.post('/api/companies', { name: 'Au Pain de la Place', siret: '81234567600025' }).expect(201);
    await form(session, `/entreprises/${closed.body.id}/annuaire`, {}).expect(303);
    const closedPage = await session.agent.get(`/entreprises/${closed.body.id}`).expect(200);
    expect(closedPage.text).toContain('Établissement fermé</strong> : l’annuaire des entreprises l’indique fermé depuis le 30 juin 2025.');

    const noSiret = await a.post('/api/companies', { name: 'Sans SIRET' }).expect(201);
    expect((await session.agent.get(`/entreprises/${noSiret.body.id}`).expect(200)).text).not.toContain('Mettre à jour depuis l’annuaire');
    // Another structure's company: 404, nothing written.
    await form(bSession, `/entreprises/${central.body.id}/annuaire`, {}).expect(404);
  });
});

describe('company look-up when the directory does not answer (e2e)', () => {
  let t: TestApp;
  let a: Api;
  let staffEmail: string;

  beforeAll(async () => {
    // A port nothing listens on: the network is « absent ».
    t = await createTestApp({ COMPANY_DIRECTORY_URL: 'http://127.0.0.1:9' });
    const structure = await createStructure(t.dataSource, 'ACI Hors ligne');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Léa');
    staffEmail = staff.email;
    a = api(await login(t.app.getHttpServer(), staff.email));
  });
  afterAll(() => t.close());

  it('answers the look-up « unavailable » and refuses a refresh with 409, writing nothing', async () => {
    expect((await a.get('/api/companies/lookup?q=boulangerie').expect(200)).body.status).toBe('unavailable');
    const company = await a.post('/api/companies', { name: 'Garage Central', siret: CENTRAL, nafCode: '45.11Z' }).expect(201);
    const refused = await a.post(`/api/companies/${company.body.id}/refresh`).expect(409);
    expect(refused.body).toMatchObject({ code: 'directory.unavailable' });
    const after = await a.get(`/api/companies/${company.body.id}`).expect(200);
    expect(after.body).toMatchObject({ nafCode: '45.11Z', version: 1, directoryCheckedAt: null });

    const session = await login(t.app.getHttpServer(), staffEmail);
    const page = await session.agent.post(`/entreprises/${company.body.id}/annuaire`).type('form').send({ _csrf: session.csrf }).expect(303);
    expect(page.headers.location).toBe(`/entreprises/${company.body.id}?ok=annuaire-indisponible#fiche-titre`);
    expect((await session.agent.get(page.headers.location).expect(200)).text).toContain('L’annuaire des entreprises ne répond pas : réessayez plus tard.');
    const fragment = await session.agent.get('/entreprises/nouvelle/annuaire?name=boulangerie').set('HX-Request', 'true').expect(200);
    expect(fragment.text).toContain('L’annuaire des entreprises ne répond pas : réessayez plus tard.');
    // The form still creates the company.
    await session.agent.post('/entreprises/nouvelle').type('form').send({ _csrf: session.csrf, name: 'Boulangerie hors ligne' }).expect(303);
  });
});
