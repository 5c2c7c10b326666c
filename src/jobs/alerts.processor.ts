import { Processor, WorkerHost } from '@nestjs/bullmq';
import { asSystem } from '../tenancy/tenant-scope';
import { Job } from 'bullmq';
import { NoAnswerScanService } from '../alerts/no-answer-scan.service';
import { JOBS, QUEUES } from './queues';

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
        throw new Error(`Unknown job ${job.name} on queue ${QUEUES.alerts}`);
    }
  }
}
