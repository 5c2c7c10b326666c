import Redis from 'ioredis';
import { Client } from 'pg';
import { AppConfig } from '../config/env';

function hostAndPort(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || defaultPort}`;
  } catch {
    return 'an unparsable URL';
  }
}

const DEFAULT_PORTS: Record<string, number> = { PostgreSQL: 5432, Redis: 6379, SMTP: 25 };

/** One line that names the service, its host and port, and why; never the URL's credentials. */
export function describeConnectionError(service: string, url: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const reason = code && !message.includes(code) ? `${code}: ${message}` : message;
  return `Cannot reach ${service} at ${hostAndPort(url, DEFAULT_PORTS[service] ?? 0)} (${reason.split('\n')[0]})`;
}

async function checkPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/**
 * Checked before Nest boots so that an unreachable dependency gives one clear line instead of
 * TypeORM's ten retries and a stack dump. Returns the problems found; empty means go.
 */
export async function preflight(config: AppConfig): Promise<string[]> {
  const checks: Array<[string, string, (url: string) => Promise<void>]> = [
    ['PostgreSQL', config.DATABASE_URL, checkPostgres],
    ['Redis', config.REDIS_URL, checkRedis],
  ];
  const results = await Promise.all(
    checks.map(async ([service, url, check]) => {
      try {
        await check(url);
        return null;
      } catch (error) {
        return describeConnectionError(service, url, error);
      }
    }),
  );
  return results.filter((line): line is string => line !== null);
}
