import { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { CompanyImportService, MAX_IMPORT_BYTES } from '../src/companies/import/company-import.service';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { asWorker } from './helpers/scope';

const FIXTURES = join(__dirname, 'fixtures');
const SIRENE_FILE = readFileSync(join(FIXTURES, 'sirene-etablissements.csv'));

describe('CSV import of companies (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let structureA: Structure;
  let staffA: User;
  let sessionA: LoggedIn;
  let a: Api;
  let b: Api;
  let sessionB: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    structureA = await createStructure(t.dataSource, 'ACI Import A');
    const structureB = await createStructure(t.dataSource, 'EI Import B', 'EI');
    staffA = await createUser(t.dataSource, structureA, 'staff', 'Karim');
    const staffB = await createUser(t.dataSource, structureB, 'staff');
    sessionA = await login(t.app.getHttpServer(), staffA.email);
    a = api(sessionA);
    sessionB = await login(t.app.getHttpServer(), staffB.email);
    b = api(sessionB);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  function upload(session: LoggedIn, file: Buffer | null, fields: Record<string, string> = {}, filename = 'import.csv') {
    let request = session.agent.post('/api/imports').set('x-csrf-token', session.csrf);
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    return file ? request.attach('file', file, filename) : request;
  }

  /** Polls the run the way the page does, until the worker is done with it. */
  async function finished(id: string, client: Api = a, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await client.get(`/api/imports/${id}`).expect(200);
      if (response.body.status === 'done' || response.body.status === 'failed') return response.body;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${response.body.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function companyCount(structureId: string): Promise<number> {
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM company WHERE structure_id = $1`, [
      structureId,
    ]);
    return count;
  }

  let dryRunId: string;
  let existingId: string;

  it('dry run of a SIRENE file: preview, rejected lines with reasons, nothing written', async () => {
    const existing = await a
      .post('/api/companies', { name: 'Transports Delta (ancienne fiche)', siret: '73282932000116' })
      .expect(201);
    existingId = existing.body.id;
    const before = await companyCount(structureA.id);

    const started = await upload(sessionA, SIRENE_FILE, {}, 'StockEtablissement_extrait.csv').expect(202);
    expect(started.body).toMatchObject({
      filename: 'StockEtablissement_extrait.csv',
      status: expect.stringMatching(/pending|running|done/),
      format: 'sirene',
      dryRun: true,
      duplicates: 'skip',
    });
    dryRunId = started.body.id;

    const run = await finished(dryRunId);
    expect(run).toMatchObject({
      status: 'done',
      totalRows: 8,
      processedRows: 8,
      createdCount: 2,
      mergedCount: 0,
      skippedCount: 2,
      rejectedCount: 4,
      error: null,
    });
    expect(run.rejected).toEqual([
      { line: 3, name: 'MENUISERIE FERMEE', siret: '55201088600018', reason: 'etatAdministratifEtablissement : établissement fermé (F)' },
      { line: 4, name: 'GARAGE CLE FAUSSE', siret: '80112345600016', reason: 'siret : 14 chiffres attendus avec une clé de contrôle valide' },
      { line: 5, name: 'IMPRIMERIE NAF INCONNUE', siret: '39205174400010', reason: expect.stringContaining('activitePrincipaleEtablissement : code NAF') },
      { line: 9, name: null, siret: '55201088600026', reason: expect.stringContaining('nom : ') },
    ]);
    expect(run.preview.map((row: { line: number; action: string }) => [row.line, row.action])).toEqual([
      [2, 'create'],
      [3, 'reject'],
      [4, 'reject'],
      [5, 'reject'],
      [6, 'skip'],
      [7, 'create'],
      [8, 'skip'],
      [9, 'reject'],
    ]);
    expect(run.preview[4].reason).toBe('doublon de la ligne 2 du fichier (même SIRET)');
    expect(run.preview[6].reason).toContain('Transports Delta (ancienne fiche)');
    expect(await companyCount(structureA.id)).toBe(before);
  });

  it('runs the dry run for real: companies in « À prospecter », each with its first stage event', async () => {
    const before = await companyCount(structureA.id);
    const again = await a.post(`/api/imports/${dryRunId}/run`, {}).expect(202);
    expect(again.body).toMatchObject({ id: dryRunId, dryRun: false, status: expect.stringMatching(/pending|running|done/) });
    const run = await finished(dryRunId);
    expect(run).toMatchObject({ status: 'done', dryRun: false, createdCount: 2, skippedCount: 2, rejectedCount: 4, processedRows: 8 });
    expect(await companyCount(structureA.id)).toBe(before + 2);

    const found = await a.get('/api/companies?q=beffroi').expect(200);
    expect(found.body.items).toHaveLength(1);
    const boulangerie = await a.get(`/api/companies/${found.body.items[0].id}`).expect(200);
    expect(boulangerie.body).toMatchObject({
      name: 'BOULANGERIE DU BEFFROI',
      siret: '44230699900016',
      nafCode: '10.71C',
      address: '12 BIS AVENUE DE LA REPUBLIQUE',
      postcode: '59000',
      commune: 'LILLE',
      source: 'cold_prospection',
      stageName: 'À prospecter',
      nextAction: { type: 'call' },
      version: 1,
    });
    const superette = (await a.get('/api/companies?q=superette').expect(200)).body.items[0];
    expect(superette).toMatchObject({ name: 'SUPERETTE DES FLANDRES' });

    const events = await t.dataSource.query(
      `SELECT e.from_stage_id, s.name AS to_stage, e.actor_id FROM stage_event e JOIN pipeline_stage s ON s.id = e.to_stage_id
       WHERE e.company_id = ANY($1::uuid[])`,
      [[boulangerie.body.id, superette.id]],
    );
    expect(events).toEqual([
      { from_stage_id: null, to_stage: 'À prospecter', actor_id: staffA.id },
      { from_stage_id: null, to_stage: 'À prospecter', actor_id: staffA.id },
    ]);
    // Skip mode left the existing company alone.
    const existing = await a.get(`/api/companies/${existingId}`).expect(200);
    expect(existing.body).toMatchObject({ name: 'Transports Delta (ancienne fiche)', address: null, version: 1 });
  });

  it('answers 409 when running again a run that is not a finished dry run', async () => {
    await a.post(`/api/imports/${dryRunId}/run`, {}).expect(409);
    await a.post(`/api/imports/${dryRunId}/run`, { duplicates: 'sideways' }).expect(400);
  });

  it('merge mode fills only the empty fields of existing companies and bumps their version', async () => {
    const before = await companyCount(structureA.id);
    const started = await upload(sessionA, SIRENE_FILE, { duplicates: 'merge', dryRun: 'false' }).expect(202);
    const run = await finished(started.body.id);
    expect(run).toMatchObject({ status: 'done', dryRun: false, duplicates: 'merge', createdCount: 0, mergedCount: 3, skippedCount: 1, rejectedCount: 4 });
    expect(run.preview.find((row: { line: number }) => row.line === 2).reason).toBe('rien à compléter');
    expect(run.preview.find((row: { line: number }) => row.line === 8).reason).toContain('adresse');
    expect(await companyCount(structureA.id)).toBe(before);

    const merged = await a.get(`/api/companies/${existingId}`).expect(200);
    expect(merged.body).toMatchObject({
      name: 'Transports Delta (ancienne fiche)',
      nafCode: '49.41A',
      headcountBand: '12',
      address: "4 RUE DE L'INDUSTRIE, ZI DU HELLAND",
      postcode: '59650',
      commune: "VILLENEUVE-D'ASCQ",
      version: 2,
    });
    const untouched = (await a.get('/api/companies?q=beffroi').expect(200)).body.items[0];
    expect((await a.get(`/api/companies/${untouched.id}`).expect(200)).body.version).toBe(1);
  });

  it('imports our template with BOM and `;`: owner, tags, origin, multi-line notes, in-file duplicates', async () => {
    const file = Buffer.from(readFileSync(join(FIXTURES, 'modele-entreprises.csv'), 'utf8').replace('REFERENT_EMAIL', staffA.email));
    const started = await upload(sessionA, file, { dryRun: 'false' }, 'modèle.csv').expect(202);
    expect(started.body).toMatchObject({ format: 'tremplin', filename: 'modèle.csv' });
    const run = await finished(started.body.id);
    expect(run).toMatchObject({ status: 'done', totalRows: 5, createdCount: 3, skippedCount: 1, rejectedCount: 1 });
    expect(run.preview.map((row: { line: number; action: string }) => [row.line, row.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'skip'],
      [5, 'create'],
      [7, 'reject'],
    ]);
    expect(run.preview[2].reason).toBe('doublon de la ligne 3 du fichier (même nom et code postal)');
    expect(run.rejected).toEqual([
      { line: 7, name: 'Pressing Express', siret: null, reason: 'code_postal : 5 chiffres attendus (« 5900 »)' },
    ]);

    const garage = (await a.get('/api/companies?q=garage emile').expect(200)).body.items[0];
    const detail = await a.get(`/api/companies/${garage.id}`).expect(200);
    expect(detail.body).toMatchObject({
      name: 'Garage Émile SARL',
      siret: '39205174400010',
      nafCode: '45.20A',
      sectorLabel: expect.any(String),
      headcountBand: '03',
      website: 'www.garage-emile.fr',
      source: 'network',
      owner: { id: staffA.id },
      nextAction: { type: 'call', owner: { id: staffA.id } },
      tags: ['auto', 'mécanique'],
      stageName: 'À prospecter',
    });
    const cafe = (await a.get('/api/companies?q=cafe des sports').expect(200)).body.items[0];
    const cafeDetail = await a.get(`/api/companies/${cafe.id}`).expect(200);
    expect(cafeDetail.body).toMatchObject({ source: 'event', notes: 'Rappeler le patron\napr\u00e8s 14 h', owner: null, tags: ['job dating'] });
  });

  it('refuses bad input with 400 naming the field', async () => {
    const noFile = await upload(sessionA, null, { dryRun: 'true' }).expect(400);
    expect(fieldsOf(noFile.body)).toEqual(['file']);
    const empty = await upload(sessionA, Buffer.from('')).expect(400);
    expect(fieldsOf(empty.body)).toEqual(['file']);
    const unknown = await upload(sessionA, Buffer.from('name,city\nAcme,Lille\n')).expect(400);
    expect(fieldsOf(unknown.body)).toEqual(['file']);
    expect(unknown.body.message).toContain('nom;siret;code_naf');
    expect(unknown.body.message).toContain('codePostalEtablissement');
    const headerOnly = await upload(sessionA, Buffer.from('nom;siret\n')).expect(400);
    expect(fieldsOf(headerOnly.body)).toEqual(['file']);
    const badMode = await upload(sessionA, Buffer.from('nom\nAcme\n'), { duplicates: 'overwrite' }).expect(400);
    expect(fieldsOf(badMode.body)).toEqual(['duplicates']);
    const badDryRun = await upload(sessionA, Buffer.from('nom\nAcme\n'), { dryRun: 'maybe' }).expect(400);
    expect(fieldsOf(badDryRun.body)).toEqual(['dryRun']);
    // Writes need the CSRF header, like every other write.
    await sessionA.agent.post('/api/imports').attach('file', Buffer.from('nom\nAcme\n'), 'a.csv').expect(403);
  });

  /** Import rows and file chunks, to check that a refused upload leaves nothing behind. */
  async function importFootprint() {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM import_run)::int AS runs, (SELECT count(*) FROM import_chunk)::int AS chunks`,
    );
    return row;
  }

  it('refuses a file over 50 MB with 413 naming file, and keeps nothing of it', async () => {
    const before = await importFootprint();
    const tooBig = Buffer.alloc(MAX_IMPORT_BYTES + 1, 'nom\nA\n');
    const refused = await upload(sessionA, tooBig).expect(413);
    expect(refused.body).toMatchObject({
      statusCode: 413,
      code: 'import.file_too_large',
      details: [{ field: 'file', message: 'the file is larger than 50 MB', code: 'import.file_too_large', params: { maxMb: 50 } }],
    });
    expect(await importFootprint()).toEqual(before);
  });

  it('refuses an import beyond the limits in progress (structure, then service) with 429 naming file', async () => {
    const other = await createStructure(t.dataSource, 'ACI Import C');
    // Uploads under way elsewhere: two in structure A (its limit), six more in another structure (8 in all).
    const inProgress: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO import_run (structure_id, filename, duplicates, dry_run, status)
       SELECT CASE WHEN n <= 2 THEN $1::uuid ELSE $2::uuid END, 'en-cours.csv', 'skip', true, 'uploading'
       FROM generate_series(1, 8) AS n RETURNING id`,
      [structureA.id, other.id],
    );
    try {
      const before = await importFootprint();
      const mine = await upload(sessionA, Buffer.from('nom\nAcme\n')).expect(429);
      expect(mine.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringContaining('2 imports in progress'),
        code: 'import.too_many_for_structure',
        params: { max: 2 },
        details: [
          {
            field: 'file',
            message: expect.stringContaining('your structure already has 2 imports in progress (at most 2)'),
            code: 'import.too_many_for_structure',
            params: { max: 2 },
          },
        ],
        requestId: expect.any(String),
      });
      const theirs = await upload(sessionB, Buffer.from('nom\nAcme\n')).expect(429);
      expect(theirs.body.details).toEqual([
        { field: 'file', message: expect.stringContaining('8 imports are in progress on the service (at most 8)'), code: 'import.too_many_overall', params: {} },
      ]);
      expect(await importFootprint()).toEqual(before);
    } finally {
      await t.dataSource.query(`DELETE FROM import_run WHERE id = ANY($1::uuid[])`, [inProgress.map((run) => run.id)]);
    }
    const accepted = await upload(sessionA, Buffer.from('nom\nAcme\n')).expect(202);
    expect((await finished(accepted.body.id)).status).toBe('done');
  });

  it('reports a rejected row with a huge field by an excerpt, and reads Windows-1252 files', async () => {
    const huge = 'N'.repeat(5 * 1024 * 1024);
    const file = Buffer.concat([
      Buffer.from(`nom;code_postal\n${huge};59000\n`),
      Buffer.from('Épicerie « Chez Noël »;5900\n', 'latin1'),
    ]);
    const started = await upload(sessionA, file).expect(202);
    expect(started.body.format).toBe('tremplin');
    const response = await a.get(`/api/imports/${started.body.id}`).expect(200);
    const run = await finished(started.body.id);
    expect(run).toMatchObject({ status: 'done', totalRows: 2, rejectedCount: 2 });
    expect(run.rejected).toEqual([
      { line: 2, name: `${'N'.repeat(40)}…`, siret: null, reason: 'nom : 200 caractères au plus' },
      { line: 3, name: 'Épicerie « Chez Noël »', siret: null, reason: 'code_postal : 5 chiffres attendus (« 5900 »)' },
    ]);
    expect(response.text.length).toBeLessThan(10_000);
    const [{ bytes }] = await t.dataSource.query(`SELECT pg_column_size(report) AS bytes FROM import_run WHERE id = $1`, [started.body.id]);
    expect(bytes).toBeLessThan(5_000);
  });

  it("hides another structure's imports (404) and lists the structure's own runs", async () => {
    await b.get(`/api/imports/${dryRunId}`).expect(404);
    await b.post(`/api/imports/${dryRunId}/run`, {}).expect(404);
    const mine = await a.get('/api/imports?limit=2').expect(200);
    expect(mine.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.items[0]).not.toHaveProperty('content');
    expect(mine.body.items[0]).not.toHaveProperty('preview');
    const theirs = await b.get('/api/imports').expect(200);
    expect(theirs.body).toMatchObject({ items: [], total: 0 });
  });

  it('serves the template: UTF-8 with BOM, `;`, header and one example row that imports cleanly', async () => {
    const response = await a.get('/api/imports/template.csv').buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const body = response.body as Buffer;
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = body.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'nom;siret;code_naf;secteur;tranche_effectif;adresse;code_postal;commune;territoire;site_web;telephone;origine;referent_email;etiquettes;notes;' +
        'contact_prenom;contact_nom;contact_fonction;contact_email;contact_telephone',
    );
    expect(lines).toHaveLength(2);

    const dryRun = await upload(sessionA, body, {}, 'modele.csv').expect(202);
    const run = await finished(dryRun.body.id);
    expect(run).toMatchObject({ format: 'tremplin', totalRows: 1, createdCount: 1, rejectedCount: 0 });
    expect(run.preview).toEqual([expect.objectContaining({ action: 'create', reason: 'avec un contact' })]);
  });

  it('re-queues from PostgreSQL a run Redis lost (the reconcile job)', async () => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO import_run (structure_id, created_by, filename, duplicates, dry_run, format)
       VALUES ($1, $2, 'perdu.csv', 'skip', true, 'tremplin') RETURNING id`,
      [structureA.id, staffA.id],
    );
    await t.dataSource.query(`INSERT INTO import_chunk (run_id, seq, data) VALUES ($1, 0, $2)`, [
      id,
      Buffer.from('nom;code_postal\nFerme du Lien;59000\n'),
    ]);
    expect(await asWorker(worker.get(CompanyImportService)).reconcile()).toBeGreaterThanOrEqual(1);
    const run = await finished(id);
    expect(run).toMatchObject({ status: 'done', totalRows: 1, createdCount: 1, preview: [{ line: 2, action: 'create', name: 'Ferme du Lien' }] });
  });

  it('rejects, with their line, a SIRET of zeros and one whose SIREN fails its own key', async () => {
    const file = Buffer.from('nom;siret;code_postal\nZéro SARL;00000000000000;59000\nClé Trompeuse;12345678900007;59000\nBonne Clé;73282932000025;59000\n');
    const started = await upload(sessionA, file, {}, 'sirets.csv').expect(202);
    const run = await finished(started.body.id);
    expect(run).toMatchObject({ status: 'done', totalRows: 3, createdCount: 1, rejectedCount: 2 });
    expect(run.rejected).toEqual([
      { line: 2, name: 'Zéro SARL', siret: '00000000000000', reason: 'siret : 14 chiffres attendus avec une clé de contrôle valide' },
      { line: 3, name: 'Clé Trompeuse', siret: '12345678900007', reason: 'siret : 14 chiffres attendus avec une clé de contrôle valide' },
    ]);
  });
});
