import { fullNamePattern, identityReplacements, phonePattern, regexLiteral, replacementSql } from './scrub';

/** The patterns use only syntax PostgreSQL's ARE and JavaScript share (but \m \M, tested in e2e). */
const matches = (pattern: string, text: string) => new RegExp(pattern, 'i').test(text);

describe('privacy scrub patterns', () => {
  it('escapes every character special to a regular expression', () => {
    const odd = 'a.b*c+d?e(f)g[h]i{j}k|l^m$n\\o';
    expect(matches(`^${regexLiteral(odd)}$`, odd)).toBe(true);
    expect(matches(regexLiteral('jean.dupont@exemple.fr'), 'jeanXdupont@exemple.fr')).toBe(false);
  });

  it('finds a French number however it is written, and not a shorter one', () => {
    const pattern = phonePattern('06 12 34 56 78')!;
    for (const written of ['0612345678', '06 12 34 56 78', '06.12.34.56.78', '06-12-34-56-78', '+33 6 12 34 56 78', '+33 (0)6 12 34 56 78']) {
      expect({ written, found: matches(pattern, `Appeler au ${written} demain`) }).toEqual({ written, found: true });
    }
    expect(matches(pattern, '06 12 34 56 79')).toBe(false);
    expect(phonePattern('12 34')).toBeNull();
  });

  it.each([
    ['+33612345678', ['0612345678', '06 12 34 56 78', '+33 6 12 34 56 78', '+33612345678', '0033 6 12 34 56 78', '+33 (0)6 12 34 56 78']],
    ['+594694201234', ['0694 20 12 34', '0694201234', '+594 694 20 12 34', '+594694201234']],
    ['+32470123456', ['+32 470 12 34 56', '+32470123456', '0032 470 12 34 56']],
  ])('finds the E.164 number %s stored on the record however a text writes it', (stored, writings) => {
    const pattern = phonePattern(stored)!;
    for (const written of writings) expect({ written, found: matches(pattern, `Appeler au ${written} demain`) }).toEqual({ written, found: true });
    expect(matches(pattern, 'Appeler au 06 12 34 56 79 demain')).toBe(false);
  });

  it('finds the full name in both orders, any spacing, case ignored; one name alone is not hunted everywhere', () => {
    const pattern = fullNamePattern({ firstName: 'Zoé', lastName: 'Le Gall', email: null, phone: null })!;
    expect(matches(pattern, 'Appel de ZOÉ  le gall')).toBe(true);
    expect(matches(pattern, 'Le Gall Zoé a rappelé')).toBe(true);
    expect(matches(pattern, 'Zoé a rappelé')).toBe(false);
    expect(fullNamePattern({ firstName: null, lastName: 'Martin', email: null, phone: null })).toBeNull();
  });

  it('leaves out of JSON documents what could break them', () => {
    const identity = { firstName: 'Jean "JJ"', lastName: 'Dupont', email: 'jean@exemple.fr', phone: null };
    expect(identityReplacements(identity).map((r) => r.replacement)).toEqual(['Personne anonymisée', '[donnée supprimée]']);
    expect(identityReplacements(identity, true).map((r) => r.replacement)).toEqual(['[donnée supprimée]']);
  });

  it('numbers its bind parameters after the caller’s', () => {
    const sql = replacementSql('message', [
      { pattern: 'a', replacement: 'x' },
      { pattern: 'b', replacement: 'y', caseSensitive: true },
    ], 4);
    expect(sql).toEqual({
      expression: `regexp_replace(regexp_replace(message, $4, $5, 'gi'), $6, $7, 'g')`,
      condition: '(message ~* $4 OR message ~ $6)',
      params: ['a', 'x', 'b', 'y'],
    });
  });
});
