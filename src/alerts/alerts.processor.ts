import { Processor, WorkerHost } from '@nestjs/bullmq';
import { asSystem } from '../tenancy/tenant-scope';
import { Job } from 'bullmq';
import { unknownJob } from '../jobs/job-data';
import { JOBS, QUEUES } from '../jobs/queues';
import { NoAnswerScanService } from './no-answer-scan.service';

/** Thin: the scan lives in NoAnswerScanService. The alerts queue has this one consumer. */
@Processor(QUEUES.alerts)
export class AlertsProcessor extends WorkerHost {
  constructor(private readonly scanner: NoAnswerScanService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.scanUnanswered:
        return asSystem('scan', () => this.scanner.scan());
      default:
        throw unknownJob(QUEUES.alerts, job);
    }
  }
}
