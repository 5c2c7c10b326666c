import 'reflect-metadata';
import 'dotenv/config';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/env';
import { configOrExit } from '../common/boot';
import { describeConnectionError } from '../common/preflight';
import { dataSourceOptions } from './data-source';

export async function ensureSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
}

/** Runs a command-line task with a connected data source and turns failures into one line. */
export async function withDataSource(
  task: (dataSource: DataSource, config: AppConfig) => Promise<void>,
): Promise<void> {
  const config = configOrExit();
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
