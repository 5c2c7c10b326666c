import { Processor, WorkerHost } from '@nestjs/bullmq';
import { asSystem } from '../tenancy/tenant-scope';
import { Job } from 'bullmq';
import { JOBS, QUEUES } from '../jobs/queues';
import { RetentionService } from './retention.service';

/** What a retention job may carry: the daily one carries nothing (every structure). */
export interface RetentionJobData {
  /** Only these structures (a run by hand, tests). */
  structureIds?: string[];
}

/** Thin: the scan lives in RetentionService. The privacy queue has this one consumer. */
@Processor(QUEUES.privacy)
export class RetentionProcessor extends WorkerHost {
  constructor(private readonly retention: RetentionService) {
    super();
  }

  async process(job: Job<RetentionJobData | undefined>): Promise<unknown> {
    switch (job.name) {
      case JOBS.retentionScan: {
        const structureIds = Array.isArray(job.data?.structureIds) ? job.data.structureIds : undefined;
        return asSystem('retention', () => this.retention.run(undefined, { structureIds }));
      }
      default:
        throw new Error(`Unknown job ${job.name} on queue ${QUEUES.privacy}`);
    }
  }
}
