import { join } from 'node:path';
import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';

// A SQL `date` is a calendar day, not an instant: keep it as 'YYYY-MM-DD' instead of letting pg
// turn it into a Date at midnight in the machine's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
import { AppConfig } from '../config/env';
import { QueryErrorLogger } from './query-logger';

/**
 * The one TypeORM configuration, shared by the API, the worker, the seed and the migration CLI.
 * The schema is chosen through the connection's search_path, so that migrations written as plain
 * SQL land in the right schema too (the test suite runs in its own schema). The long-running
 * processes add session settings and pool bounds (`serviceDataSourceOptions`).
 *
 * Row-level security: these plain options are for the tools that work on every structure at once
 * (migrations, seeds, the benchmark's loader, the test suite's fixtures), and their connections
 * open on the system path (`app.system_scope`, see src/tenancy/tenant-scope.ts). The API and the
 * worker (`serviceDataSourceOptions`) open with no scope at all and set one per query.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DB_SCHEMA'>,
  sessionSettings: string[] = ['-c app.system_scope=on'],
  pool: { max: number; connectionTimeoutMillis?: number } = { max: 10 },
): DataSourceOptions {
  const settings = [`-c search_path=${config.DB_SCHEMA}`, '-c timezone=UTC', ...sessionSettings];
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: config.DB_SCHEMA,
    extra: { options: settings.join(' '), ...pool },
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    // Failed queries are logged without their parameters (personal data, sensitive fields).
    logger: new QueryErrorLogger(),
  };
}

type PoolSettings = Pick<
  AppConfig,
  'DATABASE_URL' | 'DB_SCHEMA' | 'DB_POOL_SIZE' | 'DB_ACQUIRE_TIMEOUT_MS' | 'DB_STATEMENT_TIMEOUT_MS' | 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS'
>;

/**
 * The API's and the worker's data source: the same, with the safety nets a long-running service
 * keeps. A request that cannot get a connection within the acquisition timeout fails (503) instead
 * of queueing for ever; a statement running past its timeout is cancelled; a session left idle
 * inside a transaction is ended by PostgreSQL, which gives its connection and locks back. The
 * migration CLI, the seeds and the benchmark's loader keep the plain options: they run long
 * statements on purpose.
 */
export function serviceDataSourceOptions(config: PoolSettings): DataSourceOptions {
  return dataSourceOptions(
    config,
    [`-c statement_timeout=${config.DB_STATEMENT_TIMEOUT_MS}`, `-c idle_in_transaction_session_timeout=${config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS}`],
    { max: config.DB_POOL_SIZE, connectionTimeoutMillis: config.DB_ACQUIRE_TIMEOUT_MS },
  );
}
