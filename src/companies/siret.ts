import { registerDecorator, ValidationOptions } from 'class-validator';

const LA_POSTE_SIREN = '356000000';

/** Removes the separators people paste SIRETs with: spaces (including non-breaking ones), dots, dashes. */
export function normalizeSiret(input: string): string {
  // `\s` also covers U+00A0 and U+202F, the non-breaking spaces French formatting puts between digit groups.
  return input.replace(/[\s.-]/g, '');
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Every second digit counting from the right is doubled; the rightmost one is the check digit.
    const doubled = (digits.length - i) % 2 === 0;
    const digit = Number(digits[i]) * (doubled ? 2 : 1);
    sum += digit > 9 ? digit - 9 : digit;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  return [...digits].reduce((sum, digit) => sum + Number(digit), 0);
}

/**
 * True for 9 digits with a valid Luhn check digit, other than 000000000 (which passes Luhn but names
 * no company). La Poste's SIREN 356000000 passes Luhn like any other.
 */
export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && siren !== '000000000' && passesLuhn(siren);
}

/**
 * True for 14 digits whose SIREN (first 9) is valid on its own and whose whole passes Luhn: a SIRET
 * whose own key works but whose SIREN's does not (12345678900007) names no company. La Poste is
 * INSEE's one exception: its head office (35600000000048) follows Luhn, but its many establishments
 * were numbered with a digit sum that is a multiple of 5 instead, so those are accepted too.
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret) || !isValidSiren(sirenOf(siret))) return false;
  if (passesLuhn(siret)) return true;
  return sirenOf(siret) === LA_POSTE_SIREN && digitSum(siret) % 5 === 0;
}

function checkDigit(digits: string): string {
  return [...'0123456789'].find((digit) => passesLuhn(digits + digit))!;
}

/** Completes 8 digits with the check digit that makes them a valid SIREN (for generated data). */
export function sirenWithCheckDigit(eightDigits: string): string {
  if (!/^\d{8}$/.test(eightDigits) || eightDigits === '00000000') throw new RangeError('sirenWithCheckDigit needs 8 digits, not all zero');
  return eightDigits + checkDigit(eightDigits);
}

/**
 * Completes a valid SIREN and 4 digits of NIC with the check digit that makes them a valid SIRET: for
 * demo data and generated test sets, which must pass the same validation as real ones.
 */
export function withCheckDigit(thirteenDigits: string): string {
  if (!/^\d{13}$/.test(thirteenDigits)) throw new RangeError('withCheckDigit needs 13 digits');
  if (!isValidSiren(sirenOf(thirteenDigits))) throw new RangeError('withCheckDigit needs a valid SIREN first (see sirenWithCheckDigit)');
  return thirteenDigits + checkDigit(thirteenDigits);
}

/** The SIREN (the company) is the first 9 digits of the SIRET (one of its establishments). */
export function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}

/** Validates an already normalised SIRET (see `normalizeSiret`, typically applied by a transform first). */
export function IsSiret(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isSiret',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options: { message: 'siret must be 14 digits with a valid check digit (Luhn)', ...validationOptions },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidSiret(value),
      },
    });
  };
}
