import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../config/env';
import { JOBS, QUEUES } from '../../jobs/queues';
import { ScheduleModule, ScheduleRegistry } from '../../jobs/schedule-registry';
import { CompanyImportModule } from './company-import.module';
import { ImportProcessor } from './import.processor';

/** Every night at 03:45 in the business time zone; a missed night is caught up by the next one. */
export const IMPORT_FILE_PURGE_PATTERN = '45 3 * * *';

/** Declares the daily purge of imported files past their retention; every worker copy keeps it alive. */
@Injectable()
export class ImportFilePurgeScheduler implements OnModuleInit {
  constructor(
    private readonly schedules: ScheduleRegistry,
    @InjectQueue(QUEUES.imports) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.purgeImportFiles,
      repeat: { pattern: IMPORT_FILE_PURGE_PATTERN, tz: this.config.BUSINESS_TIME_ZONE },
      job: { name: JOBS.purgeImportFiles, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
    });
  }
}

/** Worker-only: the imports queue's consumer and the daily purge. Never import it in AppModule. */
@Module({
  imports: [CompanyImportModule, ScheduleModule],
  providers: [ImportProcessor, ImportFilePurgeScheduler],
})
export class ImportWorkerModule {}
