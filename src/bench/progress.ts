/**
 * Progress of the benchmark seeder on stderr: a bar per table redrawn in place on a terminal,
 * one line per finished table otherwise (CI logs), with rows per second.
 */

const BAR_WIDTH = 28;
const REDRAW_MS = 100;

export interface TaskResult {
  label: string;
  rows: number;
  ms: number;
}

export interface ProgressTask {
  /** `count` more rows done. */
  tick(count: number): void;
  /** Finishes the bar (with the final row count if it differs from the announced total). */
  done(rows?: number): TaskResult;
}

export interface ProgressSink {
  task(label: string, total: number): ProgressTask;
}

function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Writes to a stream (stderr by default); in place when it is a terminal. */
export class StreamProgress implements ProgressSink {
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  task(label: string, total: number): ProgressTask {
    const stream = this.stream;
    const interactive = Boolean(stream.isTTY);
    const started = performance.now();
    let rows = 0;
    let lastDraw = 0;
    const line = (final: boolean) => {
      const ms = performance.now() - started;
      const ratio = total > 0 ? Math.min(1, rows / total) : 1;
      const filled = Math.round(ratio * BAR_WIDTH);
      const bar = '='.repeat(filled) + (filled < BAR_WIDTH ? '>' : '') + ' '.repeat(Math.max(0, BAR_WIDTH - filled - 1));
      const rate = ms > 0 ? (rows * 1000) / ms : 0;
      return (
        `${label.padEnd(16)} [${bar}] ${formatCount(rows).padStart(9)}/${formatCount(Math.max(total, rows)).padEnd(9)} ` +
        `${formatCount(rate).padStart(8)} rows/s  ${formatSeconds(ms)}${final ? '' : ' '}`
      );
    };
    return {
      tick(count: number) {
        rows += count;
        if (!interactive) return;
        const now = performance.now();
        if (now - lastDraw < REDRAW_MS) return;
        lastDraw = now;
        stream.write(`\r${line(false)}`);
      },
      done(finalRows?: number) {
        if (finalRows !== undefined) rows = finalRows;
        stream.write(`${interactive ? '\r' : ''}${line(true)}\n`);
        return { label, rows, ms: performance.now() - started };
      },
    };
  }
}

/** Counts without printing (tests, library callers that want quiet). */
export class SilentProgress implements ProgressSink {
  task(label: string): ProgressTask {
    const started = performance.now();
    let rows = 0;
    return {
      tick(count: number) {
        rows += count;
      },
      done(finalRows?: number) {
        return { label, rows: finalRows ?? rows, ms: performance.now() - started };
      },
    };
  }
}
