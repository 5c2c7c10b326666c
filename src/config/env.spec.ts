import {
  ConfigError,
  DEVELOPMENT_SMS_API_KEY,
  DEVELOPMENT_SMS_WEBHOOK_SECRET,
  DEVELOPMENT_SUPPRESSION_HASH_SECRET,
  loadConfig,
} from './env';

const valid = {
  DATABASE_URL: 'postgres://u:p@db.example:5432/tremplin',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  APP_BASE_URL: 'http://localhost:3000',
  SESSION_SECRET: 'x'.repeat(32),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.BUSINESS_TIME_ZONE).toBe('Europe/Paris');
    expect(config.REDIS_PREFIX).toBe('tremplin');
    expect(config.DB_SCHEMA).toBe('public');
    expect(config.IMPORT_MAX_PER_STRUCTURE).toBe(2);
    expect(config.IMPORT_MAX_ACTIVE).toBe(8);
    expect(config.IMPORT_FILE_RETENTION_DAYS).toBe(30);
    expect(config.SUPPRESSION_HASH_SECRET).toBe(DEVELOPMENT_SUPPRESSION_HASH_SECRET);
  });

  it('needs a suppression hash secret of its own in production, and never repeats a given one', () => {
    expect(problemsOf({ ...valid, NODE_ENV: 'production' })).toEqual(['SUPPRESSION_HASH_SECRET is missing (required in production)']);
    expect(loadConfig({ ...valid, NODE_ENV: 'production', SUPPRESSION_HASH_SECRET: 's'.repeat(40) }).SUPPRESSION_HASH_SECRET).toBe('s'.repeat(40));
    const short = problemsOf({ ...valid, SUPPRESSION_HASH_SECRET: 'trop-court-secret' });
    expect(short).toEqual(['SUPPRESSION_HASH_SECRET must be at least 32 characters long']);
    expect(short.join()).not.toContain('trop-court-secret');
  });

  it('parses numbers', () => {
    expect(loadConfig({ ...valid, PORT: '8080' }).PORT).toBe(8080);
  });

  it.each([
    ['DATABASE_URL', undefined, 'DATABASE_URL is missing'],
    ['DATABASE_URL', 'mysql://x/y', 'DATABASE_URL must be a postgres:// URL'],
    ['REDIS_URL', '', 'REDIS_URL is missing'],
    ['SMTP_URL', 'http://mail', 'SMTP_URL must be an smtp://'],
    ['SESSION_SECRET', 'short', 'SESSION_SECRET must be at least 32 characters'],
    ['PORT', 'eighty', 'PORT must be an integer'],
    ['APP_BASE_URL', 'http://x/', 'APP_BASE_URL must be an http(s) URL without a trailing slash'],
    ['BUSINESS_TIME_ZONE', 'Europe/Nowhere', 'BUSINESS_TIME_ZONE must be an IANA time zone'],
    ['IMPORT_MAX_PER_STRUCTURE', '0', 'IMPORT_MAX_PER_STRUCTURE must not be less than 1'],
    ['IMPORT_MAX_ACTIVE', 'many', 'IMPORT_MAX_ACTIVE must be an integer'],
    ['IMPORT_FILE_RETENTION_DAYS', '0', 'IMPORT_FILE_RETENTION_DAYS must not be less than 1'],
  ])('rejects %s=%p with one line naming it', (name, value, expected) => {
    const problems = problemsOf({ ...valid, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('names every offending variable', () => {
    const problems = problemsOf({});
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(
      ['APP_BASE_URL', 'DATABASE_URL', 'REDIS_URL', 'SESSION_SECRET', 'SMTP_URL'].sort(),
    );
  });
});

describe('SMS settings', () => {
  it('are off without SMS_URL, with a sender name and development secrets by default', () => {
    const config = loadConfig(valid);
    expect(config.SMS_URL).toBeUndefined();
    expect(config.SMS_SENDER).toBe('Tremplin');
    expect(config.SMS_API_KEY).toBe(DEVELOPMENT_SMS_API_KEY);
    expect(config.SMS_WEBHOOK_SECRET).toBe(DEVELOPMENT_SMS_WEBHOOK_SECRET);
  });

  it.each([
    ['SMS_URL', 'https://api.brevo.com/', 'SMS_URL must be an http(s) URL without a trailing slash'],
    ['SMS_URL', 'api.brevo.com', 'SMS_URL must be an http(s) URL'],
    ['SMS_SENDER', 'AB', 'SMS_SENDER must be 3 to 11 letters or digits'],
    ['SMS_SENDER', 'Tremplin Est', 'SMS_SENDER must be 3 to 11 letters or digits'],
    ['SMS_SENDER', 'InsertionPlus', 'SMS_SENDER must be 3 to 11 letters or digits'],
    ['SMS_WEBHOOK_SECRET', 'court', 'SMS_WEBHOOK_SECRET must be at least 32 characters long'],
    ['SMS_API_KEY', 'xkeysib', 'SMS_API_KEY must be at least 16 characters long'],
  ])('rejects %s=%p with one line naming it', (name, value, expected) => {
    const problems = problemsOf({ ...valid, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('need a key and a webhook secret of their own in production once SMS_URL is set, and never repeat them', () => {
    const production = { ...valid, NODE_ENV: 'production', SUPPRESSION_HASH_SECRET: 's'.repeat(40) };
    expect(problemsOf(production)).toEqual([]);
    expect(problemsOf({ ...production, SMS_URL: 'https://api.brevo.com' })).toEqual([
      'SMS_API_KEY is missing (required in production when SMS_URL is set)',
      'SMS_WEBHOOK_SECRET is missing (required in production when SMS_URL is set)',
    ]);
    const set = { ...production, SMS_URL: 'https://api.brevo.com', SMS_API_KEY: 'xkeysib-0123456789abcdef', SMS_WEBHOOK_SECRET: 'w'.repeat(40) };
    expect(problemsOf(set)).toEqual([]);
    const short = problemsOf({ ...set, SMS_API_KEY: 'xkeysib-court' });
    expect(short.join()).not.toContain('xkeysib-court');
  });
});

describe('company directory setting', () => {
  it('is off when empty, and takes the public API or the local server', () => {
    expect(loadConfig({ ...valid, COMPANY_DIRECTORY_URL: '' }).COMPANY_DIRECTORY_URL).toBeUndefined();
    expect(loadConfig({ ...valid, COMPANY_DIRECTORY_URL: 'https://recherche-entreprises.api.gouv.fr' }).COMPANY_DIRECTORY_URL).toBe(
      'https://recherche-entreprises.api.gouv.fr',
    );
    expect(loadConfig({ ...valid, COMPANY_DIRECTORY_URL: 'http://127.0.0.1:1082' }).COMPANY_DIRECTORY_URL).toBe('http://127.0.0.1:1082');
  });

  it('rejects an address with a trailing slash, naming it', () => {
    expect(problemsOf({ ...valid, COMPANY_DIRECTORY_URL: 'https://recherche-entreprises.api.gouv.fr/' })).toEqual([
      'COMPANY_DIRECTORY_URL must be an http(s) URL without a trailing slash',
    ]);
  });
});
