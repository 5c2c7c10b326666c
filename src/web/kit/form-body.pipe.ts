import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedException } from '../../common/validation';
import { pick, Raw, validated, Values } from './forms';

/**
 * A posted form, read once by the pipe: the values as typed (to show the form again) and the DTO
 * they make, checked like the JSON API's. `valid()` gives the DTO or throws the 400 naming the
 * fields, so that a page handles it in the same `catch` as the services' refusals.
 */
export interface PostedForm<T extends object, V = Values> {
  readonly values: V;
  /** The posted body as Express parsed it, for what a form reads beyond its values (lists of checkboxes). */
  readonly raw: Raw;
  valid(): T;
}

/*
 * An interface, not a class: a parameter typed with a class would be checked again by the global
 * ValidationPipe against that class (and every posted field refused as unknown).
 */
function postedForm<T extends object, V>(values: V, raw: Raw, input: T | null, refusal: Error | null): PostedForm<T, V> {
  return {
    values,
    raw,
    valid() {
      if (refusal) throw refusal;
      return input as T;
    },
  };
}

/** What a form's reading may need beyond the posted body: the business clock, set once at boot. */
export interface FormContext {
  timeZone: string;
}

let context: FormContext = { timeZone: 'Europe/Paris' };

/** Called once at boot, beside the view helpers. */
export function configureForms(settings: FormContext): void {
  context = { ...settings };
}

interface FormInput<T extends object> {
  /** The DTO the API checks the same input with. */
  dto: new () => T;
}

/** A form of plain text fields. */
export interface FieldsFormSpec<T extends object> extends FormInput<T> {
  /** The inputs the form shows again, as typed. */
  fields: readonly string[];
  /** From the typed values to the DTO's plain shape (numbers, lists, empty as absent...); the values themselves by default. */
  toInput?: (values: Values, raw: Raw, context: FormContext) => Record<string, unknown>;
}

/** A form with a shape of its own (repeated rows, lists of checkboxes). */
export interface ShapedFormSpec<T extends object, V> extends FormInput<T> {
  read: (raw: Raw) => V;
  toInput: (values: V, raw: Raw, context: FormContext) => Record<string, unknown>;
}

export type FormSpec<T extends object, V = Values> = FieldsFormSpec<T> | ShapedFormSpec<T, V>;

/**
 * `@Body(new FormBody(spec)) form: PostedForm<Dto>`: replaces the hand calls of `pick(...)` and
 * `validated(...)`. A refusal found while shaping the input (a `ValidationFailedException` thrown by
 * `toInput`, such as an impossible date) is kept like the DTO's own.
 */
@Injectable()
export class FormBody<T extends object, V = Values> implements PipeTransform<unknown, Promise<PostedForm<T, V>>> {
  constructor(private readonly spec: FormSpec<T, V>) {}

  async transform(body: unknown): Promise<PostedForm<T, V>> {
    const raw = (body && typeof body === 'object' ? body : {}) as Raw;
    const spec = this.spec;
    let values: V;
    let toInput: (values: V) => Record<string, unknown>;
    if ('read' in spec) {
      values = spec.read(raw);
      toInput = (typed) => spec.toInput(typed, raw, context);
    } else {
      values = pick(raw, spec.fields) as V;
      toInput = (typed) => (spec.toInput ? spec.toInput(typed as Values, raw, context) : (typed as Record<string, unknown>));
    }
    try {
      return postedForm(values, raw, await validated(spec.dto, toInput(values)), null);
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      return postedForm<T, V>(values, raw, null, error);
    }
  }
}
