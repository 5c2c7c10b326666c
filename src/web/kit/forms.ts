import { ConflictException, HttpException, UnprocessableEntityException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldProblems, ValidationFailedException } from '../../common/validation';

/** A posted form or a query string, as Express parses it. */
export type Raw = Record<string, unknown>;
/** Form fields as the page shows them again. */
export type Values = Record<string, string>;

/** An id as pages receive it in links and forms. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A posted or queried value as trimmed text ('' when absent or not text). */
export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The posted values of the named fields, as strings (what the form shows again). */
export function pick(form: Raw, fields: readonly string[]): Values {
  return Object.fromEntries(fields.map((field) => [field, typeof form[field] === 'string' ? (form[field] as string) : '']));
}

/** A `<select>` option. */
export function option(value: string, label: string, selected: string) {
  return { value, label, selected: value === selected };
}

/** Validates a DTO built by hand from a form, like the global pipe does for the JSON API. */
export async function validated<T extends object>(type: new () => T, plain: Record<string, unknown>): Promise<T> {
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: true, value: false },
  });
  if (errors.length) throw new ValidationFailedException(fieldProblems(errors));
  return instance;
}

/** Which kind of refusal a page can explain in French; anything else goes to the error page. */
export function isFormRefusal(error: unknown): error is HttpException {
  return (
    error instanceof ValidationFailedException ||
    error instanceof ConflictException ||
    error instanceof UnprocessableEntityException
  );
}
