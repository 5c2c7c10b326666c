import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
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

describe('company look-up when the directory does not answer (e2e)', () => {
  let t: TestApp;
  let a: Api;

  beforeAll(async () => {
    // A port nothing listens on: the network is « absent ».
    t = await createTestApp({ COMPANY_DIRECTORY_URL: 'http://127.0.0.1:9' });
    const structure = await createStructure(t.dataSource, 'ACI Hors ligne');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Léa');
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
  });
});
