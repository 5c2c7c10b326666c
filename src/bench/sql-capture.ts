import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/**
 * Records the SQL an in-process API runs while `capturing` is on, so that the benchmark can run
 * exactly the same statements directly on PostgreSQL and compare. Only used by `npm run bench`.
 */
export class SqlCapture {
  private captured: CapturedQuery[] | null = null;
  private readonly original = PostgresQueryRunner.prototype.query;

  install(): void {
    const original = this.original;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const capture = this;
    PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, sql: string, parameters?: unknown[], ...rest: unknown[]) {
      capture.captured?.push({ sql, parameters: parameters ?? [] });
      return (original as (...args: unknown[]) => Promise<unknown>).call(this, sql, parameters, ...rest);
    } as typeof PostgresQueryRunner.prototype.query;
  }

  uninstall(): void {
    PostgresQueryRunner.prototype.query = this.original;
  }

  async during(action: () => Promise<void>): Promise<CapturedQuery[]> {
    this.captured = [];
    try {
      await action();
      return this.captured.filter((query) => !/^(START TRANSACTION|COMMIT|ROLLBACK|BEGIN)/i.test(query.sql.trim()));
    } finally {
      this.captured = null;
    }
  }
}
