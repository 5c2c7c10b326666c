import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JOBS, QUEUES } from '../../jobs/queues';
import { CompanyImportService } from './company-import.service';

interface ImportCompaniesData {
  importRunId: string;
}

/**
 * Thin: import rules live in CompanyImportService. Two jobs at once per worker, so the reconcile
 * and purge jobs are not stuck behind a long import.
 */
@Processor(QUEUES.imports, { concurrency: 2 })
export class ImportProcessor extends WorkerHost {
  constructor(private readonly imports: CompanyImportService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.importCompanies:
        return this.imports.process((job.data as ImportCompaniesData).importRunId);
      case JOBS.reconcileImports:
        return this.imports.reconcile();
      case JOBS.purgeImportFiles:
        return this.imports.purgeExpiredFiles();
      default:
        throw new Error(`Unknown job ${job.name} on queue ${QUEUES.imports}`);
    }
  }
}
