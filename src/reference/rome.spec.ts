import { validateSync } from 'class-validator';
import { IsRomeCode, isKnownRomeCode, romeLabel } from './rome';

describe('ROME v3 codes', () => {
  it.each([
    ['N1103', true],
    ['K2204', true],
    ['M1805', true],
    ['A1101', true],
    ['Z1101', false],
    ['N110', false],
    ['n1103', false],
    ['N9999', false],
    ['', false],
  ])('%s known: %s', (code, known) => {
    expect(isKnownRomeCode(code)).toBe(known);
  });

  it('gives the job sheet title', () => {
    expect(romeLabel('N1103')).toBe('Magasinage et préparation de commandes');
    expect(romeLabel('K2204')).toBe('Nettoyage de locaux');
  });

  it('validates as a decorator, naming the field', () => {
    class Lead {
      @IsRomeCode() romeCode!: unknown;
    }
    const lead = Object.assign(new Lead(), { romeCode: 'X1234' });
    expect(validateSync(lead)[0].constraints).toEqual({ isRomeCode: 'romeCode must be a ROME code such as N1103' });
    expect(validateSync(Object.assign(new Lead(), { romeCode: 'N1103' }))).toEqual([]);
  });
});
