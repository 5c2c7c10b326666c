import { Actor } from '../../src/tenancy/actor';
import { DataSource } from 'typeorm';
import { EntryTable, inStructureOf } from '../../src/tenancy/structure-of';
import { asSystem, SystemPurpose, withStructure } from '../../src/tenancy/tenant-scope';

const isActor = (value: unknown): value is Actor =>
  typeof value === 'object' && value !== null && typeof (value as Actor).structureId === 'string' && typeof (value as Actor).userId === 'string';

type Method = (...args: unknown[]) => unknown;

/** `service` with each method call passed through `around(args, call)`. */
function wrapMethods<T extends object>(service: T, around: (args: unknown[], call: () => unknown) => unknown): T {
  return new Proxy(service, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => around(args, () => (value as Method).apply(target, args));
    },
  });
}

/**
 * A service called as a request calls it: a method whose first argument is an actor runs in that
 * actor's structure, as the request scope does in the app (src/tenancy/tenant-scope.interceptor.ts).
 * For setting up data in tests without going through HTTP.
 */
export function actingAs<T extends object>(service: T): T {
  return wrapMethods(service, (args, call) => (isActor(args[0]) ? withStructure(args[0].structureId, call) : call()));
}

/** A worker's service called as its job calls it: every method on the system path of `purpose`. */
export function asWorker<T extends object>(service: T, purpose: SystemPurpose = 'scan'): T {
  return wrapMethods(service, (_args, call) => asSystem(purpose, call));
}

/**
 * A worker's service called as a job on one row calls it: the method's first argument is the id of
 * a row of `table`, and the call runs in that row's structure (src/tenancy/structure-of.ts).
 */
export function asJobOn<T extends object>(service: T, dataSource: DataSource, table: EntryTable): T {
  return wrapMethods(service, (args, call) => inStructureOf(dataSource, table, String(args[0]), async () => call()));
}
