import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedException } from '../../common/validation';
import { pick, Raw, validated, Values } from './forms';

/**
 * A posted form, read once by the pipe: the values as typed (to show the form again) and the DTO
 * they make, checked like the JSON API's. `valid()` gives the DTO or throws the 400 naming the
 * fields, so that a page handles it in the same `catch` as the services' refusals.
 */
export interface PostedForm<T extends object> {
  readonly values: Values;
  valid(): T;
}

/*
 * An interface, not a class: a parameter typed with a class would be checked again by the global
 * ValidationPipe against that class (and every posted field refused as unknown).
 */
function postedForm<T extends object>(values: Values, input: T | null, refusal: ValidationFailedException | null): PostedForm<T> {
  return {
    values,
    valid() {
      if (refusal) throw refusal;
      return input as T;
    },
  };
}

export interface FormSpec<T extends object> {
  /** The inputs the form shows again, as typed. */
  fields: readonly string[];
  /** The DTO the API checks the same input with. */
  dto: new () => T;
  /** From the typed values to the DTO's plain shape (numbers, lists, empty as absent...); the values themselves by default. */
  toInput?: (values: Values, raw: Raw) => Record<string, unknown>;
}

/** `@Body(new FormBody(spec)) form: PostedForm<Dto>`: replaces the hand calls of `pick(...)` and `validated(...)`. */
@Injectable()
export class FormBody<T extends object> implements PipeTransform<unknown, Promise<PostedForm<T>>> {
  constructor(private readonly spec: FormSpec<T>) {}

  async transform(body: unknown): Promise<PostedForm<T>> {
    const raw = (body && typeof body === 'object' ? body : {}) as Raw;
    const values = pick(raw, this.spec.fields);
    try {
      const input = await validated(this.spec.dto, this.spec.toInput ? this.spec.toInput(values, raw) : values);
      return postedForm(values, input, null);
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      return postedForm<T>(values, null, error);
    }
  }
}
