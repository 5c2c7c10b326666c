import { PinoLogger } from 'nestjs-pino';

/** The app's root pino logger; request loggers are its children and follow its level. */
function root(): { level: string } & Record<symbol, unknown> {
  return PinoLogger.root as unknown as { level: string } & Record<symbol, unknown>;
}

/**
 * Runs `run` with the app's logs off: for requests a spec makes fail on purpose (a 500 provoked by
 * a trigger), whose stack would otherwise fill the test output. Assertions still report as usual.
 */
export async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const logger = root();
  const level = logger.level;
  logger.level = 'silent';
  try {
    return await run();
  } finally {
    logger.level = level;
  }
}

/** Everything the app logs (pino at `level`, and the console) while `run` runs, instead of printing it. */
export async function capturedLogs(run: () => Promise<unknown>, level = 'info'): Promise<string> {
  const lines: string[] = [];
  const logger = root();
  // pino-http has its own copy of pino, hence its own symbols: find its stream by name.
  const streamSym = Object.getOwnPropertySymbols(logger).find((symbol) => symbol.description === 'pino.stream')!;
  const stream = logger[streamSym];
  const previousLevel = logger.level;
  logger[streamSym] = { write: (line: string) => lines.push(line) };
  logger.level = level;
  const spies = (['log', 'error', 'warn', 'info'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
  );
  try {
    await run();
  } finally {
    logger[streamSym] = stream;
    logger.level = previousLevel;
    spies.forEach((spy) => spy.mockRestore());
  }
  return lines.join('\n');
}
