import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { HttpSession, openSession } from '../src/bench/http-session';
import { Child, freePort, startNode, waitForHttp } from '../src/bench/processes';
import { API_NODE_FLAGS } from '../src/common/node-flags';
import { MAX_IMPORT_BYTES } from '../src/companies/import/company-import.service';
import { loadConfig } from '../src/config/env';
import { dataSourceOptions } from '../src/database/data-source';
import { createStructure, createUser, PASSWORD } from './helpers/fixtures';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');
const UPLOADS = 5;
const ROWS = 200_000;
/** Just under the 50 MB the API accepts: the largest file a user can send. */
const FILE_BYTES = MAX_IMPORT_BYTES - 100 * 1024;
/**
 * The API idles near 150 MB of RSS. Its heap may grow to 256 MB (API_NODE_FLAGS) before V8 gives
 * up; streamed uploads must not come near that, so the bound leaves about 100 MB above idle for
 * five uploads in flight, well under what buffering one 50 MB file costs (file, decoded text, copy
 * sent to PostgreSQL: 150 MB and more).
 */
const MAX_RSS_MB = 260;
/**
 * A logged-in read (session, then PostgreSQL) answers within this while five uploads go on: 1 to
 * 2 s at worst measured on a shared 2-core machine (load average 15) that also writes the five
 * files into PostgreSQL. (Not /health: it also asks the SMTP catcher, which lives in this test
 * process.)
 */
const MAX_READ_MS = 5000;

/**
 * A template CSV of ROWS data rows and exactly FILE_BYTES bytes, generated as it is sent. One block
 * of rows is built once and sent again and again: this process also measures the API's answers,
 * and must spend its time doing so rather than formatting 250 MB of text.
 */
function* bigCsv(): Generator<Buffer> {
  const header = 'nom;code_postal;commune;notes\n';
  const blockRows = 1000;
  const perLine = Math.floor((FILE_BYTES - header.length) / ROWS);
  const line = (row: number, length: number) => {
    const start = `Entreprise ${row};59000;Lille;`;
    return start + 'x'.repeat(length - start.length - 1) + '\n';
  };
  const block = Buffer.from(Array.from({ length: blockRows }, (_, index) => line(index + 1, perLine)).join(''));
  yield Buffer.from(header);
  for (let sent = 0; sent < ROWS - blockRows; sent += blockRows) yield block;
  // The last block takes the bytes the division left over.
  const rest = FILE_BYTES - header.length - perLine * (ROWS - blockRows);
  yield Buffer.from(Array.from({ length: blockRows }, (_, index) => line(index + 1, index === 0 ? rest - perLine * (blockRows - 1) : perLine)).join(''));
}

/**
 * POST /api/imports with a multipart body streamed from the generator, as a browser sends a file;
 * when `stop` settles, the client goes away (the answer is then status 0).
 */
