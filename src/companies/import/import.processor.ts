import { Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inStructureOf } from '../../tenancy/structure-of';
import { asSystem } from '../../tenancy/tenant-scope';
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
  constructor(
    private readonly imports: CompanyImportService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  private inStructureOfRun(importRunId: string): Promise<unknown> {
    return inStructureOf(this.dataSource, 'import_run', importRunId, () => this.imports.process(importRunId));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.importCompanies:
        return this.inStructureOfRun(dataOf(job, JOBS.importCompanies).importRunId);
      case JOBS.reconcileImports:
        return asSystem('scan', () => this.imports.reconcile());
      case JOBS.purgeImportFiles:
        return asSystem('retention', () => this.imports.purgeExpiredFiles());
      default:
        throw unknownJob(QUEUES.imports, job);
    }
  }
}
