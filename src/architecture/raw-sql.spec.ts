import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/*
 * Raw SQL lives beside its domain, in `<domain>/*.queries.ts` (or a `*.repository.ts` class), one
 * named function per question taking the structure explicitly: a reader finds every query on a
 * table by looking there, and a service never builds SQL. This spec fails, naming file:line, when a
 * `.query(` or `createQueryBuilder(` call appears anywhere else.
 */

const ROOT = join(__dirname, '..', '..');

/** A raw query (`manager.query(`, `repository.query<T>(`, the scoped `query(actor, alias)`) or a query builder. */
const RAW_SQL = /\.query\s*[(<]|\bcreateQueryBuilder\s*[(<]/;

/** Where SQL may be written, besides the queries and repository files. */
const ALLOWED_DIRECTORIES = [
  'src/database/', // the data source, migrations runner, seeds and demo data
  'src/bench/', // the benchmark seeder
  'src/tenancy/', // the scoping layer every structure-owned query goes through
];
const ALLOWED_FILES = [
  'src/common/preflight.ts', // the boot check's `SELECT 1`
];

/** Whether a source file (path from the repository root, with `/`) may hold raw SQL. */
function mayHoldSql(path: string): boolean {
  if (path.endsWith('.queries.ts') || path.endsWith('.repository.ts')) return true;
  if (ALLOWED_FILES.includes(path)) return true;
  return ALLOWED_DIRECTORIES.some((directory) => path.startsWith(directory));
}

/** `path:line` of each raw SQL call in a source that may not hold any. */
function rawSqlOutsideQueries(path: string, source: string): string[] {
  if (mayHoldSql(path)) return [];
  return source.split('\n').flatMap((line, index) => (RAW_SQL.test(line) ? [`${path}:${index + 1}`] : []));
}

/** Every TypeScript source under `src/` but the specs, as paths from the repository root. */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [relative(ROOT, path).split(sep).join('/')] : [];
  });
}

describe('raw SQL stays in the queries files', () => {
  it('finds no query nor query builder outside them', () => {
    const files = sourceFiles(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((path) => rawSqlOutsideQueries(path, readFileSync(join(ROOT, path), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('names the file and line of a query written in a service', () => {
    const source = [
      `export class CompaniesService {`,
      `  async count(structureId: string) {`,
      `    return this.dataSource.query('SELECT count(*) FROM company WHERE structure_id = $1', [structureId]);`,
      `  }`,
      `  list(actor: Actor) {`,
      `    return this.companies.query(actor, 'c').getMany();`,
      `  }`,
      `  builder() {`,
      `    return this.dataSource.getRepository(Company).createQueryBuilder('c');`,
      `  }`,
      `  typed() {`,
      `    return this.dataSource.query<Array<{ n: number }>>('SELECT 1 AS n');`,
      `  }`,
      `}`,
    ].join('\n');
    expect(rawSqlOutsideQueries('src/companies/companies.service.ts', source)).toEqual([
      'src/companies/companies.service.ts:3',
      'src/companies/companies.service.ts:6',
      'src/companies/companies.service.ts:9',
      'src/companies/companies.service.ts:12',
    ]);
  });

  it('lets the queries files, repositories, data source, bench, tenancy and boot check hold SQL', () => {
    const source = `await manager.query('SELECT 1');\nmanager.createQueryBuilder();`;
    for (const path of [
      'src/companies/company-card.queries.ts',
      'src/companies/import/import-file.repository.ts',
      'src/database/seed.ts',
      'src/bench/seed-large.ts',
      'src/tenancy/scoped-repository.ts',
      'src/common/preflight.ts',
    ]) {
      expect(rawSqlOutsideQueries(path, source)).toEqual([]);
    }
    expect(rawSqlOutsideQueries('src/common/preflight-more.ts', source)).toEqual(['src/common/preflight-more.ts:1', 'src/common/preflight-more.ts:2']);
  });

  it('does not take a query-string read or a word in a comment for SQL', () => {
    const source = `const page = request.query.page;\n// the query builder of the board\nconst q = url.searchParams.get('query');`;
    expect(rawSqlOutsideQueries('src/web/board.pages.ts', source)).toEqual([]);
  });
});
