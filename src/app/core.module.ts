import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { ConfigModule } from '../config/config.module';
import { AppConfig } from '../config/env';
import { serviceDataSourceOptions } from '../database/data-source';
import { TransactionGuard } from '../database/transaction-guard';
import { RowSecurity } from '../tenancy/row-security';
import { QueueModule } from '../jobs/queue.module';
import { BusinessDay } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { requestId } from '../common/request-id';

/** Headers and fields that must never reach the logs. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  // A failed query carries its parameters (anything typed, a candidate's constraints and notes
  // included) and PostgreSQL's detail, which can quote the whole failing row.
  'err.parameters',
  'err.detail',
  'err.driverError.detail',
  'err.driverError.parameters',
];

/** What both processes share: config, clock, logs, PostgreSQL and the queues. */
@Global()
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          genReqId: requestId,
          // Request bodies and query strings may hold personal data: log the path only.
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              // Answer links and calendar subscriptions carry their secret in the path: keep it out of the logs.
              path: req.url.split('?')[0].replace(/^\/(suivi|agenda)\/[^/]+/, '/$1/[redacted]'),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
        },
      }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...serviceDataSourceOptions(config),
        // Reachability is checked before boot (preflight); do not hang on retries.
        retryAttempts: 1,
        retryDelay: 500,
      }),
    }),
    QueueModule,
  ],
  providers: [Clock, BusinessDay, TransactionGuard, RowSecurity],
  exports: [Clock, BusinessDay, ConfigModule],
})
export class CoreModule {}
