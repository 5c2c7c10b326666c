import 'reflect-metadata';
import 'dotenv/config';
import { setRowSecurity } from './row-security-switch';
import { asSystem } from '../tenancy/tenant-scope';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { configureApp } from '../app/configure-app';
import { PROJECT_ROOT } from '../common/paths';
import { configOrExit } from '../common/boot';
import { API_NODE_FLAGS, WORKER_NODE_FLAGS } from '../common/node-flags';
import { openSession } from './http-session';
import { load, LoadResult } from './load';
import { freePort, startNode, waitForHttp } from './processes';
import { captureStatements, chooseReads, measureReads, measureScopeChange, ReadResult } from './reads';
import { BENCH_PASSWORD, benchStructureExists, seedLarge, vacuumUntilAllVisible } from './seed-large';
import { SqlCapture } from './sql-capture';
import { ms, textTable } from './stats';
import { makeDue, planAll, PlanResult, rawNodemailer, SendResult, waitUntilSent } from './workers-bench';

interface Options {
  seed: number;
  scale: number;
  reuse: boolean;
  rounds: number;
  connections: number;
  duration: number;
  sends: number;
  out: string;
  /** `--row-security=off` measures with the policies switched off, to show what they cost. */
  rowSecurity: boolean;
}

function options(argv: string[]): Options {
  const value = (name: string, fallback: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
  return {
    seed: Number(value('seed', '42')),
    scale: Number(value('scale', '1')),
    reuse: argv.includes('--reuse'),
    rowSecurity: value('row-security', 'on') !== 'off',
    rounds: Number(value('rounds', '100')),
    connections: Number(value('connections', '50')),
    duration: Number(value('duration', '30')),
    sends: Number(value('sends', '1000')),
    out: value('out', join(PROJECT_ROOT, 'bench', 'results', 'latest.json')),
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm run bench` (scripts/bench.sh prepares the services and the build): seeds a large structure,
 * measures the reads over HTTP beside the same SQL, the workers beside raw nodemailer, a load of
 * 50 connections, and writes a table on stdout and a JSON file.
 */
async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  // No mail server given: a catcher of our own, in its own process so it does not share our CPU.
  let catcher: ReturnType<typeof startNode> | null = null;
  if (!process.env.SMTP_URL) {
    const [smtpPort, httpPort] = [await freePort(), await freePort()];
    catcher = startNode('src/dev/smtp-catcher.js', { CATCHER_SMTP_PORT: String(smtpPort), CATCHER_HTTP_PORT: String(httpPort) }, 'catcher');
    await waitForHttp(`http://127.0.0.1:${httpPort}/`);
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  }
  const config = configOrExit();
  const schema = process.env.DB_SCHEMA ?? 'public';
  const started = Date.now();

  // An in-process API: seeds, records each read's SQL, and plans check-ins like the app does.
  const capture = new SqlCapture();
  capture.install();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: ['error', 'warn'] });
  configureApp(app, config);
  const capturePort = await freePort();
  await app.listen(capturePort, '127.0.0.1');
  const dataSource = app.get(DataSource);

  log('1/5 data');
  let seedSeconds: number | null = null;
  let structureId: string;
  let users: Array<{ email: string; role: string }>;
  if (opts.reuse && (await benchStructureExists(dataSource, opts.seed))) {
    log('  reusing the bench structure already seeded with this seed (--reuse)');
    await vacuumUntilAllVisible(dataSource, log);
    ({ structureId, users } = await seedLarge(dataSource, { seed: opts.seed, scale: opts.scale, describeOnly: true }));
  } else {
    const seeded = await seedLarge(dataSource, { seed: opts.seed, scale: opts.scale });
    ({ structureId, users } = seeded);
    seedSeconds = seeded.seconds;
  }
  const counts: Record<string, number> = {};
  for (const table of ['company', 'contact', 'activity', 'stage_event', 'candidate', 'job_lead', 'proposal', 'placement']) {
    const [row] = await dataSource.query(`SELECT count(*)::int AS count FROM ${table} WHERE structure_id = $1`, [structureId]);
    counts[table] = row.count;
  }
  log(`  ${Object.entries(counts).map(([table, count]) => `${table} ${count}`).join(', ')}`);
  // Back on whatever a run stopped half-way left; then off only when asked.
  await setRowSecurity(dataSource, schema, true);
  if (!opts.rowSecurity) log(`  row-level security OFF on ${(await setRowSecurity(dataSource, schema, false)).length} tables (--row-security=off)`);
  const manager = users.find((user) => user.role === 'manager')!;

  log('2/5 reads over HTTP beside the same SQL');
  const captureSession = await openSession(`http://127.0.0.1:${capturePort}`, manager.email, BENCH_PASSWORD);
  const reads = await chooseReads(dataSource, structureId, captureSession, config.BUSINESS_TIME_ZONE);
  const statements = await captureStatements(capture, captureSession, reads);
  capture.uninstall();

  const apiPort = await freePort();
  const childEnv = {
    PORT: String(apiPort),
    APP_BASE_URL: `http://127.0.0.1:${apiPort}`,
    LOG_LEVEL: 'warn',
    SESSION_SECRET: config.SESSION_SECRET,
  };
  const api = startNode('src/main.js', childEnv, 'api', API_NODE_FLAGS);
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  await waitForHttp(`${baseUrl}/health`);
  const session = await openSession(baseUrl, manager.email, BENCH_PASSWORD);
  const readResults: ReadResult[] = await measureReads(session, config.DATABASE_URL, schema, structureId, reads, statements, opts.rounds, log);
  const scopeChange = await measureScopeChange(config.DATABASE_URL, structureId, opts.rounds * 10);
  log(`  row security: a connection's scope set in ${ms(scopeChange.median)} median, ${ms(scopeChange.p95)} p95 (at most two per request)`);

  log(`3/5 load: ${opts.connections} connections for ${opts.duration} s on board, timeline and search`);
  const rssBefore = api.rssMb();
  const mix = reads.filter((read) => /board, first|timeline|search/.test(read.name)).map((read) => read.path);
  const loadResult: LoadResult = await load(session, mix, opts.connections, opts.duration);
  const rssAfter = api.rssMb();
  log(`  ${loadResult.requestsPerSecond} req/s, p99 ${loadResult.p99} ms, errors ${loadResult.errors + loadResult.non2xx + loadResult.timeouts}, RSS ${rssBefore} → ${rssAfter} MB`);
  await api.stop();

  log('4/5 workers: planning check-ins, then sending');
  const plan: PlanResult = await planAll(app, structureId, (done, total) => process.stderr.write(`\r  planned ${done}/${total} placements`));
  log(`\n  ${plan.placements} placements planned (${plan.checkIns} check-ins) in ${plan.seconds} s`);
  const sends: SendResult[] = [];
  const used: string[] = [];
  for (const workers of [1, 2]) {
    const ids = await makeDue(app, structureId, opts.sends, used);
    used.push(...ids);
    const children = Array.from({ length: workers }, (_, index) => startNode('src/worker.js', { LOG_LEVEL: 'warn' }, `worker ${index + 1}`, WORKER_NODE_FLAGS));
    const result = await waitUntilSent(dataSource, ids, workers);
    await Promise.all(children.map((child) => child.stop()));
    sends.push(result);
    log(`  ${workers} worker(s): ${result.sent} check-in e-mails in ${result.seconds} s = ${result.perSecond}/s`);
  }
  const raw = await rawNodemailer(config.SMTP_URL, opts.sends, config.WORKER_CONCURRENCY);
  log(`  raw nodemailer, ${config.WORKER_CONCURRENCY} at a time: ${raw.perSecond}/s`);
  if (!opts.rowSecurity) await setRowSecurity(dataSource, schema, true);
  await app.close();
  await catcher?.stop();

  log('5/5 results');
  const machine = {
    os: `${osType()} ${release()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  };
  const result = {
    takenAt: new Date().toISOString(),
    machine,
    options: opts,
    counts,
    seedSeconds,
    reads: readResults,
    load: { ...loadResult, rssBeforeMb: rssBefore, rssAfterMb: rssAfter },
    rowSecurity: { policies: opts.rowSecurity ? 'on' : 'off', scopeChange },
    workers: { plan, sends, rawNodemailer: raw, concurrency: config.WORKER_CONCURRENCY },
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(join(opts.out, '..'), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);

  const check = (ok: boolean | null) => (ok === null ? '' : ok ? 'yes' : 'NO');
  console.log(`\nTremplin benchmark, ${result.takenAt}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}`);
  console.log(`Data: ${Object.entries(counts).map(([table, count]) => `${count} ${table}`).join(', ')}${seedSeconds ? `; seeded in ${seedSeconds} s` : ''}\n`);
  console.log(
    textTable(
      ['read', 'API median', 'API p95', 'SQL median', 'API/SQL', 'target', 'met'],
      readResults.map((read) => [
        read.name,
        ms(read.api.median),
        ms(read.api.p95),
        ms(read.sql.median),
        String(read.ratio),
        read.targetP95 ? `p95 < ${read.targetP95} ms` : read.targetMedian ? `median < ${read.targetMedian} ms` : '',
        check(read.meetsTarget),
      ]),
    ),
  );
  console.log('');
  console.log(
    textTable(
      ['workers', 'figure', 'target', 'met'],
      [
        ['plan check-ins', `${plan.placements} placements in ${plan.seconds} s (${plan.perSecond}/s)`, '', ''],
        ...sends.map((send) => [
          `send, ${send.workers} worker(s)`,
          `${send.perSecond} e-mails/s`,
          `≥ ${200 * send.workers}/s`,
          check(send.perSecond >= 200 * send.workers),
        ]),
        ['raw nodemailer', `${raw.perSecond} e-mails/s`, '', ''],
      ],
    ),
  );
  console.log('');
  const errors = loadResult.errors + loadResult.non2xx + loadResult.timeouts;
  console.log(
    textTable(
      ['load', 'figure', 'target', 'met'],
      [
        ['requests/s', String(loadResult.requestsPerSecond), '', ''],
        ['p99', ms(loadResult.p99), '', ''],
        ['errors', String(errors), '0', check(errors === 0)],
        ['API RSS before → after', `${rssBefore} → ${rssAfter} MB`, '< 300 MB', check(rssAfter < 300)],
      ],
    ),
  );
  console.log(`\nrow security ${opts.rowSecurity ? 'on' : 'OFF (--row-security=off)'}: setting a connection's scope ${ms(scopeChange.median)} median, ${ms(scopeChange.p95)} p95; a request sets it twice at most`);
  console.log(`\nJSON: ${opts.out}`);

  // A read over its target fails the run, loudly, whatever else went well: a regression must not
  // pass as a line of the table.
  const missed = readResults.filter((read) => read.meetsTarget === false);
  for (const read of missed) {
    const figure = read.targetP95 ? `API p95 ${ms(read.api.p95)}, target p95 < ${read.targetP95} ms` : `API median ${ms(read.api.median)}, target median < ${read.targetMedian} ms`;
    console.error(`MISSED TARGET: ${read.name} (${read.path}): ${figure}; SQL median ${ms(read.sql.median)}`);
  }
  if (missed.length) {
    console.error(`${missed.length} read(s) missed their target: the benchmark fails.`);
    process.exitCode = 1;
  }
}

// The benchmark seeds and measures one structure from outside any request: the maintenance path.
asSystem('maintenance', main).catch((error) => {
  console.error(error);
  process.exit(1);
});
