import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/env';
import { redisOptionsFromUrl } from '../common/redis-options';
import { QUEUES } from './queues';

/**
 * Owns the Redis connection used by BullMQ and registers every queue. Both the API (producer)
 * and the worker (consumer) import it; only the worker module declares processors.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        prefix: config.REDIS_PREFIX,
        // Workers block on Redis; BullMQ requires no per-request retry limit on their connection.
        connection: { ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: null },
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: config.JOB_RETRY_DELAY_MS },
          removeOnComplete: 1000,
          removeOnFail: 5000,
        },
      }),
    }),
    ...Object.values(QUEUES).map((name) => BullModule.registerQueue({ name })),
  ],
  exports: [BullModule],
})
export class QueueModule {}
