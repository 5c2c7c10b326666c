import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOBS, QUEUES } from './queues';
import { ScheduleRegistry } from './schedule-registry';

/** The reconcilers that re-queue from PostgreSQL whatever Redis lost: every minute, and at once on (re)declaring. */
@Injectable()
export class SchedulerService implements OnModuleInit {
  constructor(
    private readonly schedules: ScheduleRegistry,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
    @InjectQueue(QUEUES.imports) private readonly importQueue: Queue,
    @InjectQueue(QUEUES.checkIns) private readonly checkInQueue: Queue,
  ) {}

  onModuleInit(): void {
    // Outbox rows, import runs and planned check-ins still due in PostgreSQL are queued again.
    const reconcilers: Array<[Queue, string]> = [
      [this.mailQueue, JOBS.reconcileOutbox],
      [this.importQueue, JOBS.reconcileImports],
      [this.checkInQueue, JOBS.reconcileCheckIns],
    ];
    for (const [queue, name] of reconcilers) {
      this.schedules.declare({ queue, id: name, repeat: { every: 60_000 }, job: { name, opts: { attempts: 1 } }, catchUp: true });
    }
  }
}
