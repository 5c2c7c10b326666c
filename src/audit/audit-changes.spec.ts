import { changesBetween } from './audit-changes';

describe('changesBetween', () => {
  const fields = ['name', 'tags', 'due', 'notes', 'constraints', 'wantedJobs', 'active', 'at'];
  const sensitive = ['notes', 'constraints'];

  it.each([
    ['an unchanged record', { name: 'A', tags: ['x'] }, { name: 'A', tags: ['x'] }, {}],
    ['a changed text', { name: 'A' }, { name: 'B' }, { name: { from: 'A', to: 'B' } }],
    ['a cleared text', { name: 'A' }, { name: null }, { name: { from: 'A', to: null } }],
    ['undefined as null', { due: null }, { due: undefined }, {}],
    ['a reordered list', { tags: ['a', 'b'] }, { tags: ['b', 'a'] }, { tags: { from: ['a', 'b'], to: ['b', 'a'] } }],
    ['jsonb keys in another order', { wantedJobs: [{ label: 'x', romeCode: 'N1103' }] }, { wantedJobs: [{ romeCode: 'N1103', label: 'x' }] }, {}],
    ['dates as ISO text', { at: new Date('2026-01-01T00:00:00Z') }, { at: new Date('2026-01-02T00:00:00Z') }, { at: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' } }],
    ['same dates', { at: new Date('2026-01-01T00:00:00Z') }, { at: new Date('2026-01-01T00:00:00Z') }, {}],
    ['a sensitive text', { notes: 'secret' }, { notes: 'autre secret' }, { notes: { changed: true } }],
    ['a sensitive object', { constraints: {} }, { constraints: { health: 'x' } }, { constraints: { changed: true } }],
    ['an unchanged sensitive field', { notes: 'secret' }, { notes: 'secret' }, {}],
    ['a boolean', { active: true }, { active: false }, { active: { from: true, to: false } }],
  ])('%s', (_, before, after, expected) => {
    expect(changesBetween(before, after, fields, sensitive)).toEqual(expected);
  });

  it('lists only the filled-in fields of a creation, sensitive ones without their values', () => {
    expect(
      changesBetween(null, { name: 'A', tags: [], due: null, notes: 'secret', constraints: {}, active: false }, fields, sensitive),
    ).toEqual({ name: { from: null, to: 'A' }, notes: { changed: true } });
  });

  it('lists what a deleted record held', () => {
    expect(changesBetween({ name: 'A', tags: ['x'], due: null }, null, fields, sensitive)).toEqual({
      name: { from: 'A', to: null },
      tags: { from: ['x'], to: null },
    });
  });

  it('ignores fields it was not asked about (hashes, derived columns)', () => {
    expect(changesBetween({ name: 'A', passwordHash: 'h1' }, { name: 'A', passwordHash: 'h2' }, fields)).toEqual({});
  });
});
