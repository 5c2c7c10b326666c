import 'reflect-metadata';
import 'dotenv/config';
import { AppConfig, ConfigError, loadConfig } from '../config/env';
import { preflight } from './preflight';

/** The validated configuration, or one line per offending variable and exit code 1. */
export function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
    process.exit(1);
  }
}

/**
 * Validates the configuration and reaches PostgreSQL and Redis before Nest starts; on failure
 * prints one line per problem (naming the variable, or the host and port) and exits.
 */
export async function checkedConfig(): Promise<AppConfig> {
  const config = configOrExit();
  const problems = await preflight(config);
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    process.exit(1);
  }
  return config;
}
