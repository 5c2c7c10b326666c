import { Flash } from './flash';

describe('flash messages after a post', () => {
  const flash = new Flash({ creee: 'Entreprise créée.', fiche: 'Fiche enregistrée.' });

  it.each([
    [{ ok: 'creee' }, 'Entreprise créée.'],
    [{ ok: 'fiche' }, 'Fiche enregistrée.'],
    [{ ok: 'inconnu' }, undefined],
    [{ ok: 'constructor' }, undefined],
    [{ ok: 'toString' }, undefined],
    [{ ok: ['creee'] }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ])('reads %j as %s', (query, sentence) => {
    expect(flash.read(query as never)).toBe(sentence);
  });

  it.each([
    ['/entreprises/1', 'creee', undefined, '/entreprises/1?ok=creee'],
    ['/entreprises/1', 'fiche', 'contacts', '/entreprises/1?ok=fiche#contacts'],
    ['/entreprises?page=2', 'creee', undefined, '/entreprises?page=2&ok=creee'],
  ] as const)('redirects from %s with %s#%s to %s', (path, key, anchor, address) => {
    expect(flash.to(path, key, anchor)).toBe(address);
  });
});
