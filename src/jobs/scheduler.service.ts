import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOBS, QUEUES } from './queues';

/** Repeatable housekeeping jobs; upserted by every worker copy, run by exactly one. */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.mail) private readonly mailQueue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.mailQueue.upsertJobScheduler(
      'reconcile-outbox',
      { every: 60_000 },
      { name: JOBS.reconcileOutbox, opts: { attempts: 1 } },
    );
  }
}
