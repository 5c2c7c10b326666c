/**
 * Each jest worker runs its files in its own PostgreSQL schema and under its own Redis prefix
 * (`<DB_SCHEMA>_w<n>`, `<REDIS_PREFIX>-w<n>`), built by test/global-setup.ts: two workers then run
 * side by side without one's queue worker taking, or one's reconciler finding, the other's rows.
 * Runs before each file (jest `setupFiles`); the names derive from the run's base names, kept aside.
 */
const worker = process.env.JEST_WORKER_ID ?? '1';
if (process.env.DB_SCHEMA !== undefined || process.env.TEST_BASE_DB_SCHEMA !== undefined) {
  process.env.TEST_BASE_DB_SCHEMA ??= process.env.DB_SCHEMA;
  process.env.TEST_BASE_REDIS_PREFIX ??= process.env.REDIS_PREFIX ?? 'tremplin-test';
  process.env.DB_SCHEMA = `${process.env.TEST_BASE_DB_SCHEMA}_w${worker}`;
  process.env.REDIS_PREFIX = `${process.env.TEST_BASE_REDIS_PREFIX}-w${worker}`;
}
