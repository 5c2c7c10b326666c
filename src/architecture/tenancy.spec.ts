import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/*
 * Row-level security rests on two settings of each PostgreSQL connection, set in one place
 * (src/tenancy/row-security.ts) from the scope of the code asking for the connection. A request
 * runs in its structure; code that works across structures says so with `asSystem(purpose, …)`,
 * and each file that does is listed here with why. A new cross-structure path is a decision to
 * review, not an accident: this spec fails until it is listed (and when a listed one is gone).
 */

const ROOT = join(__dirname, '..', '..');

/** Files that open a system path (`asSystem(`), and why. */
const SYSTEM_PATHS: Record<string, string> = {
  'src/auth/auth.service.ts': 'identify: a login e-mail or a session token finds its account before any structure is known',
  'src/users/users.service.ts': 'identify: a new account’s e-mail must be free in every structure (it is the login)',
  'src/users/password-reset.service.ts': 'identify: a reset link finds its account, then works in its structure',
  'src/calendar/calendar-feed.service.ts': 'identify: a calendar subscription’s secret finds its feed, then reads in its structure',
  'src/tenancy/structure-of.ts': 'identify: a link or a job names a row; its structure scopes the rest',
  'src/sms/sms-webhooks.service.ts': 'identify: the SMS provider’s report names a text by its id, a STOP reply a number, before any structure is known',
  'src/sms/sms.processor.ts': 'scan: the SMS reconciler re-queues every structure’s pending texts',
  'src/companies/import/import-file.store.ts': 'quota: the service-wide limit counts every structure’s uploads',
  'src/mail/mail.processor.ts': 'scan: the outbox reconciler re-queues what Redis lost, for every structure',
  'src/checkins/check-in.processor.ts': 'scan: the check-in reconciler re-queues what Redis lost, for every structure',
  'src/companies/import/import.processor.ts': 'scan and retention: the import reconciler and the purge of old files',
  'src/alerts/alerts.processor.ts': 'scan: unanswered check-ins of every structure',
  'src/reminders/reminders.processor.ts': 'scan: digests and meeting reminders of every structure',
  'src/privacy/retention.processor.ts': 'retention: the daily retention scan of every structure',
  'src/bench/run.ts': 'maintenance: the benchmark seeds and reads its structure from outside any request',
};

/** Where the two settings may be named: the layer that sets them and the data source's system option. */
const SETTING_PLACES = ['src/tenancy/', 'src/database/data-source.ts'];

const SETTINGS = /app\.(structure_id|system_scope)/;
const OPENS_SYSTEM_PATH = /\basSystem\s*\(/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [relative(ROOT, path).split(sep).join('/')] : [];
  });
}

/** Problems in one source: unlisted system paths and settings named outside the tenancy layer. */
export function tenancyProblems(path: string, source: string): string[] {
  const problems: string[] = [];
  if (OPENS_SYSTEM_PATH.test(source) && !SYSTEM_PATHS[path] && !path.startsWith('src/tenancy/tenant-scope')) {
    problems.push(`${path}: opens a system path (asSystem) without being listed in SYSTEM_PATHS`);
  }
  if (SETTINGS.test(source) && !SETTING_PLACES.some((place) => path.startsWith(place))) {
    problems.push(`${path}: names a row-security setting outside src/tenancy/`);
  }
  return problems;
}

describe('tenancy: one place sets the structure, and every cross-structure path is listed', () => {
  const files = sourceFiles(join(ROOT, 'src'));
  const sources = new Map(files.map((path) => [path, readFileSync(join(ROOT, path), 'utf8')]));

  it('finds no unlisted system path and no setting named outside the tenancy layer', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((path) => tenancyProblems(path, sources.get(path) ?? ''))).toEqual([]);
  });

  it('lists only files that still open a system path', () => {
    const stale = Object.keys(SYSTEM_PATHS).filter((path) => !OPENS_SYSTEM_PATH.test(sources.get(path) ?? ''));
    expect(stale).toEqual([]);
  });

  it('names a service that reads across structures on its own, and a setting written in a service', () => {
    expect(tenancyProblems('src/companies/companies.service.ts', `return asSystem('scan', () => this.all());`)).toEqual([
      'src/companies/companies.service.ts: opens a system path (asSystem) without being listed in SYSTEM_PATHS',
    ]);
    expect(tenancyProblems('src/reports/funnel-report.ts', `await manager.query("SELECT set_config('app.system_scope', 'on', true)")`)).toEqual([
      'src/reports/funnel-report.ts: names a row-security setting outside src/tenancy/',
    ]);
  });
});
