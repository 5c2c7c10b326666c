import { Module } from '@nestjs/common';
import { JOBS, QUEUES } from '../../jobs/queues';
import { reconciler, ScheduleModule } from '../../jobs/schedule.module';
import { CompanyImportModule } from './company-import.module';
import { ImportProcessor } from './import.processor';

/** Every night at 03:45 in the business time zone; a missed night is caught up by the next one. */
export const IMPORT_FILE_PURGE_PATTERN = '45 3 * * *';

/**
 * Worker-only: the imports queue's consumer, the reconciler of unfinished runs and the daily purge
 * of imported files past their retention (every worker copy keeps them alive). Never import it in
 * AppModule.
 */
@Module({
  imports: [
    CompanyImportModule,
    ScheduleModule.forQueue(QUEUES.imports, (config) => [
      reconciler(JOBS.reconcileImports),
      {
        name: JOBS.purgeImportFiles,
        repeat: { pattern: IMPORT_FILE_PURGE_PATTERN, tz: config.BUSINESS_TIME_ZONE },
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
      },
    ]),
  ],
  providers: [ImportProcessor],
})
export class ImportWorkerModule {}
