import { frenchLongDate, ofName } from './french';

describe('ofName', () => {
  it.each([
    ['Les Jardins du Lien', 'des Jardins du Lien'],
    ['les Jardins', 'des Jardins'],
    ['Le Relais 44', 'du Relais 44'],
    ['La Ressourcerie', 'de la Ressourcerie'],
    ['L’Atelier', 'de l’Atelier'],
    ["L'Atelier du Bois", 'de l’Atelier du Bois'],
    ['Envie Nantes', 'd’Envie Nantes'],
    ['ACI Les Jardins', 'd’ACI Les Jardins'],
    ['Écoval', 'd’Écoval'],
    ['Tremplin', 'de Tremplin'],
    ['Habitat et Humanisme', 'de Habitat et Humanisme'],
    // Words that merely start like an article are not one.
    ['Lacs et Forêts', 'de Lacs et Forêts'],
    ['Leroy Insertion', 'de Leroy Insertion'],
    ['  Le Relais  ', 'du Relais'],
  ])('%s → %s', (name, expected) => {
    expect(ofName(name)).toBe(expected);
  });
});

describe('frenchLongDate', () => {
  it.each([
    ['2026-12-04', '4 décembre 2026'],
    ['2026-03-01', '1er mars 2026'],
    ['2027-02-28', '28 février 2027'],
    ['2026-08-11', '11 août 2026'],
  ])('%s → %s', (day, expected) => {
    expect(frenchLongDate(day)).toBe(expected);
  });
});
