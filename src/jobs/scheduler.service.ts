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
    this.schedules.declare({
      queue: this.mailQueue,
      id: 'reconcile-outbox',
      repeat: { every: 60_000 },
      job: { name: JOBS.reconcileOutbox, opts: { attempts: 1 } },
      catchUp: true,
    });
    // Import runs still pending or running in PostgreSQL are queued again if Redis lost their job.
    this.schedules.declare({
      queue: this.importQueue,
      id: 'reconcile-imports',
      repeat: { every: 60_000 },
      job: { name: JOBS.reconcileImports, opts: { attempts: 1 } },
      catchUp: true,
    });
    // Planned check-ins whose delayed job Redis lost are queued again.
    this.schedules.declare({
      queue: this.checkInQueue,
      id: 'reconcile-check-ins',
      repeat: { every: 60_000 },
      job: { name: JOBS.reconcileCheckIns, opts: { attempts: 1 } },
      catchUp: true,
    });
  }
}
