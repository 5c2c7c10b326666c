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
 * SQL land in the right schema too (the test suite runs in its own schema).
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DB_SCHEMA'>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: config.DB_SCHEMA,
    extra: { options: `-c search_path=${config.DB_SCHEMA} -c timezone=UTC`, max: 10 },
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
