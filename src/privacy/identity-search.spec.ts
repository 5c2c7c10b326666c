import { excerpt, fold, foldText, identityMatcher, phoneDigits, redactSpans } from './identity-search';
import type { Identity } from './scrub';

const hugo: Identity = { firstName: 'Hugo', lastName: 'Dûrandmark', email: 'Hugo.D-M@Exemple.fr', phone: '06 12 34 56 78' };
const zoe: Identity = { firstName: 'Zoé', lastName: 'Quillardet', email: null, phone: null };
const jeanPierre: Identity = { firstName: 'Jean-Pierre', lastName: 'Le Gall', email: null, phone: null };
const martin: Identity = { firstName: 'Alice', lastName: 'Martin', email: null, phone: null };

/** The mentions found, as written. */
const found = (identity: Identity, text: string) => identityMatcher(identity)!.find(text).map((span) => span.text);

describe('identity search: folding', () => {
  it.each([
    ['Dûrandmark', 'durandmark'],
    ['DURANDMARK', 'durandmark'],
    ['Œuvre Æsop', 'oeuvre aesop'],
    ['Łukasz Straße', 'lukasz strasse'],
    ['l’équipe — ici', "l'equipe - ici"],
    ['Zoe\u0301', 'zoe'],
  ])('%s folds to %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it('maps every folded character back to the original, ligatures and decomposed accents included', () => {
    const text = 'Cœur de Zoe\u0301!';
    const map = foldText(text);
    expect(map.folded).toBe('coeur de zoe!');
    expect(text.slice(map.starts[9], map.ends[11])).toBe('Zoe\u0301');
    expect(text.slice(map.starts[1], map.ends[2])).toBe('œ');
  });
});

