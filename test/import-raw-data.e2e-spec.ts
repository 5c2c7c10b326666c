import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import { createHash, randomUUID } from 'node:crypto';
import { CompanyImportService } from '../src/companies/import/company-import.service';
import { IMPORT_FILE_PURGE_PATTERN } from '../src/companies/import/import-worker.module';
import { JOBS, QUEUES } from '../src/jobs/queues';
import { api, Api, fieldsOf } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { asWorker } from './helpers/scope';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Nothing raw kept longer than needed: imported files and what their reports quote of them go
 * after IMPORT_FILE_RETENTION_DAYS, rejected rows keep a short excerpt, an erased contact's address
 * is kept under a keyed hash that still blocks it when entered again, and a person's direct line
 * from a file lands on the person.
 */
describe('raw personal data of imports and of the suppression list (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: LoggedIn;
  let s: Api;
  let m: Api;
  let structureId: string;
  let emails: { staff: string; manager: string };

  /** Sessions last hours: moving the clock by days means logging in again. */
  async function logIn() {
    staff = await login(t.app.getHttpServer(), emails.staff);
    s = api(staff);
    m = api(await login(t.app.getHttpServer(), emails.manager));
  }

  async function daysLater(days: number) {
    t.clock.advance(days * DAY_MS);
    await logIn();
  }

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    const structure = await createStructure(t.dataSource, 'ACI Fichiers');
    structureId = structure.id;
    emails = {
      staff: (await createUser(t.dataSource, structure, 'staff', 'Inès')).email,
      manager: (await createUser(t.dataSource, structure, 'manager', 'Marc')).email,
    };
    await logIn();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  function upload(file: string, fields: Record<string, string> = {}) {
    let request = staff.agent.post('/api/imports').set('x-csrf-token', staff.csrf);
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    return request.attach('file', Buffer.from(file), 'prospects.csv').expect(202);
  }

  async function finished(id: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const run = (await s.get(`/api/imports/${id}`).expect(200)).body;
      if (run.status === 'done' || run.status === 'failed') return run;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${run.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const chunksOf = async (id: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM import_chunk WHERE run_id = $1`, [id]))[0].n as number;

  /** The daily job, as the worker runs it: through the imports queue and its processor. */
  async function runDailyPurge(): Promise<{ files: number; reports: number }> {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.imports));
    const events = new QueueEvents(queue.name, { connection: queue.opts.connection, prefix: queue.opts.prefix });
    try {
      await events.waitUntilReady();
      const job = await queue.add(JOBS.purgeImportFiles, {}, { removeOnComplete: true, removeOnFail: true });
      return (await job.waitUntilFinished(events, 20_000)) as { files: number; reports: number };
    } finally {
      await events.close();
    }
  }

  it('deletes a dry run’s file and its row report 30 days after it finished; the summary stays and says so in French', async () => {
    const started = await upload('nom;code_postal\nFerme du Marais;59000\nPressing Express;5900\n');
    const run = await finished(started.body.id);
    expect(run).toMatchObject({ status: 'done', dryRun: true, totalRows: 2, createdCount: 1, rejectedCount: 1, fileDeletedAt: null });
    expect(run.fileNotice).toMatch(/^Fichier conservé jusqu’au \d\d\/\d\d\/\d{4} pour lancer l’import\.$/);
    expect(run.rejected).toHaveLength(1);
    expect(await chunksOf(run.id)).toBeGreaterThan(0);

    // 29 days on: still kept, and the daily job leaves it alone.
    await daysLater(29);
    await runDailyPurge();
    expect(await chunksOf(run.id)).toBeGreaterThan(0);
    expect((await s.get(`/api/imports/${run.id}`).expect(200)).body.rejected).toHaveLength(1);

    // 31 days on: the file and the rows quoted from it go.
    await daysLater(2);
    expect((await runDailyPurge()).reports).toBeGreaterThanOrEqual(1);
    expect(await chunksOf(run.id)).toBe(0);
    const after = (await s.get(`/api/imports/${run.id}`).expect(200)).body;
    expect(after).toMatchObject({
      id: run.id,
      filename: 'prospects.csv',
      status: 'done',
      createdBy: expect.any(String),
      createdAt: run.createdAt,
      finishedAt: run.finishedAt,
      totalRows: 2,
      createdCount: 1,
      rejectedCount: 1,
      fileDeletedAt: expect.any(String),
      reportDeletedAt: expect.any(String),
      keptUntil: null,
      rejected: [],
      preview: [],
    });
    expect(after.fileNotice).toMatch(/^Fichier et détail des lignes supprimés le \d\d\/\d\d\/\d{4} \(conservés 30 jours après l’import\) ; le bilan reste\.$/);
    const listed = (await s.get('/api/imports?limit=50').expect(200)).body.items.find((item: { id: string }) => item.id === run.id);
    expect(listed).toMatchObject({ createdCount: 1, fileNotice: after.fileNotice });

    // Too late to run it for real: a 409 naming the file, not an empty import.
    const refused = await s.post(`/api/imports/${run.id}/run`, {}).expect(409);
    expect(fieldsOf(refused.body)).toEqual(['file']);
    expect(refused.body.message).toContain('send the file again');

    // A repeated job finds nothing more to do.
    const again = await asWorker(t.app.get(CompanyImportService), 'retention').purgeExpiredFiles();
    expect(again).toEqual({ files: 0, reports: 0 });
    expect((await s.get(`/api/imports/${run.id}`).expect(200)).body.reportDeletedAt).toBe(after.reportDeletedAt);
  });

  it('drops a real run’s file as soon as it ends, and its report after the same period; a failed run’s file goes at once too', async () => {
    const started = await upload('nom;code_postal\nMaraîcher Bio;59000\n', { dryRun: 'false' });
    const run = await finished(started.body.id);
    expect(run).toMatchObject({ status: 'done', dryRun: false, createdCount: 1, fileDeletedAt: expect.any(String), reportDeletedAt: null });
    expect(run.fileNotice).toMatch(/^Fichier supprimé à la fin du traitement ; le détail des lignes est conservé jusqu’au \d\d\/\d\d\/\d{4}\.$/);
    expect(await chunksOf(run.id)).toBe(0);

    // A failed run whose file stayed behind (the worker stopped between the two writes).
    const [failed] = await t.dataSource.query(
      `INSERT INTO import_run (structure_id, filename, duplicates, dry_run, status, finished_at)
       VALUES ($1, 'echec.csv', 'skip', false, 'failed', $2) RETURNING id`,
      [structureId, t.clock.now()],
    );
    await t.dataSource.query(`INSERT INTO import_chunk (run_id, seq, data) VALUES ($1, 0, $2)`, [failed.id, Buffer.from('nom\nA\n')]);
    await asWorker(t.app.get(CompanyImportService), 'retention').purgeExpiredFiles();
    expect(await chunksOf(failed.id)).toBe(0);
    expect((await s.get(`/api/imports/${run.id}`).expect(200)).body.preview).toHaveLength(1);

    await daysLater(31);
    await asWorker(t.app.get(CompanyImportService), 'retention').purgeExpiredFiles();
    const after = (await s.get(`/api/imports/${run.id}`).expect(200)).body;
    expect(after).toMatchObject({ createdCount: 1, reportDeletedAt: expect.any(String), preview: [], rejected: [] });
  });

  it('keeps of a rejected row its line, the refused column and a short excerpt, never the rest of the line', async () => {
    const longNote = `Dossier ${'x'.repeat(80)}`;
    const file =
      'nom;code_postal;telephone;notes;contact_prenom;contact_nom;contact_email;contact_telephone\n' +
      `Boulangerie Quillardet;59000;03 20 00 00 00;${longNote};Hugo;Suivimark;hugo.suivimark@exemple.fr;06 12 34 56 78 poste ${'9'.repeat(60)}\n`;
    const run = await finished((await upload(file)).body.id);
    expect(run).toMatchObject({ rejectedCount: 1 });
    expect(run.rejected).toEqual([
      {
        line: 2,
        name: 'Boulangerie Quillardet',
        siret: null,
        reason: `contact_telephone : numéro de téléphone invalide (« 06 12 34 56 78 poste ${'9'.repeat(19)}… »)`,
      },
    ]);
    const [{ report }] = await t.dataSource.query(`SELECT report::text AS report FROM import_run WHERE id = $1`, [run.id]);
    for (const raw of ['Suivimark', 'hugo', 'Hugo', '03 20 00 00 00', 'Dossier', '9'.repeat(20)]) expect({ raw, found: report.includes(raw) }).toEqual({ raw, found: false });
  });

  it('puts a direct line from the file on its person, and the switchboard on the company', async () => {
    const file =
      'nom;code_postal;telephone;contact_prenom;contact_nom;contact_fonction;contact_email;contact_telephone\n' +
      'Menuiserie Lignedirecte;59000;03 20 44 55 66;Amel;Benali;Gérante;A.Benali@Exemple.fr;06 11 22 33 44\n' +
      'Serrurerie Sansstandard;59000;;;Roux;;;07 55 44 33 22\n' +
      'Vitrerie Sansnom;59000;;Paul;;;;06 99 88 77 66\n';
    const run = await finished((await upload(file, { dryRun: 'false' })).body.id);
    expect(run).toMatchObject({ status: 'done', createdCount: 2, rejectedCount: 1 });
    expect(run.rejected).toEqual([expect.objectContaining({ line: 4, reason: 'contact_nom : obligatoire quand une autre colonne contact_… est remplie' })]);
    expect(run.preview[0]).toMatchObject({ line: 2, action: 'create', reason: 'avec un contact' });

    const companies = await t.dataSource.query(
      `SELECT c.name, c.phone AS company_phone, k.first_name, k.last_name, k.job_title, k.email, k.phone AS contact_phone
         FROM company c LEFT JOIN contact k ON k.company_id = c.id
        WHERE c.structure_id = $1 AND c.name IN ('Menuiserie Lignedirecte', 'Serrurerie Sansstandard', 'Vitrerie Sansnom') ORDER BY c.name`,
      [structureId],
    );
    expect(companies).toEqual([
      { name: 'Menuiserie Lignedirecte', company_phone: '+33320445566', first_name: 'Amel', last_name: 'Benali', job_title: 'Gérante', email: 'a.benali@exemple.fr', contact_phone: '+33611223344' },
      { name: 'Serrurerie Sansstandard', company_phone: null, first_name: null, last_name: 'Roux', job_title: null, email: null, contact_phone: '+33755443322' },
    ]);

    // Merging the same file again adds nobody twice; a new person of an existing company is added.
    const merged = await finished(
      (await upload(`${file.split('\n').slice(0, 3).join('\n')}\nMenuiserie Lignedirecte;59000;;Karim;Haddad;;;06 00 00 00 01\n`, { dryRun: 'false', duplicates: 'merge' })).body.id,
    );
    expect(merged.preview.map((row: { line: number; reason: string }) => [row.line, row.reason])).toEqual([
      [2, 'rien à compléter'],
      [3, 'rien à compléter'],
      [4, 'doublon de la ligne 2 du fichier (même nom et code postal)'],
    ]);
    const [menuiserie] = await t.dataSource.query(`SELECT id FROM company WHERE structure_id = $1 AND name = 'Menuiserie Lignedirecte'`, [structureId]);
    const more = await finished(
      (await upload('nom;code_postal;contact_nom;contact_prenom;contact_telephone\nMenuiserie Lignedirecte;59000;Haddad;Karim;06 00 00 00 01\n', { dryRun: 'false', duplicates: 'merge' })).body.id,
    );
    expect(more.preview[0]).toMatchObject({ action: 'merge', reason: 'complète : un contact' });
    const people = (await s.get(`/api/companies/${menuiserie.id}/contacts`).expect(200)).body;
    expect(people.map((person: { lastName: string; phone: string }) => [person.lastName, person.phone]).sort()).toEqual([
      ['Benali', '+33611223344'],
      ['Haddad', '+33600000001'],
    ]);
  });

  it('keeps an erased contact’s address under a keyed hash that still opts out the address entered again, by hand or by import', async () => {
    const company = (await s.post('/api/companies', { name: `Carrosserie ${randomUUID().slice(0, 6)}` }).expect(201)).body.id as string;
    const email = `Jeanne.Oubliee-${randomUUID().slice(0, 6)}@Exemple.fr`;
    const contact = (await s.post(`/api/companies/${company}/contacts`, { lastName: 'Oubliée', firstName: 'Jeanne', email }).expect(201)).body.id;
    await m.post(`/api/privacy/contacts/${contact}/erase`, { reason: 'Demande écrite' }).expect(200);

    const plainHash = createHash('sha256').update(email.toLowerCase()).digest('hex');
    const stored: Array<{ email: string }> = await t.dataSource.query(`SELECT email FROM email_suppression WHERE structure_id = $1 AND contact_id = $2`, [structureId, contact]);
    expect(stored).toEqual([{ email: expect.stringMatching(/^hmac:[0-9a-f]{64}$/) }]);
    expect(stored[0].email).not.toContain(plainHash);

    // Typed again through the API, in other letters: opted out, and asking otherwise does not release it.
    const again = (await s.post(`/api/companies/${company}/contacts`, { lastName: 'Accueil', email: ` ${email.toUpperCase()} ` }).expect(201)).body;
    expect(again).toMatchObject({ emailOptOut: true, optedOut: true });
    expect((await s.patch(`/api/contacts/${again.id}`, { emailOptOut: false }).expect(200)).body).toMatchObject({ emailOptOut: true, optedOut: true });
    // ...and never written back in clear on the list.
    expect(await t.dataSource.query(`SELECT 1 FROM email_suppression WHERE structure_id = $1 AND email = $2`, [structureId, email.toLowerCase()])).toEqual([]);

    // Through an import: the new contact comes in opted out.
    const run = await finished(
      (await upload(`nom;code_postal;contact_nom;contact_email\nGarage Retour ${randomUUID().slice(0, 6)};59000;Retour;${email}\n`, { dryRun: 'false' })).body.id,
    );
    expect(run).toMatchObject({ status: 'done', createdCount: 1 });
    const imported = await t.dataSource.query(`SELECT email_opt_out FROM contact WHERE structure_id = $1 AND last_name = 'Retour'`, [structureId]);
    expect(imported).toEqual([{ email_opt_out: true }]);
  });

  it('still matches the plain hashes written before the keyed one (legacy rows)', async () => {
    const company = (await s.post('/api/companies', { name: `Plomberie ${randomUUID().slice(0, 6)}` }).expect(201)).body.id as string;
    const email = `ancien-efface-${randomUUID().slice(0, 6)}@exemple.fr`;
    await t.dataSource.query(`INSERT INTO email_suppression (structure_id, email) VALUES ($1, $2)`, [
      structureId,
      `sha256:${createHash('sha256').update(email).digest('hex')}`,
    ]);
    const again = (await s.post(`/api/companies/${company}/contacts`, { lastName: 'Revenu', email }).expect(201)).body;
    expect(again).toMatchObject({ emailOptOut: true, optedOut: true });
  });

  it('runs the purge as a daily repeatable job of the worker', async () => {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.imports));
    expect(await queue.getJobScheduler(JOBS.purgeImportFiles)).toMatchObject({ pattern: IMPORT_FILE_PURGE_PATTERN, tz: 'Europe/Paris' });
  });
});
