import { HttpException } from '@nestjs/common';
import { codedProblem, FieldProblem, namedFieldRefusal, ValidationFailedException } from '../common/validation';
import { RefusalDef } from '../refusals/define';
import { frenchOf } from '../refusals/french';
import { LEAD, RefusalCode } from '../refusals/index';
import { isCodedRefusal } from '../refusals/refused';
import { Values } from './kit/forms';

export { option, pick, text, UUID } from './kit/forms';
export type { Raw, Values } from './kit/forms';

/** What a form shows again after a refused post: what was typed, and the French problems. */
export interface FormState {
  values: Values;
  errors: Record<string, string>;
  alert?: string;
}


/** A posted field that may be repeated (checkboxes), as a list. */
export function many(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A textarea as a list: one item a line, blank lines dropped. */
export function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A comma- or line-separated list. */
export function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** '' → undefined; digits → a number; anything else as typed, so that validation names the field. */
export function wholeNumber(value: string | undefined): number | string | undefined {
  const trimmed = (value ?? '').trim();
  if (!trimmed) return undefined;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** '' → undefined, anything else trimmed. */
export function optional(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim();
  return trimmed ? trimmed : undefined;
}

export function version(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed >= 1 ? parsed : undefined;
}

export { isFormRefusal, validated } from './kit/forms';

// ---------------------------------------------------------------- French messages

/**
 * Problems another domain still names without a code (the staff check of `ownerId`): the form's
 * own sentence for the field.
 */
const UNCODED_FIELDS: Record<string, RefusalDef<RefusalCode, { field: string }>> = { ownerId: LEAD.ownerInvalid };

/** The French sentence of one problem the services or the DTOs named, from its code. */
export function fieldMessageFr(problem: FieldProblem): string {
  const fallback = problem.code ? undefined : UNCODED_FIELDS[problem.field];
  return frenchOf(fallback ? { code: fallback.code, params: { field: problem.field } } : codedProblem(problem));
}

/** `wantedJobs[2].romeCode` → `wantedRome2`: the form's inputs for the wanted jobs, by row. */
function wantedJobInput(field: string): string {
  return field.replace(/^wantedJobs\[(\d+)\]\.(label|romeCode)$/, (_, index, part) => (part === 'romeCode' ? `wantedRome${index}` : `wantedLabel${index}`));
}

/**
 * Field problems as `{ inputName: French message }` (first problem per field); `names` renames DTO
 * fields to the form's input names. Problems no input shows go to `others`.
 */
export function problemsFr(problems: FieldProblem[], shown: readonly string[], names: Record<string, string> = {}) {
  const errors: Record<string, string> = {};
  const others: string[] = [];
  for (const problem of problems) {
    const input = names[problem.field] ?? wantedJobInput(problem.field);
    const message = fieldMessageFr(problem);
    if (!shown.includes(input)) others.push(message);
    else errors[input] ??= message;
  }
  return { errors, others: [...new Set(others)] };
}

/** The French sentence of a 409 or 422 from the lead, proposal and placement services, from its code. */
export function conflictMessageFr(error: HttpException): string {
  if (isCodedRefusal(error)) return frenchOf(error.refusal);
  if (namedFieldRefusal(error) && error.problems.length) return fieldMessageFr(error.problems[0]);
  return 'L’opération n’a pas pu être enregistrée : rechargez la page et réessayez.';
}

/** A refused post as a form state: French messages next to the fields, or one alert. */
export function refusal(error: HttpException, values: Values, shown: readonly string[], names: Record<string, string> = {}): FormState {
  if (error instanceof ValidationFailedException) {
    const { errors, others } = problemsFr(error.problems, shown, names);
    return {
      values,
      errors,
      alert: others.length ? others.join(' ') : 'Certaines informations sont à corriger : voir les messages à côté des champs.',
    };
  }
  return { values, errors: {}, alert: conflictMessageFr(error) };
}