describe('identity search: a person’s name as people write it', () => {
  it.each([
    ['the full name', 'Appel de Hugo Dûrandmark ce matin', 'Hugo Dûrandmark'],
    ['without accents, in capitals', 'RDV HUGO DURANDMARK lundi', 'HUGO DURANDMARK'],
    ['lower case', 'vu hugo durandmark hier', 'hugo durandmark'],
    ['reversed', 'Dossier Durandmark Hugo complet', 'Durandmark Hugo'],
    ['« NOM, Prénom »', 'Candidat : DURANDMARK, Hugo.', 'DURANDMARK, Hugo'],
    ['initial and surname', 'H. Dûrandmark a appelé', 'H. Dûrandmark'],
    ['initial without dot, a capital', 'Relancer H Durandmark demain', 'H Durandmark'],
    ['initial glued to its dot', 'Vu H.Durandmark', 'H.Durandmark'],
    ['surname then initial', 'Durandmark H. absent', 'Durandmark H.'],
    ['civility « M. »', 'Entretien avec M. Durandmark', 'M. Durandmark'],
    ['civility « Monsieur »', 'monsieur durandmark est venu', 'monsieur durandmark'],
    ['civility and full name', 'Mme Hugo Durandmark (sic)', 'Mme Hugo Durandmark'],
    ['civility, initial and surname', 'M. H. Durandmark', 'M. H. Durandmark'],
    ['first name close to the surname', 'Hugo (notre candidat) Durandmark', 'Durandmark|Hugo'],
    ['an e-mail user name', 'écrit depuis hugo.durandmark@gmail.com', 'hugo.durandmark'],
    ['in the middle of punctuation', '(Hugo Dûrandmark)', 'Hugo Dûrandmark'],
  ])('finds %s', (_case, text, expected) => {
    expect(found(hugo, text).sort().join('|')).toBe(expected);
  });

  it.each([
    ['« Mme » and the surname', 'Mme Quillardet convient, sa santé…', 'Mme Quillardet'],
    ['« Madame » and the surname', 'Madame QUILLARDET', 'Madame QUILLARDET'],
    ['« Mlle »', 'Mlle Quillardet', 'Mlle Quillardet'],
    ['a lower-case « mme »', 'vu mme quillardet', 'mme quillardet'],
    ['a lower-case « m. »: the civility is a unit, the name alone is no match', '3 m. quillardet', ''],
  ])('finds %s', (_case, text, expected) => {
    expect(found(zoe, text).join('|')).toBe(expected);
  });

  it.each([
    ['with its hyphen', 'Jean-Pierre Le Gall', 'Jean-Pierre Le Gall'],
    ['with a space', 'Jean Pierre Le Gall', 'Jean Pierre Le Gall'],
    ['glued', 'JEANPIERRE LEGALL', 'JEANPIERRE LEGALL'],
    ['hyphens everywhere', 'jean-pierre le-gall', 'jean-pierre le-gall'],
    ['initials', 'J.-P. Le Gall', 'J.-P. Le Gall'],
    ['initials without dots', 'JP Le Gall', 'JP Le Gall'],
    ['reversed', 'LE GALL Jean-Pierre', 'LE GALL Jean-Pierre'],
    ['civility and compound surname', 'M. Le Gall', 'M. Le Gall'],
  ])('finds a compound name %s', (_case, text, expected) => {
    expect(found(jeanPierre, text).join('|')).toBe(expected);
  });

  it.each([
    ['the first name alone', hugo, 'Hugo est venu, Hugo reviendra'],
    ['the surname alone', hugo, 'Le dossier Durandmark est complet'],
    ['another person with the same first name', hugo, 'Hugo Bernard a appelé, puis M. Bernard'],
    ['the name inside a longer word', hugo, 'Hugodurandmarks Durandmarkette'],
    ['a common-word surname alone', martin, 'La Saint-Martin, rue Martin, martin-pêcheur'],
    ['a lower-case initial without dot (a verb)', martin, 'Elle a martin comme collègue'],
    ['the first name in another sentence than the surname', hugo, 'Appeler Hugo. Le dossier Durandmark est complet'],
    ['the first name far from the surname', hugo, 'Hugo a rappelé pour dire que le dossier de la famille Durandmark était complet'],
    ['the surname and another initial', hugo, 'P. Durandmark et Durandmark P.'],
    ['a common civility word that is not one', zoe, 'me Quillardet'],
  ])('does not find %s', (_case, identity, text) => {
    expect(found(identity, text)).toEqual([]);
  });

  it('finds every mention of a text, once each, in order', () => {
    expect(found(hugo, 'H. Durandmark puis Hugo Durandmark, enfin Mme Durandmark')).toEqual(['H. Durandmark', 'Hugo Durandmark', 'Mme Durandmark']);
  });

  it('needs a surname of two letters at least to hunt a name', () => {
    expect(identityMatcher({ firstName: 'Hugo', lastName: 'X', email: null, phone: null })).toBeNull();
    expect(identityMatcher({ firstName: 'Hugo', lastName: null, email: null, phone: null })).toBeNull();
    expect(found({ firstName: null, lastName: 'Quillardet', email: null, phone: null }, 'Mme Quillardet, Zoé Quillardet')).toEqual(['Mme Quillardet']);
  });
});

