import { codedProblem, ValidationFailedException } from '../../common/validation';
import { RestSettings } from '../../prospection/contact-pressure';
import { frenchOf } from '../../refusals/french';
import { Raw, text, Values } from '../kit/forms';

/** The automatic rest's settings form, as typed (shown again when refused) and as the DTO takes it. */
export interface RestForm {
  values: Values;
  errors: Record<string, string>;
}

export function restFormValues(form: Raw): Values {
  return { attempts: text(form.attempts).trim(), months: text(form.months).trim() };
}

/** Whole numbers as numbers; anything else as typed, for the DTO to refuse on its field. */
export function restInput(values: Values): Record<string, unknown> {
  const number = (value: string) => (/^\d{1,6}$/.test(value) ? Number(value) : value);
  return { attempts: number(values.attempts), months: number(values.months) };
}

export function restFormOf(settings: RestSettings): RestForm {
  return { values: { attempts: String(settings.attempts), months: String(settings.months) }, errors: {} };
}

/** A refused form: each field's French sentence next to it. */
export function refusedRestForm(values: Values, error: ValidationFailedException): RestForm {
  const errors: Record<string, string> = {};
  for (const problem of error.problems) errors[problem.field] ??= frenchOf(codedProblem(problem));
  return { values, errors };
}
