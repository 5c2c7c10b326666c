import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Development and tests only: production refuses to start without a secret of its own. */
export const DEVELOPMENT_SUPPRESSION_HASH_SECRET = 'tremplin-development-suppression-hash-secret';

/** Development and tests only, like the one above: the local SMS catcher accepts any key. */
export const DEVELOPMENT_SMS_API_KEY = 'tremplin-development-sms-api-key';
export const DEVELOPMENT_SMS_WEBHOOK_SECRET = 'tremplin-development-sms-webhook-secret';

/** Every setting Tremplin reads from the environment; validated once, at boot. */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/[^/\s]+\/[^\s]+$/, {
    message: 'must be a postgres:// URL with a database name',
  })
  DATABASE_URL!: string;

  @Matches(/^[a-z_][a-z0-9_]*$/, { message: 'must be a lower-case PostgreSQL schema name' })
  DB_SCHEMA = 'public';

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'must be letters, digits, dot, dash or underscore' })
  REDIS_PREFIX = 'tremplin';

  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL!: string;

  @IsString()
  MAIL_FROM = 'Tremplin <no-reply@tremplin.local>';

  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'must be an http(s) URL without a trailing slash' })
  APP_BASE_URL!: string;

  @MinLength(32, { message: 'must be at least 32 characters long' })
  SESSION_SECRET!: string;

  @Transform(toInt)
  @Min(1)
  @Max(65535)
  @IsInt({ message: 'must be an integer' })
  PORT = 3000;

  @IsString()
  BUSINESS_TIME_ZONE = 'Europe/Paris';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt)
  @Min(1)
  @Max(24 * 30)
  @IsInt({ message: 'must be an integer' })
  SESSION_TTL_HOURS = 12;

  @Transform(toInt)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  LOGIN_LOCK_MINUTES = 15;

  /** Login attempts one client address may make in 15 minutes, whatever the e-mails tried. */
  @Transform(toInt)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  LOGIN_ADDRESS_MAX_ATTEMPTS = 100;

  @Transform(toInt)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  WORKER_CONCURRENCY = 5;

  /** How often each worker checks that its repeatable jobs still exist in Redis (restoring them if not). */
  @Transform(toInt)
  @Min(1)
  @Max(3600)
  @IsInt({ message: 'must be an integer' })
  SCHEDULE_WATCHDOG_SECONDS = 30;

  /** CSV imports in progress (file being received, queued or running) per structure; beyond, 429. */
  @Transform(toInt)
  @Min(1)
  @Max(100)
  @IsInt({ message: 'must be an integer' })
  IMPORT_MAX_PER_STRUCTURE = 2;

  /** The same, all structures together: bounds the files waiting in PostgreSQL and the uploads in flight. */
  @Transform(toInt)
  @Min(1)
  @Max(1000)
  @IsInt({ message: 'must be an integer' })
  IMPORT_MAX_ACTIVE = 8;

  /** Days an imported file (and its row-by-row report) is kept after its import finished. */
  @Transform(toInt)
  @Min(1)
  @Max(365)
  @IsInt({ message: 'must be an integer' })
  IMPORT_FILE_RETENTION_DAYS = 30;

  /**
   * Key of the HMAC under which an erased contact's address stays on the suppression list: without
   * it, nobody can tell which address a stored hash stands for. Required in production.
   */
  @MinLength(32, { message: 'must be at least 32 characters long' })
  SUPPRESSION_HASH_SECRET = DEVELOPMENT_SUPPRESSION_HASH_SECRET;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  MAIL_CATCHER_URL?: string;

  /**
   * Base URL of the transactional SMS API (Brevo's shape: https://api.brevo.com, or the local
   * catcher in development and tests). Not set: no SMS leaves (see src/sms/sms-settings.ts).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'must be an http(s) URL without a trailing slash' })
  SMS_URL?: string;

  /** Sent as the `api-key` header, never logged. Required in production when SMS_URL is set. */
  @MinLength(16, { message: 'must be at least 16 characters long' })
  SMS_API_KEY = DEVELOPMENT_SMS_API_KEY;

  /** The name a text shows as its sender: 3 to 11 letters or digits (what operators accept). */
  @Matches(/^[A-Za-z0-9]{3,11}$/, { message: 'must be 3 to 11 letters or digits, without spaces or accents' })
  SMS_SENDER = 'Tremplin';

  /**
   * What the provider's delivery and inbound webhooks must present (`Authorization: Bearer …`);
   * a call without it is refused. Required in production when SMS_URL is set.
   */
  @MinLength(32, { message: 'must be at least 32 characters long' })
  SMS_WEBHOOK_SECRET = DEVELOPMENT_SMS_WEBHOOK_SECRET;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  SMS_CATCHER_URL?: string;

  /**
   * Base URL of the public « Recherche d'entreprises » API (https://recherche-entreprises.api.gouv.fr,
   * or the local recorded server in development and tests). Not set: the company look-up is off.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'must be an http(s) URL without a trailing slash' })
  COMPANY_DIRECTORY_URL?: string;

  @Transform(toInt)
  @Min(1)
  @Max(1000)
  @IsInt({ message: 'must be an integer' })
  DB_POOL_SIZE = 10;

  @Transform(toInt)
  @Min(100)
  @IsInt({ message: 'must be an integer' })
  DB_ACQUIRE_TIMEOUT_MS = 5000;

  @Transform(toInt)
  @Min(0)
  @IsInt({ message: 'must be an integer' })
  DB_STATEMENT_TIMEOUT_MS = 30_000;

  @Transform(toInt)
  @Min(0)
  @IsInt({ message: 'must be an integer' })
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  /**
   * The first wait before a failed job (an e-mail, a text) is tried again; each later wait doubles
   * (exponential backoff), over 5 attempts. A test of retries shortens it.
   */
  @Transform(toInt)
  @Min(50)
  @Max(3_600_000)
  @IsInt({ message: 'must be an integer' })
  JOB_RETRY_DELAY_MS = 5000;

  /** Empty: `throw` in development and tests (the suite finds every offender), `warn` in production. */
  @IsOptional()
  @IsIn(['throw', 'warn'])
  TRANSACTION_GUARD?: 'throw' | 'warn';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.map((error) => {
    if (error.value === undefined) return `${error.property} is missing`;
    const reason = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
    return reason.startsWith(`${error.property} `) ? reason : `${error.property} ${reason}`;
  });
}

/**
 * Reads the settings from an environment record. Empty strings count as missing so that
 * `FOO=` in a .env file falls back to the default instead of failing obscurely later.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const problems = describe(validateSync(config, { stopAtFirstError: true }));
  if (!isTimeZone(config.BUSINESS_TIME_ZONE)) {
    problems.push('BUSINESS_TIME_ZONE must be an IANA time zone such as Europe/Paris');
  }
  if (config.NODE_ENV === 'production' && defined.SUPPRESSION_HASH_SECRET === undefined) {
    problems.push('SUPPRESSION_HASH_SECRET is missing (required in production)');
  }
  if (config.NODE_ENV === 'production' && config.SMS_URL !== undefined) {
    for (const name of ['SMS_API_KEY', 'SMS_WEBHOOK_SECRET'] as const) {
      if (defined[name] === undefined) problems.push(`${name} is missing (required in production when SMS_URL is set)`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
