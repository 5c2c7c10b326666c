/** The schema of each jest worker (`<base>_w<n>`), built by test/global-setup.ts, used by test/helpers/worker-env.ts. */
export function workerSchemas(base: string | undefined, workers: number): string[] {
  return Array.from({ length: Math.max(1, workers) }, (_, index) => `${base ?? 'tremplin_test'}_w${index + 1}`);
}
