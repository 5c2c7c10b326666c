import type { AuditChanges } from './audit-event.entity';

/** A value as JSON would hold it: dates as ISO strings, undefined as null. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}

/** Key order does not matter (PostgreSQL reorders jsonb keys), array order does. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stable(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Nothing worth showing on a creation: null, empty text, an empty list or object, false. */
function isBlank(value: unknown): boolean {
  if (value === null || value === false || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

/**
 * The fields that differ between two states of a record, as `{ field: { from, to } }`. A creation
 * (`before` null) lists the fields that were filled in, a deletion (`after` null) those that were.
 * A sensitive field shows only `{ changed: true }`: the trail tells that it changed, never what it
 * said or says now.
 */
export function changesBetween(
  before: object | null,
  after: object | null,
  fields: readonly string[],
  sensitive: readonly string[] = [],
): AuditChanges {
  const changes: AuditChanges = {};
  const valueOf = (state: object | null, field: string) => (state ? plain((state as Record<string, unknown>)[field]) : null);
  for (const field of fields) {
    const from = valueOf(before, field);
    const to = valueOf(after, field);
    if (stable(from) === stable(to)) continue;
    if (!before && isBlank(to)) continue;
    if (!after && isBlank(from)) continue;
    changes[field] = sensitive.includes(field) ? { changed: true } : { from, to };
  }
  return changes;
}
