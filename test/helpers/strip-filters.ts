import { DataSource } from 'typeorm';

interface PgClient {
  query: (...args: unknown[]) => unknown;
}

/**
 * `x.structure_id = $n` (or `$n::uuid`) after WHERE, AND, ON or an opening parenthesis: the application's own
 * structure filter, as hand-written SQL, query builders and TypeORM's finds spell it.
 */
const FILTER = /\b(WHERE|AND|ON|\()(\s*)(?:"?[A-Za-z_]\w*"?\.)?"?structure_id"?\s*=\s*\$(\d+)(?:::\w+)?/gi;

/** The SQL with every structure filter replaced by a condition that holds (the parameter is kept, typed). */
export function withoutStructureFilters(sql: string): { sql: string; removed: number } {
  let removed = 0;
  const rewritten = sql.replace(FILTER, (_match, keyword: string, space: string, parameter: string) => {
    removed += 1;
    return `${keyword}${space}(TRUE OR $${parameter}::text IS NULL)`;
  });
  return { sql: rewritten, removed };
}

/**
 * Takes the application's own structure filter out of every statement the app's pool sends, so
 * that PostgreSQL's row-level security is the only wall left: a test can then prove it holds alone.
 * `removed()` counts the filters taken out, so a proof that stripped nothing cannot pass.
 */
export function stripStructureFilters(dataSource: DataSource): { removed: () => number; stop: () => void } {
  let active = true;
  let removed = 0;
  const patched = new WeakSet<PgClient>();
  const driver = dataSource.driver as unknown as { obtainMasterConnection: () => Promise<[PgClient, unknown]> };
  const obtain = driver.obtainMasterConnection;
  driver.obtainMasterConnection = async () => {
    const obtained = await obtain.call(driver);
    const [client] = obtained;
    if (!patched.has(client)) {
      patched.add(client);
      const query = client.query.bind(client);
      client.query = (...args: unknown[]) => {
        if (active && typeof args[0] === 'string') {
          const stripped = withoutStructureFilters(args[0]);
          removed += stripped.removed;
          args[0] = stripped.sql;
        }
        return query(...args);
      };
    }
    return obtained;
  };
  return {
    removed: () => removed,
    stop: () => {
      active = false;
      driver.obtainMasterConnection = obtain;
    },
  };
}
