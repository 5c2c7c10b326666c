import { parse } from 'csv-parse/sync';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../common/paths';

/** A ROME code: a letter A to N and four digits, e.g. N1103. */
export const ROME_CODE_FORMAT = /^[A-N]\d{4}$/;

let labels: ReadonlyMap<string, string> | undefined;

// Read on first use: code that never looks up a job sheet never pays for it.
function romeLabels(): ReadonlyMap<string, string> {
  if (!labels) {
    const rows: string[][] = parse(readFileSync(join(PROJECT_ROOT, 'data', 'rome-v3.csv'), 'utf8'), { from_line: 2 });
    labels = new Map(rows.map(([code, label]) => [code, label]));
  }
  return labels;
}

/** The French title of a ROME v3 job sheet (`N1103` → "Magasinage et préparation de commandes"). */
export function romeLabel(code: string): string | undefined {
  return romeLabels().get(code);
}

export function isKnownRomeCode(code: string): boolean {
  return ROME_CODE_FORMAT.test(code) && romeLabels().has(code);
}

/** class-validator: a ROME v3 code that exists. */
export function IsRomeCode(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isRomeCode',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options: { message: `${propertyName.toString()} must be a ROME code such as N1103`, ...validationOptions },
      validator: { validate: (value: unknown) => typeof value === 'string' && isKnownRomeCode(value) },
    });
  };
}
