import { DataSource } from 'typeorm';

/**
 * Turns row-level security off (or back on) on every table of `schema` that has a policy. Only the
 * benchmark's `--row-security=off` does this, on its own schema, to measure what the policies cost.
 */
export async function setRowSecurity(dataSource: DataSource, schema: string, on: boolean): Promise<string[]> {
  const tables: Array<{ relname: string }> = await dataSource.query(
    `SELECT DISTINCT c.relname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 ORDER BY 1`,
    [schema],
  );
  for (const { relname } of tables) {
    await dataSource.query(`ALTER TABLE "${schema}"."${relname}" ${on ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`);
  }
  return tables.map((table) => table.relname);
}
