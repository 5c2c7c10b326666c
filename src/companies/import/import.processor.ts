import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { dataOf, unknownJob } from '../../jobs/job-data';
import { JOBS, QUEUES } from '../../jobs/queues';
import { CompanyImportService } from './company-import.service';

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
        return this.imports.process(dataOf(job, JOBS.importCompanies).importRunId);
      case JOBS.reconcileImports:
        return this.imports.reconcile();
      case JOBS.purgeImportFiles:
        return this.imports.purgeExpiredFiles();
      default:
        throw unknownJob(QUEUES.imports, job);
    }
  }
}
