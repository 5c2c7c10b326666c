import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '../src/database/data-source';
import { installRowSecurity } from '../src/tenancy/row-security';
import { asSystem, withoutScope, withStructure } from '../src/tenancy/tenant-scope';
import { api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';
import { createRecords, StructureRecords } from './helpers/route-walker';

/**
 * The one table with a structure column and no policy, and why: trigram indexes cannot serve a
 * search on a table under a policy (see migration CompanySearch); it holds company names and
 * communes only, and the search reads the companies it finds under the company table's policy.
 */
const WITHOUT_POLICY: Record<string, string> = {
  company_search: 'words companies are found by; ids then read under company’s policy',
};

/** Tables whose rows follow a parent row instead of carrying their structure. */
const CHILD_TABLES = ['import_chunk', 'digest_log'];

describe('row-level security: PostgreSQL itself keeps each structure to its own rows (e2e)', () => {
  let t: TestApp;
  let a: StructureRecords;
  let b: StructureRecords;
  let owned: string[];

  /** Rows of structure A, as the system path (the tests' own connections) counts them. */
  const rowsOfA = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE structure_id = $1`, [a.structureId]))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.app.getHttpServer();
    const side = async (label: string) => {
      const structure = await createStructure(t.dataSource, `ACI Mur ${label}`);
      const manager = await login(server, (await createUser(t.dataSource, structure, 'manager', 'Claire')).email);
      const admin = await login(server, (await createUser(t.dataSource, structure, 'admin', 'Admin')).email);
      return createRecords(api(manager), api(admin), t.config.SESSION_SECRET, t.clock.now(), label);
    };
    a = await side('A');
    b = await side('B');
    owned = (
      await t.dataSource.query(
        // Views (company_funnel_evidence) read these tables under their owner, bound by FORCE too.
        `SELECT c.table_name FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND c.column_name = 'structure_id' AND t.table_type = 'BASE TABLE'
          ORDER BY 1`,
      )
    )
      .map((row: { table_name: string }) => row.table_name)
      .filter((table: string) => !WITHOUT_POLICY[table]);
  }, 120_000);
  afterAll(() => t.close());

  it('protects every table that holds a structure’s rows, the owner included (FORCE)', async () => {
    const rows: Array<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }> =
      await t.dataSource.query(
        `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relname = ANY($1)`,
        [[...owned, 'structure', ...CHILD_TABLES]],
      );
    expect(owned.length).toBeGreaterThan(20);
    const unprotected = rows.filter((row) => !row.relrowsecurity || !row.relforcerowsecurity || row.policies === 0).map((row) => row.relname);
    expect(unprotected).toEqual([]);
    expect(rows).toHaveLength(owned.length + 1 + CHILD_TABLES.length);
  });

  it('shows nothing to the application’s role connected without a structure, and accepts no row from it', async () => {
    const client = new Client({ connectionString: t.config.DATABASE_URL, options: `-c search_path=${t.config.DB_SCHEMA}` });
    await client.connect();
    try {
      const seen: string[] = [];
      for (const table of [...owned, 'structure', ...CHILD_TABLES]) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
        if (rows[0].n !== 0) seen.push(`${table}: ${rows[0].n}`);
      }
      expect(seen).toEqual([]);
      // The rows are there: the system path sees them.
      expect(await rowsOfA('company')).toBeGreaterThan(0);
      await expect(
        client.query(`INSERT INTO pipeline_stage (structure_id, name, position, kind) VALUES ($1, 'Intrus', 99, 'open')`, [a.structureId]),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await client.end();
    }
  });

  it('shows a query with no filter of its own only the rows of the structure its connection is set to', async () => {
    const appData = t.app.get(DataSource);
    const leaks: string[] = [];
    let checked = 0;
    for (const table of owned) {
      if ((await rowsOfA(table)) === 0) continue;
      checked += 1;
      const seen = await withStructure(b.structureId, () =>
        appData.query(`SELECT count(*)::int AS n FROM ${table} WHERE structure_id = $1`, [a.structureId]),
      );
      if (seen[0].n !== 0) leaks.push(`${table}: ${seen[0].n} rows of A seen from B`);
      const own = await withStructure(a.structureId, () => appData.query(`SELECT count(*)::int AS n FROM ${table}`));
      if (own[0].n !== (await rowsOfA(table))) leaks.push(`${table}: A sees ${own[0].n} rows, has ${await rowsOfA(table)}`);
    }
    // The search's words table has no policy, but what the search reads is the company under its own.
    const found: Array<{ id: string }> = await withStructure(b.structureId, () =>
      appData.query(`SELECT c.id FROM company c WHERE c.id IN (SELECT s.company_id FROM company_search s)`),
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((row) => row.id)).not.toContain(a.ids.company);
    expect(leaks).toEqual([]);
    // Companies, contacts, candidates, leads, proposals, placements, check-ins, activities, users…
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('refuses to write a row into another structure, even with its id written out', async () => {
    const appData = t.app.get(DataSource);
    await expect(
      withStructure(b.structureId, () =>
        appData.query(`UPDATE company SET name = 'Pris' WHERE id = $1 RETURNING id`, [a.ids.company]),
      ),
    ).resolves.toEqual([[], 0]);
    await expect(
      withStructure(b.structureId, () =>
        appData.query(`UPDATE company SET structure_id = $1 WHERE id = $2`, [a.structureId, b.ids.company]),
      ),
    ).rejects.toThrow(/row-level security/);
    const [company] = await t.dataSource.query(`SELECT name, structure_id FROM company WHERE id = $1`, [b.ids.company]);
    expect(company.structure_id).toBe(b.structureId);
  });

  it('never lets a scope outlive its query: one pooled connection goes from A to none to the system path', async () => {
    const single = new DataSource({ ...serviceDataSourceOptions({ ...t.config, DB_POOL_SIZE: 1 }) });
    await single.initialize();
    installRowSecurity(single);
    try {
      const count = () => single.query(`SELECT count(*)::int AS n FROM company`).then((rows: Array<{ n: number }>) => rows[0].n);
      expect(await withStructure(a.structureId, count)).toBe(await rowsOfA('company'));
      expect(await count()).toBe(0);
      expect(await withoutScope(count)).toBe(0);
      expect(await withStructure(b.structureId, () => single.transaction((manager) =>
        manager.query(`SELECT count(*)::int AS n FROM company WHERE structure_id = $1`, [a.structureId]),
      ))).toEqual([{ n: 0 }]);
      expect(await asSystem('maintenance', count)).toBeGreaterThanOrEqual((await rowsOfA('company')) + 1);
      expect(await count()).toBe(0);
    } finally {
      await single.destroy();
    }
  });
});
