import { validateSync } from 'class-validator';
import { IsSiret, isValidSiren, isValidSiret, normalizeSiret, sirenOf, sirenWithCheckDigit, withCheckDigit } from './siret';

describe('isValidSiret', () => {
  it.each([
    ['73282932000074', true, 'Luhn-valid'],
    ['44306184100047', true, 'Luhn-valid'],
    ['55210055400013', true, 'Luhn-valid'],
    ['73282932000075', false, 'last digit off by one'],
    ['44306184100074', false, 'two digits swapped'],
    ['12345678912345', false, 'digit sum is a multiple of 5, but it is not La Poste'],
    ['7328293200007', false, '13 digits'],
    ['732829320000740', false, '15 digits'],
    ['7328293200007A', false, 'a letter'],
    ['732 829 320 00074', false, 'not normalised'],
    ['', false, 'empty'],
    ['35600000000048', true, 'La Poste head office, Luhn-valid'],
    ['35600000049837', true, 'La Poste, fails Luhn, digit sum 45'],
    ['35600000000010', true, 'La Poste, fails Luhn, digit sum 15'],
    ['35600000049836', false, 'La Poste, fails Luhn, digit sum 44'],
    ['35600000000049', false, 'La Poste, fails Luhn, digit sum 27'],
    ['00000000000000', false, 'all zeros: passes Luhn, names no company'],
    ['00000000000018', false, 'SIREN 000000000 with a NIC: passes Luhn, names no company'],
    ['12345678900007', false, 'passes Luhn, but its SIREN 123456789 fails its own key'],
    ['73282932100007', false, 'passes Luhn, but its SIREN 732829321 fails its own key'],
  ])('%s → %s (%s)', (siret, valid) => {
    expect(isValidSiret(siret)).toBe(valid);
  });
});

describe('isValidSiren', () => {
  it.each([
    ['732829320', true, 'Luhn-valid'],
    ['356000000', true, 'La Poste, Luhn-valid like any other'],
    ['123456789', false, 'fails Luhn'],
    ['000000000', false, 'all zeros'],
    ['73282932', false, '8 digits'],
  ])('%s → %s (%s)', (siren, valid) => {
    expect(isValidSiren(siren)).toBe(valid);
  });
});

describe('normalizeSiret', () => {
  it.each([
    ['732 829 320 00074', '73282932000074'],
    ['732.829.320.00074', '73282932000074'],
    ['732-829-320-00074', '73282932000074'],
    ['732\u00a0829\u00a0320\u00a000074', '73282932000074'],
    ['732\u202f829\u202f320\u202f00074', '73282932000074'],
    [' 73282932000074\t', '73282932000074'],
    ['7328293200007A', '7328293200007A'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeSiret(input)).toBe(expected);
  });

  it('makes a pasted SIRET valid', () => {
    expect(isValidSiret(normalizeSiret('356 000 000 49837'))).toBe(true);
  });
});

describe('withCheckDigit', () => {
  it.each([['7328293200007', '73282932000074'], ['4430618410004', '44306184100047']])('%s → %s', (digits, siret) => {
    expect(withCheckDigit(digits)).toBe(siret);
  });

  it('always yields a valid SIRET from a SIREN completed by sirenWithCheckDigit', () => {
    for (let n = 0; n < 200; n++) {
      const siren = sirenWithCheckDigit(String(10_000_000 + n * 437_113));
      expect(isValidSiren(siren)).toBe(true);
      expect(isValidSiret(withCheckDigit(siren + String(n).padStart(4, '0')))).toBe(true);
    }
  });

  it('refuses anything but 13 digits, and a SIREN that fails its own key', () => {
    expect(() => withCheckDigit('123')).toThrow(RangeError);
    expect(() => withCheckDigit('1234567890000')).toThrow(RangeError);
    expect(() => sirenWithCheckDigit('00000000')).toThrow(RangeError);
  });
});

describe('sirenOf', () => {
  it('is the first 9 digits', () => {
    expect(sirenOf('73282932000074')).toBe('732829320');
  });
});

describe('@IsSiret', () => {
  class Input {
    @IsSiret()
    siret!: unknown;
  }
  class Custom {
    @IsSiret({ message: 'SIRET invalide' })
    siret!: unknown;
  }

  function problems<T extends object>(type: new () => T, siret: unknown): string[] {
    const input = Object.assign(new type(), { siret });
    return validateSync(input).flatMap((error) => Object.values(error.constraints ?? {}));
  }

  it.each([['73282932000074'], ['35600000049837']])('accepts %s', (siret) => {
    expect(problems(Input, siret)).toEqual([]);
  });

  it.each([['73282932000075'], ['732 829 320 00074'], [73282932000074], [null]])('refuses %j', (siret) => {
    expect(problems(Input, siret)).toEqual(['siret must be 14 digits with a valid check digit (Luhn)']);
  });

  it('takes a custom message', () => {
    expect(problems(Custom, '123')).toEqual(['SIRET invalide']);
  });
});
