import { normalizeCompanyName, normalizeSearchText } from './company-name';

describe('normalizeSearchText', () => {
  it.each([
    ['Boulangerie Dupont', 'boulangerie dupont'],
    ['  Boulangerie   DUPONT  ', 'boulangerie dupont'],
    ['Électricité Générale Çà et Là', 'electricite generale ca et la'],
    ["L'Atelier du Coin", 'l atelier du coin'],
    ['L’Atelier du Coin', 'l atelier du coin'],
    ['Dupont & Fils', 'dupont et fils'],
    ['Dupont&Fils', 'dupont et fils'],
    ['Saint-Étienne Métropole', 'saint etienne metropole'],
    ['Les Œuvres de Lætitia', 'les oeuvres de laetitia'],
    ['Garage (Nord) – ZA n°3, bât. B', 'garage nord za n 3 bat b'],
    ['Dupont S.A.R.L.', 'dupont sarl'],
    ['A.B.C. Services', 'abc services'],
    ['Dupont SARL', 'dupont sarl'],
    ['Boulangerie\u00a0Dupont', 'boulangerie dupont'],
    ['', ''],
    ['  - ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });
});

describe('normalizeCompanyName', () => {
  it.each([
    ['Boulangerie Dupont SARL', 'boulangerie dupont'],
    ['boulangerie  dupont', 'boulangerie dupont'],
    ['BOULANGERIE DUPONT S.A.R.L.', 'boulangerie dupont'],
    ['Boulangerie Dupont (SARL)', 'boulangerie dupont'],
    ['SAS Nettoyage Pro', 'nettoyage pro'],
    ['Nettoyage Pro SASU', 'nettoyage pro'],
    ['Ets Martin & Fils', 'martin et fils'],
    ['Établissements Martin et Fils', 'martin et fils'],
    ['Association Tremplin Emploi', 'tremplin emploi'],
    ['SCI Les Lilas', 'les lilas'],
    ['Scop Bâtir', 'batir'],
    ['SELARL Docteur Petit', 'docteur petit'],
    ['Garage Dupont EIRL', 'garage dupont'],
    ['Dupont EI', 'dupont'],
    ['SA Transports Leroy', 'transports leroy'],
    // Whole words only: legal forms inside other words stay.
    ['Sasso Traiteur', 'sasso traiteur'],
    ['Saveurs Sarladaises', 'saveurs sarladaises'],
    ['Scierie du Jura', 'scierie du jura'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });

  it('gives the same key to spellings of one employer', () => {
    const spellings = ["L'Atelier Dupont SARL", 'l’atelier dupont', 'L ATELIER DUPONT S.A.R.L'];
    expect(new Set(spellings.map(normalizeCompanyName)).size).toBe(1);
  });
});
