import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOBS, QUEUES } from './queues';

/** Repeatable housekeeping jobs; upserted by every worker copy, run by exactly one. */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
    @InjectQueue(QUEUES.imports) private readonly importQueue: Queue,
    @InjectQueue(QUEUES.checkIns) private readonly checkInQueue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.mailQueue.upsertJobScheduler(
      'reconcile-outbox',
      { every: 60_000 },
      { name: JOBS.reconcileOutbox, opts: { attempts: 1 } },
    );
    // Import runs still pending or running in PostgreSQL are queued again if Redis lost their job.
    await this.importQueue.upsertJobScheduler(
      'reconcile-imports',
      { every: 60_000 },
      { name: JOBS.reconcileImports, opts: { attempts: 1 } },
    );
    // Planned check-ins whose delayed job Redis lost are queued again: now, then every minute.
    await this.checkInQueue.add(JOBS.reconcileCheckIns, {}, { attempts: 1, removeOnComplete: true, removeOnFail: true });
    await this.checkInQueue.upsertJobScheduler(
      'reconcile-check-ins',
      { every: 60_000 },
      { name: JOBS.reconcileCheckIns, opts: { attempts: 1 } },
    );
  }
}
