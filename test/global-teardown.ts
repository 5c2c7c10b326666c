import type { RunningCatcher } from '../src/dev/smtp-catcher';

export default async function globalTeardown(): Promise<void> {
  const catcher = (globalThis as Record<string, unknown>).__catcher as RunningCatcher | undefined;
  await catcher?.close();
}
