/** Positional parameters for SQL assembled from optional filters: `add` returns the placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export function round(value: number | string | null | undefined, decimals: number): number | null {
  if (value === null || value === undefined) return null;
  const factor = 10 ** decimals;
  return Math.round(Number(value) * factor) / factor;
}

/**
 * A rate as the exact fraction: rounding happens once, where it is shown (the pages' percentFr, a
 * spreadsheet's cell format). Rounding here as well made 7/13 = 0.5385 show as 53,9 % instead of 53,8 %.
 */
export function ratio(count: number, of: number): number | null {
  return of > 0 ? count / of : null;
}
