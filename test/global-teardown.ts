import type { RunningSmsCatcher } from '../src/dev/sms-catcher';
import type { RunningCatcher } from '../src/dev/smtp-catcher';

export default async function globalTeardown(): Promise<void> {
  const catcher = (globalThis as Record<string, unknown>).__catcher as RunningCatcher | undefined;
  await catcher?.close();
  const smsCatcher = (globalThis as Record<string, unknown>).__smsCatcher as RunningSmsCatcher | undefined;
  await smsCatcher?.close();
}
