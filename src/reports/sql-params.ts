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

export function ratio(count: number, of: number): number | null {
  return of > 0 ? round(count / of, 4) : null;
}
