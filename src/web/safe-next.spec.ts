import { safeNext } from './web.controller';

describe('safeNext (where to go after login)', () => {
  it.each([
    ['/administration', '/administration'],
    ['/pistes?statut=ouvert&page=2', '/pistes?statut=ouvert&page=2'],
    ['/%2Fadministration', '/%2Fadministration'],
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%p → %p', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
