import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Why code reads or writes across structures. Each purpose is a documented, narrow path (README,
 * « Tenancy »); `src/architecture/tenancy.spec.ts` keeps the list of files that may open one.
 */
export const SYSTEM_PURPOSES = [
  /** Finding a session, a user by e-mail, a password-reset or answer token: before any structure is known. */
  'identify',
  /** Scans and reconcilers that find due rows of every structure, then work on each in its own scope. */
  'scan',
  /** Retention and erasure across structures. */
  'retention',
  /** Service-wide limits that count every structure's work (imports in progress). */
  'quota',
  /** Seeds, demo data, migrations, the benchmark's loader, test fixtures. */
  'maintenance',
] as const;
export type SystemPurpose = (typeof SYSTEM_PURPOSES)[number];

/** The structure a statement runs for, or a named cross-structure purpose. */
export type TenantScope =
  | { readonly kind: 'structure'; readonly structureId: string }
  | { readonly kind: 'system'; readonly purpose: SystemPurpose }
  | { readonly kind: 'none' };

const NONE: TenantScope = { kind: 'none' };
const storage = new AsyncLocalStorage<TenantScope>();

/** The scope of the code running now; `none` sees no structure-owned row at all. */
export function currentScope(): TenantScope {
  return storage.getStore() ?? NONE;
}

/** Runs `work` (and everything it awaits) for one structure: PostgreSQL shows and accepts its rows only. */
export function withStructure<T>(structureId: string, work: () => T): T {
  return storage.run({ kind: 'structure', structureId }, work);
}

/** Runs `work` across structures, for one of the documented purposes. */
export function asSystem<T>(purpose: SystemPurpose, work: () => T): T {
  return storage.run({ kind: 'system', purpose }, work);
}

/** Runs `work` with no structure: whatever scope the caller had does not leak into it. */
export function withoutScope<T>(work: () => T): T {
  return storage.run(NONE, work);
}

/** The two settings row-level security reads (see the RowSecurity migration). */
export function scopeSettings(scope: TenantScope): { structureId: string; system: string } {
  return {
    structureId: scope.kind === 'structure' ? scope.structureId : '',
    system: scope.kind === 'system' ? 'on' : '',
  };
}
