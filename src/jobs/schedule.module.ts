import { getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { JobSchedulerTemplateOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/env';
import { JobOn, QueueName } from './job-data';
import { Schedule, ScheduleRegistry, ScheduleRegistryModule } from './schedule-registry';

/** A repeatable job of a queue; its BullMQ scheduler id is its job name. */
export interface RepeatableJob<N extends string> {
  name: N;
  repeat: Schedule['repeat'];
  opts: JobSchedulerTemplateOptions;
  /** A reconciler: also run once at once whenever it is (re)declared. */
  catchUp?: boolean;
}

/** How often a reconciler re-queues from PostgreSQL whatever Redis lost. */
export const RECONCILE_EVERY_MS = 60_000;

/** A reconciler's schedule: every minute, and at once whenever it is (re)declared. */
export function reconciler<N extends string>(name: N): RepeatableJob<N> {
  return { name, repeat: { every: RECONCILE_EVERY_MS }, opts: { attempts: 1 }, catchUp: true };
}

/**
 * The one way a worker module declares its queue's repeatable jobs: import
 * `ScheduleModule.forQueue(QUEUES.x, (config) => [...])`. The jobs go to the process' one
 * ScheduleRegistry, which upserts them at boot and its watchdog restores those Redis lost.
 */
@Module({})
export class ScheduleModule {
  static forQueue<Q extends QueueName>(queue: Q, repeatable: (config: AppConfig) => Array<RepeatableJob<JobOn<Q>>>): DynamicModule {
    return {
      module: ScheduleModule,
      imports: [ScheduleRegistryModule],
      providers: [
        {
          provide: `schedules:${queue}`,
          inject: [ScheduleRegistry, getQueueToken(queue), AppConfig],
          useFactory: (registry: ScheduleRegistry, bullQueue: Queue, config: AppConfig) => {
            for (const { name, repeat, opts, catchUp } of repeatable(config)) {
              registry.declare({ queue: bullQueue, id: name, repeat, job: { name, opts }, ...(catchUp ? { catchUp } : {}) });
            }
            return queue;
          },
        },
      ],
    };
  }
}