describe('identity search: e-mail and phone', () => {
  it.each([
    ['as entered', 'écrire à Hugo.D-M@Exemple.fr', 'Hugo.D-M@Exemple.fr'],
    ['in another case', 'écrire à hugo.d-m@exemple.FR.', 'hugo.d-m@exemple.FR'],
    ['between brackets', '<hugo.d-m@exemple.fr>', 'hugo.d-m@exemple.fr'],
  ])('finds the address %s', (_case, text, expected) => {
    expect(found({ ...hugo, firstName: null, lastName: null }, text)).toEqual([expected]);
  });

  it.each([
    ['another address ending the same', 'xhugo.d-m@exemple.fr'],
    ['another domain starting the same', 'hugo.d-m@exemple.fr.com'],
  ])('does not find %s', (_case, text) => {
    expect(found({ ...hugo, firstName: null, lastName: null }, text)).toEqual([]);
  });

  it.each([
    '06 12 34 56 78',
    '0612345678',
    '06.12.34.56.78',
    '06-12-34-56-78',
    '+33 6 12 34 56 78',
    '+33612345678',
    '+33 (0)6 12 34 56 78',
    '+33 (0) 6 12 34 56 78',
    '0033 6 12 34 56 78',
    '(+33) 6 12 34 56 78',
    '06 12 345 678',
  ])('finds the number written %s', (written) => {
    expect(found(hugo, `Appeler au ${written}, merci`)).toEqual([written]);
  });

  it.each([
    ['another number', '06 12 34 56 79'],
    ['a longer number containing it', '106 12 34 56 78'],
    ['a number it starts', '06 12 34 56 78 90'],
    ['an amount', '612345678 €'],
  ])('does not find %s', (_case, text) => {
    expect(found(hugo, text)).toEqual([]);
  });

  it.each([
    ['06 12 34 56 78', { digits: '612345678', french: true }],
    ['+33 6 12 34 56 78', { digits: '612345678', french: true }],
    ['+33 (0)6 12 34 56 78', { digits: '612345678', french: true }],
    ['0033612345678', { digits: '612345678', french: true }],
    ['+33612345678', { digits: '612345678', french: true }],
    ['+594694201234', { digits: '694201234', french: true }],
    ['+262262211234', { digits: '262211234', french: true }],
    ['+32 470 12 34 56', { digits: '32470123456', french: false }],
    ['+32470123456', { digits: '32470123456', french: false }],
    ['12 34', null],
  ])('reads the stored number %s', (stored, expected) => {
    expect(phoneDigits(stored)).toEqual(expected);
  });

  it.each([
    ['+33612345678', '06 12 34 56 78'],
    ['+33612345678', '+33 6 12 34 56 78'],
    ['+594694201234', '0694 20 12 34'],
    ['+594694201234', '+594 694 20 12 34'],
    ['+262262211234', '02 62 21 12 34'],
    ['+32470123456', '+32 470 12 34 56'],
  ])('finds the E.164 number %s stored on the record written %s in a note', (stored, written) => {
    expect(found({ firstName: null, lastName: null, email: null, phone: stored }, `Joignable au ${written}, le matin`)).toEqual([written]);
  });

  it('finds a stored international number written with +33 as written at home', () => {
    expect(found({ firstName: null, lastName: null, email: null, phone: '+33 7 01 02 03 04' }, 'tél. 07 01 02 03 04')).toEqual(['07 01 02 03 04']);
  });
});

describe('identity search: redaction keeps the rest of the text', () => {
  it('replaces only the spans, with the day of the erasure', () => {
    const text = 'Mme Quillardet convient, sa santé (diabète) ; appeler Zoé Quillardet au 06 12 34 56 78.';
    const spans = identityMatcher({ ...zoe, phone: '0612345678' })!.find(text);
    expect(redactSpans(text, spans, '[effacé le 12/03/2027]')).toBe(
      '[effacé le 12/03/2027] convient, sa santé (diabète) ; appeler [effacé le 12/03/2027] au [effacé le 12/03/2027].',
    );
  });

  it('shows a match with about 30 characters either side, cut at a word', () => {
    const text = 'Le premier rendez-vous chez le client a eu lieu avec M. Durandmark, qui souhaite un poste assis à cause de son dos.';
    const [span] = identityMatcher(hugo)!.find(text);
    expect(excerpt(text, span)).toEqual({ before: '…chez le client a eu lieu avec ', match: 'M. Durandmark', after: ', qui souhaite un poste assis…' });
    expect(excerpt('M. Durandmark', { start: 0, end: 13 })).toEqual({ before: '', match: 'M. Durandmark', after: '' });
  });
});
