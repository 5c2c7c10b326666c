import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/env';
import { dataSourceOptions } from '../src/database/data-source';
import { startCatcher } from '../src/dev/smtp-catcher';
import { startSmsCatcher } from '../src/dev/sms-catcher';
import { startDirectoryServer } from '../src/dev/company-directory-server';
import { workerSchemas } from './helpers/worker-schemas';

/**
 * Runs once before the end-to-end and browser specs: fills in the test environment, starts an
 * SMTP catcher unless SMTP_URL is given, an SMS catcher unless SMS_URL is given, the recorded
 * company directory unless COMPANY_DIRECTORY_URL is given, and rebuilds
 * the test schema from the migrations.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  process.env.NODE_ENV = 'test';
  process.env.DB_SCHEMA ??= 'tremplin_test';
  process.env.REDIS_PREFIX ??= 'tremplin-test';
  process.env.SESSION_SECRET ??= 'test-secret-that-is-long-enough-0123456789';
  process.env.APP_BASE_URL ??= 'http://localhost:3999';
  // The app's own level (LOG_LEVEL, often `info` in a developer's shell) would put every request
  // of the suite on the terminal. Errors stay visible, so an unexpected 500 shows its stack beside
  // the failing assertion; specs that provoke errors on purpose silence them where they do it
  // (test/helpers/logs.ts). TEST_LOG_LEVEL=info shows everything while debugging a spec.
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'error';
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    throw new Error('DATABASE_URL and REDIS_URL must be set: run the suite with `npm test`');
  }
  if (!process.env.SMTP_URL) {
    const catcher = await startCatcher({ smtpPort: 0, httpPort: 0 });
    (globalThis as Record<string, unknown>).__catcher = catcher;
    process.env.SMTP_URL = `smtp://127.0.0.1:${catcher.smtpPort}`;
    process.env.MAIL_CATCHER_URL = `http://127.0.0.1:${catcher.httpPort}`;
  }
  if (!process.env.SMS_URL) {
    const smsCatcher = await startSmsCatcher({ port: 0 });
    (globalThis as Record<string, unknown>).__smsCatcher = smsCatcher;
    process.env.SMS_URL = `http://127.0.0.1:${smsCatcher.port}`;
    process.env.SMS_CATCHER_URL = process.env.SMS_URL;
  }
  if (!process.env.COMPANY_DIRECTORY_URL) {
    // Recorded answers of « Recherche d'entreprises »: no test reaches the internet.
    const directory = await startDirectoryServer({ port: 0 });
    (globalThis as Record<string, unknown>).__directoryServer = directory;
    process.env.COMPANY_DIRECTORY_URL = `http://127.0.0.1:${directory.port}`;
  }

  // Both projects (e2e, browser) name this setup; the schemas are built once per run.
  if (process.env.TEST_SCHEMAS_READY) return;
  // One schema per jest worker (test/helpers/worker-env.ts picks its own): a worker's scans and
  // reconcilers look at every structure of their database, and must not queue another file's rows.
  for (const schema of workerSchemas(process.env.DB_SCHEMA, globalConfig.maxWorkers)) {
    const config = loadConfig({ ...process.env, DB_SCHEMA: schema });
    if (config.DB_SCHEMA === 'public') throw new Error('Refusing to run the tests in the public schema');
    const dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    await dataSource.query(`DROP SCHEMA IF EXISTS "${config.DB_SCHEMA}" CASCADE`);
    await dataSource.query(`CREATE SCHEMA "${config.DB_SCHEMA}"`);
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
  }
  process.env.TEST_SCHEMAS_READY = '1';
}
