import 'reflect-metadata';
import 'dotenv/config';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError, loadConfig } from '../config/env';
import { describeConnectionError } from '../common/preflight';
import { dataSourceOptions } from './data-source';

export async function ensureSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
}

/** Runs a command-line task with a connected data source and turns failures into one line. */
export async function withDataSource(
  task: (dataSource: DataSource, config: AppConfig) => Promise<void>,
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
      process.exit(1);
    }
    throw error;
  }
  const dataSource = new DataSource(dataSourceOptions(config));
  try {
    await dataSource.initialize();
  } catch (error) {
    console.error(describeConnectionError('PostgreSQL', config.DATABASE_URL, error));
    process.exit(1);
  }
  try {
    await task(dataSource, config);
  } finally {
    await dataSource.destroy();
  }
}
