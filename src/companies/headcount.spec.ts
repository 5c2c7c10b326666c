import { HEADCOUNT_CODES, headcountLabel } from './headcount';

describe('headcount bands', () => {
  it('lists the 16 INSEE codes in increasing order of size', () => {
    expect(HEADCOUNT_CODES).toEqual([
      ...['NN', '00', '01', '02', '03', '11', '12', '21', '22', '31', '32'],
      ...['41', '42', '51', '52', '53'],
    ]);
  });

  it.each([
    ['NN', 'Non renseigné / unités non employeuses'],
    ['01', '1 ou 2 salariés'],
    ['12', '20 à 49 salariés'],
    ['53', '10 000 salariés et plus'],
    ['99', undefined],
  ])('%s → %s', (code, label) => {
    expect(headcountLabel(code)).toBe(label);
  });
});
