import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inStructureOf } from '../tenancy/structure-of';
import { asSystem } from '../tenancy/tenant-scope';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/env';
import { dataOf, unknownJob } from '../jobs/job-data';
import { JOBS, QUEUES } from '../jobs/queues';
import { CheckInPlannerService } from './check-in-planner.service';
import { CheckInSenderService } from './check-in-sender.service';

/** Thin: sending rules live in CheckInSenderService, planning and reconciling in CheckInPlannerService. */
@Processor(QUEUES.checkIns)
export class CheckInProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(CheckInProcessor.name);

  constructor(
    private readonly sender: CheckInSenderService,
    private readonly planner: CheckInPlannerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case JOBS.sendCheckIn: {
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const { checkInId } = dataOf(job, JOBS.sendCheckIn);
        const outcome = await inStructureOf(this.dataSource, 'check_in', checkInId, () => this.sender.send(checkInId, finalAttempt));
        if (outcome.result === 'not_due') {
          // Ran early (clock skew between machines, or a re-plan moved the row): wait again.
          const wait = Math.max(0, outcome.dueAt.getTime() - this.clock.now().getTime());
          await job.moveToDelayed(Date.now() + wait, token);
          throw new DelayedError();
        }
        return outcome.result;
      }
      case JOBS.reconcileCheckIns:
        return asSystem('scan', () => this.planner.reconcile());
      default:
        throw unknownJob(QUEUES.checkIns, job);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    if (job) this.logger.warn(`job ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
  }
}
