import { PinoLogger } from 'nestjs-pino';

type PinoInstance = { level: string } & Record<symbol, unknown>;

/** The app's root pino logger; request loggers are its children and follow its level. */
function root(): PinoInstance {
  return PinoLogger.root as unknown as PinoInstance;
}

/**
 * The logger nestjs-pino uses outside any request (a worker's job, a service called by a test): a
 * pino of its own, created once with the root's options, which a PinoLogger built here returns.
 */
function outOfRequest(): PinoInstance {
  return new PinoLogger({}).logger as unknown as PinoInstance;
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

/**
 * Everything the app logs (pino at `level`, in requests and out of them, and the console) while
 * `run` runs, instead of printing it.
 */
export async function capturedLogs(run: () => Promise<unknown>, level = 'info'): Promise<string> {
  const lines: string[] = [];
  const loggers = [...new Set([root(), outOfRequest()])];
  // pino-http has its own copy of pino, hence its own symbols: find each one's stream by name.
  const restores = loggers.map((logger) => {
    const streamSym = Object.getOwnPropertySymbols(logger).find((symbol) => symbol.description === 'pino.stream')!;
    const stream = logger[streamSym];
    const previousLevel = logger.level;
    logger[streamSym] = { write: (line: string) => lines.push(line) };
    logger.level = level;
    return () => {
      logger[streamSym] = stream;
      logger.level = previousLevel;
    };
  });
  const spies = (['log', 'error', 'warn', 'info'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
  );
  try {
    await run();
  } finally {
    restores.forEach((restore) => restore());
    spies.forEach((spy) => spy.mockRestore());
  }
  return lines.join('\n');
}
