import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from '../common/redis-options';
import { withTimeout } from '../common/with-timeout';
import { AppConfig } from '../config/env';
import { MailerService } from '../mail/mailer.service';

const CHECK_TIMEOUT_MS = 2000;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Pings Redis on a connection of its own that fails fast instead of queueing commands. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.REDIS_URL),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  async check(key: string) {
    const indicator = this.health.check(key);
    try {
      await withTimeout(this.redis.ping(), CHECK_TIMEOUT_MS, 'Redis');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: reason(error) });
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

@Injectable()
export class SmtpHealthIndicator {
  constructor(
    private readonly mailer: MailerService,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string) {
    const indicator = this.health.check(key);
    try {
      await withTimeout(this.mailer.verify(), CHECK_TIMEOUT_MS, 'SMTP');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: reason(error) });
    }
  }
}
