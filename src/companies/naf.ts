import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { PROJECT_ROOT } from '../common/paths';

const NAF_CODE_FORMAT = /^\d{2}\.\d{2}[A-Z]$/;

/**
 * Brings the spellings found in SIRENE exports and typed by users (`4711D`, `47.11d`, ` 47 11 D `) to
 * INSEE's written form `47.11D`. Null when it is not 4 digits and a letter; whether the code exists is
 * a separate question (`isKnownNafCode`).
 */
export function normalizeNafCode(input: string): string | null {
  const compact = input.replace(/[\s.]/g, '').toUpperCase();
  if (!/^\d{4}[A-Z]$/.test(compact)) return null;
  return `${compact.slice(0, 2)}.${compact.slice(2)}`;
}

let labels: ReadonlyMap<string, string> | undefined;

// Read on first use rather than at import, so that code which never looks up a label never pays for it.
function nafLabels(): ReadonlyMap<string, string> {
  if (!labels) {
    const rows: string[][] = parse(readFileSync(join(PROJECT_ROOT, 'data', 'naf-rev2.csv'), 'utf8'), { from_line: 2 });
    labels = new Map(rows.map(([code, label]) => [code, label]));
  }
  return labels;
}

/** The French label of a NAF rév. 2 sub-class, given in its normalised form (`47.11D`). */
export function nafLabel(code: string): string | undefined {
  return nafLabels().get(code);
}

/** True when the normalised code is one of the 732 NAF rév. 2 sub-classes. */
export function isKnownNafCode(code: string): boolean {
  return nafLabels().has(code);
}

/** Validates an already normalised NAF code (see `normalizeNafCode`) that exists in NAF rév. 2. */
export function IsNafCode(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isNafCode',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options: { message: 'nafCode must be a NAF rév. 2 code such as 47.11D', ...validationOptions },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && NAF_CODE_FORMAT.test(value) && isKnownNafCode(value),
      },
    });
  };
}
