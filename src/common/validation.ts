import { ArgumentMetadata, BadRequestException, ConflictException, HttpException, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';

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

/** A refusal that is not a 400 but still names the field at fault (413: file too large; 429: too many imports). */
export class FieldRefusedException extends HttpException {
  constructor(
    status: number,
    readonly problems: FieldProblem[],
  ) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '), status);
  }
}

/**
 * A 409 about the current state of other records, naming the field whose value collides with them.
 * A ConflictException still, so that the pages treat it as every other conflict.
 */
export class FieldConflictException extends ConflictException {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => problem.message).join('; '));
  }
}

/** The refusals other than 400 that carry the fields they concern. */
export function namedFieldRefusal(error: unknown): error is FieldRefusedException | FieldConflictException {
  return error instanceof FieldRefusedException || error instanceof FieldConflictException;
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

/** Deeper than any input of ours; nesting past it is refused before anything walks it recursively. */
export const MAX_INPUT_DEPTH = 20;

/**
 * Where in a parsed body or query a string holds a NUL character, which PostgreSQL cannot store,
 * and where the input nests deeper than MAX_INPUT_DEPTH. Walked with an explicit stack, so that a
 * body of thousands of nested arrays cannot overflow the call stack.
 */
function inputProblems(input: unknown, root: string): Array<{ path: string; problem: 'nul' | 'depth' }> {
  const found: Array<{ path: string; problem: 'nul' | 'depth' }> = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: input, path: root, depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) found.push({ path, problem: 'nul' });
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      found.push({ path, problem: 'depth' });
      continue;
    }
    const children: Array<[string, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [`${path}[${index}]`, item])
      : Object.entries(value).map(([key, item]) => [path ? `${path}.${key}` : key, item]);
    // Reversed onto the stack, so that problems come out in the input's order.
    for (let index = children.length - 1; index >= 0; index -= 1) {
      stack.push({ value: children[index][1], path: children[index][0], depth: depth + 1 });
    }
  }
  return found;
}

/** Global pipe, before validation: a NUL character anywhere, or nesting too deep, answers 400 naming the field. */
export class RejectNulCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = inputProblems(value, metadata.type === 'param' ? (metadata.data ?? '') : '').map(({ path, problem }) => {
      const field = path || (metadata.data ?? 'value');
      return {
        field,
        message: problem === 'nul' ? `${field} must not contain the NUL character` : `${field} is nested too deeply`,
      };
    });
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
