import { Processor, WorkerHost } from '@nestjs/bullmq';
import { asSystem } from '../tenancy/tenant-scope';
import { Job } from 'bullmq';
import { dataOf, unknownJob } from '../jobs/job-data';
import { JOBS, QUEUES } from '../jobs/queues';
import { RetentionService } from './retention.service';

/** Thin: the scan lives in RetentionService. The privacy queue has this one consumer. */
@Processor(QUEUES.privacy)
export class RetentionProcessor extends WorkerHost {
  constructor(private readonly retention: RetentionService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.retentionScan: {
        // Only these structures (a run by hand, tests); the daily run carries nothing: every structure.
        const data = dataOf(job, JOBS.retentionScan);
        const structureIds = Array.isArray(data?.structureIds) ? data.structureIds : undefined;
        return asSystem('retention', () => this.retention.run(undefined, { structureIds }));
      }
      default:
        throw unknownJob(QUEUES.privacy, job);
    }
  }
}
