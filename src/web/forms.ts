import { ConflictException, HttpException, UnprocessableEntityException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldProblems, ValidationFailedException } from '../common/validation';

/** Validates a DTO built by hand from a form, like the global pipe does for the JSON API. */
export async function validated<T extends object>(type: new () => T, plain: Record<string, unknown>): Promise<T> {
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
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

export function errorMessage(error: HttpException): string {
  const response = error.getResponse();
  return typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
}
