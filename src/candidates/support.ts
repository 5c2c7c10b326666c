import { CANDIDATE, LEAD, PLACEMENT } from '../refusals/index';
import { because } from '../refusals/refused';
import { Actor } from '../tenancy/actor';
import { lockAtVersion as lockScopedAtVersion, staleVersion } from '../tenancy/optimistic-version';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

type Label = 'candidate' | 'placement' | 'job lead';

/** Each kind of row answers a stale edit with its own refusal code. */
const STALE_CODES = { candidate: CANDIDATE.staleVersion, placement: PLACEMENT.staleVersion, 'job lead': LEAD.staleVersion } as const;

/**
 * Reads a row of the actor's structure for update (row lock in the caller's transaction) and checks
 * the version the edit is based on: a stale one answers 409 naming the current version.
 */
export function lockAtVersion<T extends StructureOwned & { version: number }>(
  repository: ScopedRepository<T>,
  actor: Actor,
  id: string,
  version: number | undefined,
  label: Label,
): Promise<T> {
  return lockScopedAtVersion(repository, actor, id, version, (row) =>
    staleVersion(because(STALE_CODES[label], { version: row.version }), `this ${label}`, row.version),
  );
}
