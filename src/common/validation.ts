import { ArgumentMetadata, BadRequestException, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Flattens nested validation errors into `a.b[0].c`-style field paths. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

export class ValidationFailedException extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super(`Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

/** Global pipe: strips nothing silently; unknown fields are refused and named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(fieldProblems(errors)),
  });
}

/** Where in a parsed body or query a string holds a NUL character, which PostgreSQL cannot store. */
function nulPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulPaths(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => nulPaths(item, path ? `${path}.${key}` : key));
  }
  return [];
}

/** Global pipe, before validation: a NUL character anywhere answers 400 naming the field. */
export class RejectNulCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = nulPaths(value, metadata.type === 'param' ? (metadata.data ?? '') : '').map((field) => ({
      field: field || (metadata.data ?? 'value'),
      message: `${field || metadata.data} must not contain the NUL character`,
    }));
    if (problems.length) throw new ValidationFailedException(problems);
    return value;
  }
}

/**
 * PATCH-style inputs mark every field optional, which lets `null` through; for columns that cannot
 * be empty, `null` must be a 400 naming the field rather than a failed write.
 */
export function rejectNulls<T extends object>(input: T, fields: Array<keyof T & string>): void {
  const problems = fields
    .filter((field) => (input as Record<string, unknown>)[field] === null)
    .map((field) => ({ field, message: `${field} cannot be empty` }));
  if (problems.length) throw new ValidationFailedException(problems);
}
