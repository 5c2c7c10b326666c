import { Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JobSchedulerTemplateOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/env';

/** A repeatable job a worker module runs: declared once, kept alive in Redis by the watchdog. */
export interface Schedule {
  queue: Queue;
  /** The BullMQ job scheduler id, unique within its queue. */
  id: string;
  repeat: { every: number } | { pattern: string; tz: string };
  job: { name: string; opts: JobSchedulerTemplateOptions };
  /**
   * A reconciler: also run once at once whenever this process declares the schedule (at boot, and
   * when it restores it), since what Redis lost must come back now, not at the next tick.
   */
  catchUp?: boolean;
}

/**
 * Every worker module declares its schedules here (through `ScheduleModule.forQueue`). At boot each is upserted,
 * so a new interval or pattern takes effect. Then a timer held in this process, not in Redis (a
 * flush takes Redis' own timers with it), checks every SCHEDULE_WATCHDOG_SECONDS that each
 * scheduler still exists and re-declares only the missing ones: an upsert of an existing scheduler
 * removes and re-adds its next delayed job, churn that a check every 30 s does not need. Several
 * workers doing this at once is harmless: upsert is idempotent and the catch-up job id is fixed.
 */
@Injectable()
export class ScheduleRegistry implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ScheduleRegistry.name);
  private readonly schedules: Schedule[] = [];
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<unknown> | null = null;

  constructor(private readonly config: AppConfig) {}

  declare(schedule: Schedule): void {
    this.schedules.push(schedule);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of this.schedules) await this.restore(schedule);
    this.timer = setInterval(() => {
      if (this.checking) return;
      this.checking = this.check()
        .catch((error) => this.logger.warn(`could not check the job schedulers (${String(error)}); next try in ${this.config.SCHEDULE_WATCHDOG_SECONDS} s`))
        .finally(() => (this.checking = null));
    }, this.config.SCHEDULE_WATCHDOG_SECONDS * 1000);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // The queues close after this: let a check in flight finish on open connections.
    await this.checking;
  }

  /** Re-declares the schedulers Redis lost; returns their ids. */
  async check(): Promise<string[]> {
    const restored: string[] = [];
    for (const schedule of this.schedules) {
      if (await schedule.queue.getJobScheduler(schedule.id)) continue;
      await this.restore(schedule);
      restored.push(`${schedule.queue.name}/${schedule.id}`);
    }
    if (restored.length) this.logger.warn(`restored job schedulers missing from Redis: ${restored.join(', ')}`);
    return restored;
  }

  private async restore(schedule: Schedule): Promise<void> {
    const { queue, id, repeat, job, catchUp } = schedule;
    if (!catchUp) {
      await queue.upsertJobScheduler(id, repeat, job);
      return;
    }
    // A new `every` scheduler runs at once by default; starting it one interval later leaves the
    // catch-up run below as the only immediate one (an existing scheduler keeps its next run).
    const startDate = 'every' in repeat ? { startDate: Date.now() + repeat.every } : {};
    await queue.upsertJobScheduler(id, { ...repeat, ...startDate }, job);
    await queue.add(job.name, {}, { ...job.opts, jobId: `${id}-catch-up`, removeOnComplete: true, removeOnFail: true });
  }
}

/** Imported by every `ScheduleModule.forQueue`; one registry per process. */
@Module({ providers: [ScheduleRegistry], exports: [ScheduleRegistry] })
export class ScheduleRegistryModule {}
