import { NestExpressApplication } from '@nestjs/platform-express';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { Clock, FixedClock } from '../../src/common/clock';
import { configureApp } from '../../src/app/configure-app';
import { AppConfig, loadConfig } from '../../src/config/env';
import { dataSourceOptions } from '../../src/database/data-source';
import { WorkerModule } from '../../src/worker.module';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  clock: FixedClock;
  close(): Promise<void>;
}

/**
 * The real API module on the real PostgreSQL, Redis and SMTP, configured exactly as main.ts does,
 * with only the clock replaced so tests can move time. `env` overrides settings for one app.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // Every test logs in from 127.0.0.1, many accounts a minute: the per-address budget would trip.
  const config = loadConfig({ LOGIN_ADDRESS_MAX_ATTEMPTS: '1000000', ...process.env, ...env });
  const clock = new FixedClock(new Date());
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureApp(app, config);
  await app.init();
  const dataSource = await systemDataSource(config);
  return {
    app,
    config,
    clock,
    dataSource,
    close: async () => {
      await app.close();
      await dataSource.destroy();
    },
  };
}

/**
 * The tests' own connections to the app's database, for arranging rows and checking them: they
 * work across structures (the system path standalone tools use), while the app under test sets its
 * structure per query as in production, so a request that forgot its structure still sees nothing.
 */
export async function systemDataSource(config: AppConfig): Promise<DataSource> {
  const options = dataSourceOptions(config);
  return new DataSource({ ...options, extra: { ...options.extra, max: 4 } }).initialize();
}

/**
 * A real queue worker (BullMQ on Redis) in the test process; `clock` replaces the real one when
 * given, `env` overrides settings for this worker.
 */
export async function createTestWorker(clock?: Clock, env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const builder = Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(loadConfig({ ...process.env, ...env }));
  if (clock) builder.overrideProvider(Clock).useValue(clock);
  const worker = await builder.compile();
  await worker.init();
  return worker;
}
