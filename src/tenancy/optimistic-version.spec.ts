import { because, ConflictRefusal } from '../refusals/refused';
import { CANDIDATE } from '../refusals/index';
import { assertVersion, staleVersion } from './optimistic-version';

describe('optimistic version', () => {
  const stale = () => staleVersion(because(CANDIDATE.staleVersion, { version: 3 }), 'this candidate', 3);

  it.each([
    ['the edit is based on the current version', 3, 3, false],
    ['someone else saved meanwhile', 3, 2, true],
    ['the caller asked for no check', 3, undefined, false],
  ])('%s', (_case, current, expected, refused) => {
    const check = () => assertVersion(current, expected, stale);
    if (refused) expect(check).toThrow(ConflictRefusal);
    else expect(check).not.toThrow();
  });

  it('answers 409 with the domain code, on the version field, naming the current version', () => {
    const refusal = stale();
    expect(refusal.getStatus()).toBe(409);
    expect(refusal.refusal).toEqual({ code: 'candidate.stale_version', params: { version: 3 } });
    expect(refusal.field).toBe('version');
    expect(refusal.message).toBe('version: this candidate was changed meanwhile (now at version 3); reload it and try again');
  });
});
