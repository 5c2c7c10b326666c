import type { RunningSmsCatcher } from '../src/dev/sms-catcher';
import type { RunningDirectoryServer } from '../src/dev/company-directory-server';
import type { RunningCatcher } from '../src/dev/smtp-catcher';

export default async function globalTeardown(): Promise<void> {
  const catcher = (globalThis as Record<string, unknown>).__catcher as RunningCatcher | undefined;
  await catcher?.close();
  const smsCatcher = (globalThis as Record<string, unknown>).__smsCatcher as RunningSmsCatcher | undefined;
  await smsCatcher?.close();
  const directory = (globalThis as Record<string, unknown>).__directoryServer as RunningDirectoryServer | undefined;
  await directory?.close();
}
