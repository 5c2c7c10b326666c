import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';

/** Reads a CSV answer as text (BOM kept). */
const csvText = (request: ReturnType<Api['get']>) =>
  request.buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });

describe('candidates (e2e)', () => {
  let t: TestApp;
  let structureA: Structure;
  let staffA: User;
  let colleagueA: User;
  let a: Api;
  let manager: Api;
  let b: Api;

  const samira = {
    firstName: ' Samira ',
    lastName: 'Benali',
    email: 'Samira.Benali@Exemple.fr',
    referrer: 'france_travail',
    referrerName: 'M. Caron',
    entryDate: '2026-09-01',
    structureContractType: 'cddi',
    structureContractEnd: '2027-02-28',
    wantedJobs: [{ label: 'travailler dans un entrepôt', romeCode: 'n1103' }, { label: 'vendeuse' }],
    strengths: ['ponctuelle', 'travail en équipe'],
    skills: ['cariste (CACES 1)'],
    drivingLicence: true,
    homeCommune: 'Roubaix',
    reachableCommunes: ['Lille', 'Tourcoing'],
    hoursPerWeek: 26,
    shifts: ['day', '2x8'],
    availableFrom: '2026-12-01',
    constraints: { childcare: 'Garde de ses deux enfants le mercredi', health: '  ' },
    notes: 'Suivi RSA, rendez-vous mensuel',
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    structureA = await createStructure(t.dataSource, 'ACI A');
    const structureB = await createStructure(t.dataSource, 'EI B', 'EI');
    staffA = await createUser(t.dataSource, structureA, 'staff', 'Karim');
    colleagueA = await createUser(t.dataSource, structureA, 'staff', 'Julie');
    const managerA = await createUser(t.dataSource, structureA, 'manager', 'Claire');
    const staffB = await createUser(t.dataSource, structureB, 'staff');
    a = api(await login(t.app.getHttpServer(), staffA.email));
    manager = api(await login(t.app.getHttpServer(), managerA.email));
    b = api(await login(t.app.getHttpServer(), staffB.email));
  });
  afterAll(() => t.close());

  it('creates a candidate with every field, and shows the sensitive ones on the candidate page only', async () => {
    const created = await a.post('/api/candidates', { ...samira, ownerId: staffA.id }).expect(201);
    expect(created.body).toMatchObject({
      firstName: 'Samira',
      lastName: 'Benali',
      email: 'samira.benali@exemple.fr',
      phone: null,
      referrer: 'france_travail',
      referrerLabel: 'France Travail',
      structureContractType: 'cddi',
      structureContractEnd: '2027-02-28',
      wantedJobs: [
        { label: 'travailler dans un entrepôt', romeCode: 'N1103', romeLabel: expect.any(String) },
        { label: 'vendeuse', romeCode: null, romeLabel: null },
      ],
      drivingLicence: true,
      hasVehicle: false,
      shifts: ['day', '2x8'],
      constraints: { childcare: 'Garde de ses deux enfants le mercredi' },
      notes: 'Suivi RSA, rendez-vous mensuel',
      status: 'on_path',
      exitCategory: null,
      ownerId: staffA.id,
      version: 1,
    });
    // A colleague of the structure, whatever the role, sees them.
    const colleague = api(await login(t.app.getHttpServer(), colleagueA.email));
    const page = await colleague.get(`/api/candidates/${created.body.id}`).expect(200);
    expect(page.body.constraints).toEqual({ childcare: 'Garde de ses deux enfants le mercredi' });
    expect(page.body.notes).toBe('Suivi RSA, rendez-vous mensuel');
    // Lists never carry them.
    const list = await a.get('/api/candidates?q=benali').expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].id).toBe(created.body.id);
    expect(list.body.items[0]).not.toHaveProperty('constraints');
    expect(list.body.items[0]).not.toHaveProperty('notes');
    expect(JSON.stringify(list.body)).not.toContain('enfants');
  });

  it('accepts a candidate with neither e-mail nor phone', async () => {
    const created = await a.post('/api/candidates', { firstName: 'Jo', lastName: 'Sans Contact' }).expect(201);
    expect(created.body).toMatchObject({ email: null, phone: null, referrer: 'other', shifts: ['day'], constraints: {}, wantedJobs: [] });
  });

  it.each([
    [{ firstName: 'X' }, 'lastName'],
    [{ lastName: 'X' }, 'firstName'],
    [{ firstName: 'X', lastName: 'Y', wantedJobs: [{ label: 'cariste', romeCode: 'N1103' }, { label: 'vente', romeCode: 'Z9999' }] }, 'wantedJobs[1].romeCode'],
    [{ firstName: 'X', lastName: 'Y', wantedJobs: [{ label: 'cariste', romeCode: 'cariste' }] }, 'wantedJobs[0].romeCode'],
    [{ firstName: 'X', lastName: 'Y', wantedJobs: [{ label: '', romeCode: 'N1103' }] }, 'wantedJobs[0].label'],
    [{ firstName: 'X', lastName: 'Y', wantedJobs: [{ label: 'x', salary: 1 }] }, 'wantedJobs[0].salary'],
    [{ firstName: 'X', lastName: 'Y', email: 'pas-un-mail' }, 'email'],
    [{ firstName: 'X', lastName: 'Y', referrer: 'pole_emploi' }, 'referrer'],
    [{ firstName: 'X', lastName: 'Y', shifts: ['day', 'nuit'] }, 'shifts'],
    [{ firstName: 'X', lastName: 'Y', constraints: { religion: 'x' } }, 'constraints.religion'],
    [{ firstName: 'X', lastName: 'Y', mobilityRadiusKm: -3 }, 'mobilityRadiusKm'],
    [{ firstName: 'X', lastName: 'Y', entryDate: '2026-02-30' }, 'entryDate'],
    [{ firstName: '\u2067Samira\u2069', lastName: 'Y' }, 'firstName'],
    [{ firstName: 'X', lastName: 'Ben\u202Eila' }, 'lastName'],
    [{ firstName: 'X', lastName: 'Ben\uFEFFali' }, 'lastName'],
    [{ firstName: 'X', lastName: 'Y', status: 'exited' }, 'exitCategory'],
    [{ firstName: 'X', lastName: 'Y', status: 'exited', exitCategory: 'durable_employment' }, 'exitDate'],
    [{ firstName: 'X', lastName: 'Y', exitCategory: 'durable_employment' }, 'exitCategory'],
    [{ firstName: 'X', lastName: 'Y', drivingLicence: null }, 'drivingLicence'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const response = await a.post('/api/candidates', body).expect(400);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('refuses an owner who is not active staff of the structure', async () => {
    const other = await createUser(t.dataSource, await createStructure(t.dataSource), 'staff');
    const response = await a.post('/api/candidates', { firstName: 'X', lastName: 'Y', ownerId: other.id }).expect(400);
    expect(fieldsOf(response.body)).toEqual(['ownerId']);
  });

  it('creates an exited candidate with their category and date', async () => {
    const created = await a
      .post('/api/candidates', { firstName: 'Ex', lastName: 'Sorti', status: 'exited', exitCategory: 'positive_exit', exitDate: '2026-10-31' })
      .expect(201);
    expect(created.body).toMatchObject({ status: 'exited', exitCategory: 'positive_exit', exitCategoryLabel: 'Sortie positive', exitDate: '2026-10-31' });
  });

  it('edits with optimistic concurrency: a stale version answers 409', async () => {
    const created = await a.post('/api/candidates', { firstName: 'Paul', lastName: 'Martin' }).expect(201);
    const edited = await a
      .patch(`/api/candidates/${created.body.id}`, { version: 1, phone: '06 11 22 33 44', ownerId: colleagueA.id, constraints: { mobility: 'Pas de bus le dimanche' } })
      .expect(200);
    expect(edited.body).toMatchObject({ version: 2, phone: '+33611223344', ownerId: colleagueA.id, constraints: { mobility: 'Pas de bus le dimanche' } });
    const stale = await a.patch(`/api/candidates/${created.body.id}`, { version: 1, phone: '06 00 00 00 00' }).expect(409);
    expect(stale.body.message).toContain('version 2');
    expect(stale.body).toMatchObject({ code: 'candidate.stale_version', params: { version: 2 } });
    const bad = await a.patch(`/api/candidates/${created.body.id}`, { wantedJobs: [{ label: 'x', romeCode: 'N110' }] }).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['wantedJobs[0].romeCode']);
    expect(bad.body.details[0]).toMatchObject({ code: 'candidate.wanted_job_rome_invalid', params: { field: 'wantedJobs[0].romeCode' } });
    await a.patch(`/api/candidates/${created.body.id}`, { lastName: null }).expect(400);
    const current = await a.get(`/api/candidates/${created.body.id}`).expect(200);
    expect(current.body).toMatchObject({ version: 2, phone: '+33611223344', lastName: 'Martin' });
  });

  it('moves to exited only with a category and a date, and back on the path clears them', async () => {
    const created = await a.post('/api/candidates', { firstName: 'Léa', lastName: 'Durand' }).expect(201);
    const missing = await a.patch(`/api/candidates/${created.body.id}`, { status: 'exited' }).expect(400);
    expect(fieldsOf(missing.body).sort()).toEqual(['exitCategory', 'exitDate']);
    await a
      .patch(`/api/candidates/${created.body.id}`, { status: 'exited', exitCategory: 'other', exitDate: '2026-11-20' })
      .expect(200);
    const back = await a.patch(`/api/candidates/${created.body.id}`, { status: 'on_path' }).expect(200);
    expect(back.body).toMatchObject({ status: 'on_path', exitCategory: null, exitDate: null });
  });

  it('filters the list by words of the name (accents ignored), status and owner, and pages it', async () => {
    await a.post('/api/candidates', { firstName: 'Émilie', lastName: 'Zéphyr', ownerId: colleagueA.id }).expect(201);
    await a.post('/api/candidates', { firstName: 'Émile', lastName: 'Zéphyr' }).expect(201);
    const byName = await a.get('/api/candidates?q=emili%20zeph').expect(200);
    expect(byName.body.items.map((c: { firstName: string }) => c.firstName)).toEqual(['Émilie']);
    const both = await a.get('/api/candidates?q=zephyr&limit=1').expect(200);
    expect(both.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    const mine = await a.get(`/api/candidates?q=zephyr&owner=${colleagueA.id}`).expect(200);
    expect(mine.body.items.map((c: { firstName: string }) => c.firstName)).toEqual(['Émilie']);
    const nobody = await a.get('/api/candidates?q=zephyr&owner=none').expect(200);
    expect(nobody.body.items.map((c: { firstName: string }) => c.firstName)).toEqual(['Émile']);
    const exited = await a.get('/api/candidates?status=exited').expect(200);
    expect(exited.body.items.every((c: { status: string }) => c.status === 'exited')).toBe(true);
    expect(exited.body.total).toBeGreaterThan(0);
    await a.get('/api/candidates?status=gone').expect(400);
    await a.get('/api/candidates?q=50%25').expect(200);
  });

  it("hides a candidate from another structure: 404 on get, patch and exit, absent from lists and exports", async () => {
    const created = await a.post('/api/candidates', { firstName: 'Secret', lastName: 'Personne' }).expect(201);
    await b.get(`/api/candidates/${created.body.id}`).expect(404);
    await b.patch(`/api/candidates/${created.body.id}`, { firstName: 'Pris' }).expect(404);
    await b.post(`/api/candidates/${created.body.id}/exit`, { exitDate: '2026-11-20', exitCategory: 'other' }).expect(404);
    const list = await b.get('/api/candidates?q=personne').expect(200);
    expect(list.body.items).toEqual([]);
    const csv = await csvText(b.get('/api/candidates/export.csv')).expect(200);
    expect(csv.body as string).not.toContain('Personne');
  });

  it('exports as CSV for French Excel without the sensitive columns, even asked by staff (403)', async () => {
    await a
      .post('/api/candidates', {
        firstName: 'Export',
        lastName: '=HYPERLINK("http://evil.example/")',
        constraints: { housing: 'Hébergé au CHRS confidentiel' },
        notes: 'Note confidentielle',
      })
      .expect(201);
    const response = await csvText(a.get('/api/candidates/export.csv')).expect(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const text = response.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0].startsWith('Nom;Prénom;E-mail;Téléphone;Prescripteur;')).toBe(true);
    expect(lines[0]).not.toContain('Freins');
    expect(lines[0]).not.toContain('Notes');
    expect(text).toContain('Benali;Samira;samira.benali@exemple.fr;;France Travail;M. Caron;01/09/2026;CDDI (insertion);28/02/2027;travailler dans un entrepôt (N1103) | vendeuse;');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/"")";Export;`);
    expect(text).not.toContain('CHRS confidentiel');
    expect(text).not.toContain('Garde de ses deux enfants');
    expect(text).not.toContain('Note confidentielle');

    const refused = await a.get('/api/candidates/export.csv?sensitive=true').expect(403);
    expect(refused.body.message).toContain('sensitive');
    expect(JSON.stringify(refused.body)).not.toContain('CHRS');

    const full = await csvText(manager.get('/api/candidates/export.csv?sensitive=true')).expect(200);
    const fullText = full.body as string;
    expect(fullText.slice(1).split(/\r?\n/)[0]).toContain('Freins — logement');
    expect(fullText).toContain('Hébergé au CHRS confidentiel');
    expect(fullText).toContain('Note confidentielle');
    const filtered = await csvText(manager.get('/api/candidates/export.csv?q=benali')).expect(200);
    expect((filtered.body as string).trim().split(/\r?\n/)).toHaveLength(2);
    await manager.get('/api/candidates/export.csv?sensitive=yes').expect(400);
  });

  it('records an exit with a given category, refuses a second one, and needs a category without placements', async () => {
    const created = await a.post('/api/candidates', { firstName: 'Nora', lastName: 'Exit', entryDate: '2026-03-01' }).expect(201);
    const noCategory = await a.post(`/api/candidates/${created.body.id}/exit`, { exitDate: '2026-11-20' }).expect(400);
    expect(fieldsOf(noCategory.body)).toEqual(['exitCategory']);
    const early = await a.post(`/api/candidates/${created.body.id}/exit`, { exitDate: '2026-02-01', exitCategory: 'other' }).expect(400);
    expect(fieldsOf(early.body)).toEqual(['exitDate']);
    const stale = await a.post(`/api/candidates/${created.body.id}/exit`, { exitDate: '2026-11-20', exitCategory: 'other', version: 7 });
    expect(stale.status).toBe(409);
    const exited = await a
      .post(`/api/candidates/${created.body.id}/exit`, { exitDate: '2026-11-20', exitCategory: 'positive_exit', version: 1 })
      .expect(200);
    expect(exited.body).toMatchObject({ status: 'exited', exitCategory: 'positive_exit', exitDate: '2026-11-20', version: 2 });
    await a.post(`/api/candidates/${created.body.id}/exit`, { exitDate: '2026-11-21', exitCategory: 'other' }).expect(409);
  });
});