function streamUpload(session: HttpSession, index: number, stop?: Promise<void>): Promise<{ status: number; body: string }> {
  const boundary = `----tremplin-memory-${index}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gros-${index}.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  function* body(): Generator<Buffer> {
    yield head;
    yield* bigCsv();
    yield tail;
  }
  const url = new URL('/api/imports', session.baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          accept: 'application/json',
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + FILE_BYTES + tail.length,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (part: string) => (text += part));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    const source = Readable.from(body(), { objectMode: false });
    void stop?.then(() => {
      source.destroy();
      request.destroy();
      resolve({ status: 0, body: 'stopped' });
    });
    source.pipe(request);
  });
}

/**
 * GET on a connection of its own: a kept-alive socket that the API closed for idling while this
 * busy process was not looking would fail the probe for no fault of the API.
 */
function freshGet(session: HttpSession, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, session.baseUrl), { agent: false, headers: { cookie: session.cookie } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (part: string) => (body += part));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('five maximum-size imports at once leave the API up (e2e, real API process)', () => {
  let dataSource: DataSource;
  let api: Child;
  let session: HttpSession;
  let structureId: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does)`);
    const config = loadConfig(process.env);
    dataSource = await new DataSource(dataSourceOptions(config)).initialize();
    const structure = await createStructure(dataSource, 'ACI Gros Fichiers');
    structureId = structure.id;
    const staff = await createUser(dataSource, structure, 'staff');
    const port = await freePort();
    // Limits raised so that all five uploads stream at once: the memory, not the 429, is under test here.
    // The service-wide limit counts the runs other specs left in progress in this schema: far above them.
    api = startNode(
      'src/main.js',
      { PORT: String(port), APP_BASE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', IMPORT_MAX_PER_STRUCTURE: '5', IMPORT_MAX_ACTIVE: '1000' },
      'api',
      API_NODE_FLAGS,
    );
    await waitForHttp(`http://127.0.0.1:${port}/health`);
    session = await openSession(`http://127.0.0.1:${port}`, staff.email, PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    // No worker runs here; the runs are removed so that no later spec's worker spends minutes on them.
    await dataSource?.query(`DELETE FROM import_run WHERE structure_id = $1`, [structureId]);
    await dataSource?.destroy();
  });

  it('streams five 50 MB, 200 000-line files: all accepted, reads answer meanwhile, RSS stays bounded', async () => {
    let peakRss = api.rssMb();
    const idleRss = peakRss;
    let slowestRead = 0;
    const readFailures: string[] = [];
    let sampling = true;
    const alive = () => api.process.exitCode === null && api.process.signalCode === null;
    const sampler = (async () => {
      while (sampling && alive()) {
        try {
          peakRss = Math.max(peakRss, api.rssMb());
          const started = performance.now();
          const read = await freshGet(session, '/api/imports?limit=1');
          if (read.status !== 200) readFailures.push(`status ${read.status}: ${read.body}`);
          slowestRead = Math.max(slowestRead, performance.now() - started);
        } catch (error) {
          readFailures.push(String(error));
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: UPLOADS }, (_, index) => streamUpload(session, index)));
    const seconds = (performance.now() - started) / 1000;
    sampling = false;
    await sampler;
    process.stdout.write(
      `five uploads in ${seconds.toFixed(1)} s; API RSS idle ${idleRss} MB, peak ${peakRss} MB; slowest read ${Math.round(slowestRead)} ms\n`,
    );

    expect(alive()).toBe(true);
    expect(readFailures).toEqual([]);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value.status : String(result.reason)))).toEqual(
      Array(UPLOADS).fill(202),
    );
    expect(peakRss).toBeLessThan(MAX_RSS_MB);
    expect(slowestRead).toBeLessThan(MAX_READ_MS);

    // The files are in PostgreSQL, whole, for the worker to read.
    const stored: Array<{ bytes: string }> = await dataSource.query(
      `SELECT sum(length(c.data))::bigint AS bytes FROM import_chunk c JOIN import_run r ON r.id = c.run_id
       WHERE r.structure_id = $1 GROUP BY r.id`,
      [structureId],
    );
    expect(stored.map((row) => Number(row.bytes))).toEqual(Array(UPLOADS).fill(FILE_BYTES));

    const health = await fetch(`${session.baseUrl}/health`);
    expect(health.status).toBe(200);
    // They would hold the five places in progress the next test needs.
    await dataSource.query(`DELETE FROM import_run WHERE structure_id = $1`, [structureId]);
  }, 90_000);

  it('keeps nothing of an upload the client breaks off half-way', async () => {
    const before: Array<{ id: string }> = await dataSource.query(`SELECT id FROM import_run WHERE structure_id = $1`, [structureId]);
    const others = before.map((run) => run.id);
    const footprint = async () => {
      const [row]: Array<{ runs: number; chunks: number }> = await dataSource.query(
        `SELECT count(DISTINCT r.id)::int AS runs, count(c.seq)::int AS chunks
         FROM import_run r LEFT JOIN import_chunk c ON c.run_id = r.id
         WHERE r.structure_id = $1 AND NOT (r.id = ANY($2::uuid[]))`,
        [structureId, others],
      );
      return row;
    };
    const waitFor = async (wanted: (found: { runs: number; chunks: number }) => boolean, what: string) => {
      const deadline = Date.now() + 15_000;
      for (let found = await footprint(); !wanted(found); found = await footprint()) {
        if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(found)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    let stop!: () => void;
    const upload = streamUpload(session, 9, new Promise<void>((resolve) => (stop = resolve)));
    await waitFor((found) => found.runs === 1 && found.chunks >= 2, 'the upload never got under way');
    stop();
    await upload;
    await waitFor((found) => found.runs === 0 && found.chunks === 0, 'the broken-off upload was not removed');
    expect(api.process.exitCode).toBeNull();
  }, 30_000);
});
