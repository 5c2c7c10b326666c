import { CandidateMentions, WITHHELD } from './candidate-mentions';

describe('CandidateMentions', () => {
  const mentions = new CandidateMentions([
    { firstName: 'Hugo', lastName: 'Dûrandmark', email: 'hugo.d@exemple.fr', phone: '06 12 34 56 78' },
    { firstName: 'Anne', lastName: 'Petit', email: null, phone: null },
    { firstName: 'Inès', lastName: 'de la Roche', email: null, phone: null },
  ]);

  it.each([
    'Rencontré avec Hugo Dûrandmark, santé fragile',
    'H. Dûrandmark convient',
    'Mme DURANDMARK a un souci',
    'durandmark hugo, poste assis',
    'Dürandmark : pas de permis',
    'Durandmark.',
    'Écrire à HUGO.D@exemple.fr',
    'Tél. +33 6 12 34 56 78',
    'Appeler le 06.12.34.56.78',
    'Proposé Mme Petit au gérant',
    'Anne petit viendra lundi',
    'voir avec Mlle De La Roche',
  ])('finds a candidate in « %s »', (text) => {
    expect(mentions.mentions(text)).toBe(true);
    expect(mentions.keep(text)).toBe(WITHHELD);
  });

  it.each([
    'Un petit souci de planning, rappeler le gérant',
    'Durandmarkovitch est un autre nom',
    'Hugo viendra demain',
    'Appeler le 06 12 34 56 00',
    'La roche est friable',
    '',
  ])('leaves « %s » as written', (text) => {
    expect(mentions.mentions(text)).toBe(false);
    expect(mentions.keep(text)).toBe(text);
  });

  it('keeps null, and finds nobody when there is nobody to find', () => {
    expect(mentions.keep(null)).toBeNull();
    expect(new CandidateMentions([]).mentions('Hugo Dûrandmark')).toBe(false);
  });
});
