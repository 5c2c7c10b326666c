import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { User } from '../src/users/user.entity';

interface Card {
  id: string;
  name: string;
  overdue: boolean;
  stalled: boolean;
  owner: { id: string } | null;
  nextAction: { dueOn: string; type: string } | null;
}
interface Column {
  stage: { id: string; key: string; name: string };
  count: number;
  cards: Card[];
  nextCursor: string | null;
}

const DAY = 24 * 60 * 60 * 1000;

describe('prospection board, follow-up lists and CSV export (e2e)', () => {
  let t: TestApp;
  let karim: User;
  let julie: User;
  let a: Api;
  let b: Api;
  const ids: Record<string, string> = {};

  const column = (columns: Column[], key: string) => columns.find((c) => c.stage.key === key)!;
  const board = async (query = '') => (await a.get(`/api/board${query}`).expect(200)).body as { columns: Column[]; today: string };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    const structure = await createStructure(t.dataSource);
    karim = await createUser(t.dataSource, structure, 'staff', 'Karim');
    julie = await createUser(t.dataSource, structure, 'staff', 'Julie');
    const server = t.app.getHttpServer();
    a = api(await login(server, karim.email));
    b = api(await login(server, (await createUser(t.dataSource, await createStructure(t.dataSource), 'staff')).email));
    ids.old = (await a.post('/api/companies', { name: 'Ancienne Fonderie', ownerId: karim.id, nafCode: '24.51Z', tags: ['industrie'] }).expect(201)).body.id;
    // As if created on 1 October: in "À prospecter" (stalled after 30 days) since then, its call never made.
    await t.dataSource.query(
      `UPDATE company SET stage_entered_at = '2026-10-01T08:00:00Z', next_action_due = '2026-10-01' WHERE id = $1`,
      [ids.old],
    );
    const create = async (key: string, body: object) => {
      ids[key] = (await a.post('/api/companies', body).expect(201)).body.id;
    };
    await create('bakery', { name: 'Boulangerie Hénin', ownerId: karim.id, nafCode: '10.71C', territory: 'Lens', tags: ['alimentaire'] });
    await create('garage', { name: 'Garage des Flandres', ownerId: julie.id, nafCode: '45.20A', territory: 'Lille', nextAction: { type: 'call', dueOn: '2026-11-20' } });
    await create('nobody', { name: 'Entrepôt Sans Référent', nafCode: '52.10B', territory: 'Lille' });
    for (let i = 0; i < 7; i++) await create(`bulk${i}`, { name: `Série ${i}`, ownerId: karim.id, nextAction: { type: 'call', dueOn: `2026-12-0${i + 1}` } });
    const stages = (await a.get('/api/pipeline/stages').expect(200)).body as Array<{ id: string; key: string }>;
    await a.post(`/api/companies/${ids.garage}/stage`, { stageId: stages.find((s) => s.key === 'first_call')!.id, version: 1 }).expect(201);
  });
  afterAll(() => t.close());

  it('returns every column with its count and first cards, flags overdue and stalled cards', async () => {
    const { columns, today } = await board();
    expect(today).toBe('2026-11-24');
    expect(columns.map((c) => c.stage.name)).toHaveLength(10);
    expect(column(columns, 'to_prospect').count).toBe(10);
    expect(column(columns, 'first_call').count).toBe(1);
    expect(column(columns, 'refused')).toMatchObject({ count: 0, cards: [], nextCursor: null });
    const garage = column(columns, 'first_call').cards[0];
    expect(garage).toMatchObject({ name: 'Garage des Flandres', overdue: true, stalled: false, owner: { id: julie.id } });
    const old = column(columns, 'to_prospect').cards.find((card) => card.id === ids.old)!;
    expect(old).toMatchObject({ stalled: true, overdue: true, nextAction: { type: 'call', dueOn: '2026-10-01' } });
    const bakery = column(columns, 'to_prospect').cards.find((card) => card.id === ids.bakery)!;
    expect(bakery).toMatchObject({ stalled: false, overdue: false });
  });

  it('pages a column with a cursor: every card once, in due-date order', async () => {
    const first = column((await board('?limit=4')).columns, 'to_prospect');
    expect(first.cards).toHaveLength(4);
    expect(first.nextCursor).toEqual(expect.any(String));
    const seen = [...first.cards];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (await a.get(`/api/board/columns/${first.stage.id}?limit=4&cursor=${cursor}`).expect(200)).body;
      seen.push(...page.cards);
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen.map((card) => card.id)).size).toBe(10);
    const dues = seen.map((card) => card.nextAction?.dueOn ?? '9999');
    expect(dues).toEqual([...dues].sort());
    const bad = await a.get(`/api/board/columns/${first.stage.id}?cursor=nimportequoi`).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['cursor']);
    const impossible = Buffer.from(JSON.stringify(['2026-13-45', ids.old])).toString('base64url');
    const badDay = await a.get(`/api/board/columns/${first.stage.id}?cursor=${impossible}`).expect(400);
    expect(fieldsOf(badDay.body)).toEqual(['cursor']);
  });

  it.each([
    ['?owner=none', ['Entrepôt Sans Référent']],
    ['?sector=10.71', ['Boulangerie Hénin']],
    ['?sector=45', ['Garage des Flandres']],
    ['?territory=lille', ['Entrepôt Sans Référent', 'Garage des Flandres']],
    ['?tag=industrie', ['Ancienne Fonderie']],
    ['?overdue=true', ['Ancienne Fonderie', 'Garage des Flandres']],
    ['?q=henin', ['Boulangerie Hénin']],
  ])('filters the board with %s', async (query, names) => {
    const { columns } = await board(query);
    const found = columns.flatMap((c) => c.cards.map((card) => card.name)).sort();
    expect(found).toEqual(names);
    expect(columns.reduce((sum, c) => sum + c.count, 0)).toBe(names.length);
  });

  it('filters by owner, refuses bad filters (400) and shows nothing of another structure', async () => {
    const { columns } = await board(`?owner=${julie.id}`);
    expect(columns.flatMap((c) => c.cards.map((card) => card.id))).toEqual([ids.garage]);
    const bad = await a.get('/api/board?overdue=peut-etre&limit=1000').expect(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['limit', 'overdue']);
    const other = (await b.get('/api/board').expect(200)).body as { columns: Column[] };
    expect(other.columns.reduce((sum, c) => sum + c.count, 0)).toBe(0);
    await b.get(`/api/board/columns/${column((await board()).columns, 'to_prospect').stage.id}`).expect(404);
  });

  it('lists my actions for today, overdue ones, stalled companies and unassigned companies', async () => {
    const names = async (query: string, who: Api = a) =>
      ((await who.get(`/api/actions?${query}`).expect(200)).body.items as Card[]).map((card) => card.name);
    expect(await names('view=today')).toEqual(['Boulangerie Hénin']);
    expect(await names('view=overdue')).toEqual(['Ancienne Fonderie']);
    expect(await names('view=overdue&owner=all')).toEqual(['Ancienne Fonderie', 'Garage des Flandres']);
    expect(await names(`view=overdue&owner=${julie.id}`)).toEqual(['Garage des Flandres']);
    expect(await names('view=stalled')).toEqual(['Ancienne Fonderie']);
    expect(await names('view=unassigned')).toEqual(['Entrepôt Sans Référent']);
    expect(await names('view=today', b)).toEqual([]);
    const bad = await a.get('/api/actions?view=demain').expect(400);
    expect(fieldsOf(bad.body)).toEqual(['view']);
  });

  it('marks a card stalled once it stays in its stage past the threshold', async () => {
    t.clock.set(new Date(Date.parse('2026-11-24T09:00:00Z') + 31 * DAY));
    const later = api(await login(t.app.getHttpServer(), karim.email));
    const stalled = ((await later.get('/api/actions?view=stalled').expect(200)).body.items as Card[]).map((c) => c.name);
    // "Premier appel" stalls after 14 days, "À prospecter" after 30.
    expect(stalled).toEqual(expect.arrayContaining(['Ancienne Fonderie', 'Boulangerie Hénin', 'Garage des Flandres']));
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
  });

  it('keeps formulas out of the export, SIRETs and postcodes as text, and names the file after the Paris day', async () => {
    await a
      .post('/api/companies', {
        name: '=HYPERLINK("http://evil.example/","Cliquez")',
        siret: '35600000000048',
        territory: 'Piège',
        phone: '+32 2 511 22 33',
        postcode: '01000',
        commune: 'Bourg-en-Bresse',
      })
      .expect(201);
    // 23:30 UTC on 30 November is already 1 December in Paris.
    t.clock.set(new Date('2026-11-30T23:30:00Z'));
    const late = api(await login(t.app.getHttpServer(), karim.email));
    const response = await late
      .get(`/api/board/export.csv?territory=${encodeURIComponent('piège')}`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    const line = (response.body as string).trim().split(/\r?\n/)[1];
    expect(line.startsWith(`"'=HYPERLINK(""http://evil.example/"",""Cliquez"")";"=""35600000000048""";`)).toBe(true);
    // A foreign number stays international, its + no formula; French ones read « 03 20 … ».
    expect(line).toContain(';+32 2 511 22 33;');
    // Excel would read 01000 as the number 1000.
    expect(line).toContain(';"=""01000""";Bourg-en-Bresse;');
    expect(response.headers['content-disposition']).toBe('attachment; filename="entreprises-2026-12-01.csv"');
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    await t.dataSource.query(`DELETE FROM company WHERE territory = 'Piège'`);
  });

  it('exports what the filtered board shows as CSV for French Excel: BOM, semicolons, French headers', async () => {
    const response = await a.get('/api/board/export.csv?territory=lille').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe('Nom;SIRET;Code NAF;Secteur;Effectif;Adresse;Code postal;Commune;Territoire;Téléphone;Site web;Origine;Étape;Référent·e;Prochaine action;Échéance;Étiquettes');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      'Entrepôt Sans Référent;;52.10B;Entreposage et stockage non frigorifique;;;;;Lille;;;Prospection directe;À prospecter;;Appeler;24/11/2026;',
    );
    expect(lines[2]).toMatch(/^Garage des Flandres;.*Premier appel;Julie staff;Appeler;20\/11\/2026;$/);
  });

  it('keeps the unfiltered column counts right through creations, moves both ways, bulk writes and deletions', async () => {
    const structure = await createStructure(t.dataSource);
    const own = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'staff')).email));
    const stages = (await own.get('/api/pipeline/stages').expect(200)).body as Array<{ id: string; key: string }>;
    const stage = (key: string) => stages.find((s) => s.key === key)!.id;
    const created: string[] = [];
    for (let i = 0; i < 4; i++) created.push((await own.post('/api/companies', { name: `Compteur ${i}` }).expect(201)).body.id);
    await own.post(`/api/companies/${created[0]}/stage`, { stageId: stage('first_call'), version: 1 }).expect(201);
    const expectCountsMatchCompanies = async () => {
      const shown = ((await own.get('/api/board').expect(200)).body as { columns: Column[] }).columns
        .filter((c) => c.count > 0)
        .map((c) => [c.stage.id, c.count]);
      const real = (
        await t.dataSource.query(`SELECT stage_id, count(*)::int AS n FROM company WHERE structure_id = $1 GROUP BY stage_id`, [structure.id])
      ).map((row: { stage_id: string; n: number }) => [row.stage_id, row.n]);
      expect(shown.sort()).toEqual(real.sort());
    };
    await expectCountsMatchCompanies();
    // One statement moving cards in opposite directions, one bulk insert, one edit moving nobody.
    await t.dataSource.query(
      `UPDATE company SET stage_id = CASE WHEN stage_id = $2 THEN $3::uuid ELSE $2::uuid END WHERE structure_id = $1 AND id = ANY($4::uuid[])`,
      [structure.id, stage('first_call'), stage('to_prospect'), created.slice(0, 3)],
    );
    await t.dataSource.query(
      `INSERT INTO company (structure_id, name, search_name, dedup_name, stage_id)
       SELECT $1, 'Lot ' || i, 'lot ' || i, 'lot ' || i, $2 FROM generate_series(1, 5) AS i`,
      [structure.id, stage('meeting_held')],
    );
    await t.dataSource.query(`UPDATE company SET notes = 'relu' WHERE structure_id = $1`, [structure.id]);
    await expectCountsMatchCompanies();
    await t.dataSource.query(`DELETE FROM company WHERE structure_id = $1 AND (name LIKE 'Lot %' OR id = $2)`, [structure.id, created[3]]);
    await expectCountsMatchCompanies();
    const [{ companies }] = await t.dataSource.query(
      `SELECT companies FROM company_stage_count WHERE structure_id = $1 AND stage_id = $2`,
      [structure.id, stage('meeting_held')],
    );
    expect(companies).toBe(0);
  });
});
