import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { CompanyImportService } from '../companies/import/company-import.service';
import { JOBS, QUEUES } from './queues';

interface ImportCompaniesData {
  importRunId: string;
}

/**
 * Thin: import rules live in CompanyImportService. Two jobs at once per worker, so the reconcile
 * job is not stuck behind a long import.
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
      default:
        throw new Error(`Unknown job ${job.name} on queue ${QUEUES.imports}`);
    }
  }
}
