import { APPLY_SCOPE_SQL } from '../tenancy/row-security';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { addMonths, calendarDayIn } from '../common/calendar/working-days';
import { HttpSession, timedGet } from './http-session';
import { CapturedQuery, SqlCapture } from './sql-capture';
import { summarize, Summary } from './stats';

export interface Read {
  name: string;
  path: string;
  /** Target for the API's p95, in ms (issue 8). */
  targetP95?: number;
  /** Target for the API's median, in ms, where the issue gives no percentile (matching). */
  targetMedian?: number;
}

export interface ReadResult {
  name: string;
  path: string;
  api: Summary;
  sql: Summary;
  statements: number;
  ratio: number;
  targetP95: number | null;
  targetMedian: number | null;
  meetsTarget: boolean | null;
}

/**
 * The reads of the benchmark, with their parameters taken from the seeded data: the busiest
 * column, a common name prefix, the company with the longest history, an open lead.
 */
export async function chooseReads(dataSource: DataSource, structureId: string, session: HttpSession, timeZone: string): Promise<Read[]> {
  const [owner] = await dataSource.query(
    `SELECT owner_id AS id FROM company WHERE structure_id = $1 AND owner_id IS NOT NULL GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`,
    [structureId],
  );
  const [busiest] = await dataSource.query(
    `SELECT stage_id AS id FROM company WHERE structure_id = $1 GROUP BY stage_id ORDER BY count(*) DESC LIMIT 1`,
    [structureId],
  );
  const [history] = await dataSource.query(
    `SELECT company_id AS id FROM activity WHERE structure_id = $1 GROUP BY company_id ORDER BY count(*) DESC LIMIT 1`,
    [structureId],
  );
  const [lead] = await dataSource.query(
    `SELECT id FROM job_lead WHERE structure_id = $1 AND status IN ('spotted', 'qualified') ORDER BY spotted_at DESC LIMIT 1`,
    [structureId],
  );
  const [prefix] = await dataSource.query(
    `SELECT left(search_name, 4) AS prefix FROM company WHERE structure_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    [structureId],
  );
  const firstColumn = (await timedGet(session, `/api/board/columns/${busiest.id}?limit=20`)).body as { nextCursor: string | null };
  const today = calendarDayIn(timeZone, new Date());
  const yearAgo = addMonths(today, -12);
  const reads: Read[] = [
    { name: 'board, first page', path: '/api/board', targetP95: 50 },
    { name: 'board, filtered (owner + NAF 47)', path: `/api/board?owner=${owner.id}&sector=47`, targetP95: 50 },
    {
      name: 'board column, second page',
      path: `/api/board/columns/${busiest.id}?limit=20${firstColumn.nextCursor ? `&cursor=${firstColumn.nextCursor}` : ''}`,
    },
    { name: `search by name prefix "${prefix.prefix}"`, path: `/api/companies?q=${encodeURIComponent(prefix.prefix)}&limit=20`, targetP95: 30 },
    { name: 'company timeline', path: `/api/companies/${history.id}/timeline` },
    { name: 'funnel, one year', path: `/api/reports/funnel?from=${yearAgo}&to=${today}`, targetP95: 300 },
    { name: 'calls to make this week (team)', path: '/api/suggestions/calls?scope=team&limit=20', targetP95: 300 },
  ];
  if (lead) reads.push({ name: 'matching for one lead', path: `/api/leads/${lead.id}/matches`, targetMedian: 100 });
  return reads;
}

/** The SQL each read runs, recorded once on an in-process copy of the API. */
export async function captureStatements(capture: SqlCapture, session: HttpSession, reads: Read[]): Promise<Map<string, CapturedQuery[]>> {
  const statements = new Map<string, CapturedQuery[]>();
  for (const read of reads) statements.set(read.name, await capture.during(async () => void (await timedGet(session, read.path))));
  return statements;
}

/**
 * Each read `rounds` times over HTTP (after a warm-up), then the same statements `rounds` times
 * straight on PostgreSQL through one connection: the lower bound the API is compared with.
 */
export async function measureReads(
  session: HttpSession,
  databaseUrl: string,
  schema: string,
  structureId: string,
  reads: Read[],
  statements: Map<string, CapturedQuery[]>,
  rounds: number,
  progress: (line: string) => void,
): Promise<ReadResult[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`SET search_path TO "${schema}", public`);
  // The same statements under the same row-level security as the API's: set to the structure.
  await client.query(APPLY_SCOPE_SQL, [structureId, '']);
  const results: ReadResult[] = [];
  try {
    for (const read of reads) {
      for (let i = 0; i < 5; i++) await timedGet(session, read.path);
      const api: number[] = [];
      for (let i = 0; i < rounds; i++) api.push((await timedGet(session, read.path)).ms);
      const queries = statements.get(read.name) ?? [];
      const sql: number[] = [];
      for (let i = 0; i < rounds + 5; i++) {
        const started = performance.now();
        for (const query of queries) await client.query(query.sql, query.parameters as unknown[]);
        if (i >= 5) sql.push(performance.now() - started);
      }
      const apiSummary = summarize(api);
      const sqlSummary = summarize(sql);
      const ratio = Math.round((apiSummary.median / sqlSummary.median) * 100) / 100;
      results.push({
        name: read.name,
        path: read.path,
        api: apiSummary,
        sql: sqlSummary,
        statements: queries.length,
        ratio,
        targetP95: read.targetP95 ?? null,
        targetMedian: read.targetMedian ?? null,
        meetsTarget: read.targetP95 ? apiSummary.p95 < read.targetP95 : read.targetMedian ? apiSummary.median < read.targetMedian : null,
      });
      const missed = results[results.length - 1].meetsTarget === false ? ' — MISSED its target' : '';
      progress(`  ${read.name}: API median ${apiSummary.median.toFixed(1)} ms, p95 ${apiSummary.p95.toFixed(1)} ms; SQL median ${sqlSummary.median.toFixed(1)} ms (${queries.length} statements); ratio ${ratio}${missed}`);
    }
  } finally {
    await client.end();
  }
  return results;
}

/**
 * What row-level security adds to a request at most: setting a connection's scope, measured as
 * the app does it (src/tenancy/row-security.ts), alternating between a structure and the system
 * path so that every call is a real change. A request makes two such changes at most (its
 * session check on the identify path, then its handler in its structure), none when the pooled
 * connection already carries the scope.
 */
export async function measureScopeChange(databaseUrl: string, structureId: string, rounds: number): Promise<Summary> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const samples: number[] = [];
    for (let i = 0; i < rounds + 50; i++) {
      const started = performance.now();
      await client.query(APPLY_SCOPE_SQL, i % 2 ? [structureId, ''] : ['', 'on']);
      if (i >= 50) samples.push(performance.now() - started);
    }
    return summarize(samples);
  } finally {
    await client.end();
  }
}
