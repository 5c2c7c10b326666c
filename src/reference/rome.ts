import { parse } from 'csv-parse/sync';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../common/paths';
import { normalizeSearchText } from '../companies/company-name';

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

/** A ROME appellation (a job title as people say it) and the job sheet it belongs to. */
export interface RomeAppellation {
  label: string;
  romeCode: string;
  romeLabel: string;
}

let appellations: ReadonlyArray<RomeAppellation & { folded: string }> | undefined;

function romeAppellations() {
  if (!appellations) {
    const rows: string[][] = parse(readFileSync(join(PROJECT_ROOT, 'data', 'rome-appellations.csv'), 'utf8'), { from_line: 2 });
    appellations = rows
      .filter(([, label, code]) => label && ROME_CODE_FORMAT.test(code ?? ''))
      .map(([, label, code]) => ({ label, romeCode: code, romeLabel: romeLabel(code) ?? '', folded: normalizeSearchText(`${label} ${code}`) }));
  }
  return appellations;
}

/**
 * The ROME appellations matching typed words (every word, in any order, case and accents ignored;
 * a ROME code matches too), those whose title starts with the first word first, then shortest first.
 */
export function searchRomeAppellations(q: string, limit = 10): RomeAppellation[] {
  const words = normalizeSearchText(q).split(' ').filter(Boolean).slice(0, 6);
  if (!words.length || words.join('').length < 2) return [];
  const found = romeAppellations().filter((entry) => words.every((word) => entry.folded.includes(word)));
  const starts = (entry: { folded: string }) => (entry.folded.startsWith(words[0]) ? 0 : 1);
  return found
    .sort((a, b) => starts(a) - starts(b) || a.label.length - b.label.length || a.label.localeCompare(b.label, 'fr'))
    .slice(0, limit)
    .map(({ label, romeCode, romeLabel: sheet }) => ({ label, romeCode, romeLabel: sheet }));
}
