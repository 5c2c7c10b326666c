import { ArgumentMetadata, BadRequestException, ConflictException, HttpException, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidateBy } from 'class-validator';
import { RefusalDef } from '../refusals/define';
import { FIELD, ParamsOf, RefusalCode } from '../refusals/index';

/** A field at fault: the English message for API clients, the code and parameters of its French sentence. */
export interface FieldProblem {
  field: string;
  message: string;
  code?: RefusalCode;
  params?: Record<string, unknown>;
}

/** The keys a parameters type requires. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** A code whose sentence needs nothing but the field: the only kind a decorator can give (it knows no other value). */
type FieldOnly<C extends RefusalCode> = [Exclude<RequiredKeys<ParamsOf<C>>, 'field'>] extends [never] ? unknown : { needsMoreParams: never };

const REFUSE_AS = 'refuseAs';

/**
 * The code a DTO field answers with whatever check it fails (its French sentence then says, once,
 * what the field accepts); the generic code of the failed check otherwise. It is kept among the
 * field's class-validator metadata (a check that always passes), so that Nest's mapped types
 * (`PartialType`, `OmitType`...) carry it to the classes they build, as they carry the checks.
 * Only on a field the class declares itself: class-validator keeps one class's checks per field, so
 * on an inherited field it would hide the parent's checks (use `@RefuseFieldsAs` on the subclass).
 */
export function RefuseAs<C extends RefusalCode>(def: RefusalDef<C, object> & FieldOnly<C>): PropertyDecorator {
  return ValidateBy({ name: REFUSE_AS, constraints: [def.code], validator: { validate: () => true } });
}

/**
 * The code of one check of a field, when the field says different things for different checks:
 * `@MaxLength(500, refusedAs(PRIVACY.reasonTooLong))`.
 */
export function refusedAs<C extends RefusalCode>(def: RefusalDef<C, object> & FieldOnly<C>): { context: { refusal: RefusalCode } } {
  return { context: { refusal: def.code } };
}

const CLASS_CODES = Symbol('refusal codes of a class');

/**
 * A subclass that says its inherited fields differently (`@RefuseAs` on a subclass would hide the
 * parent's checks of that field: class-validator keeps one class's checks per field).
 */
export function RefuseFieldsAs(codes: Record<string, RefusalDef<RefusalCode, { field?: string }>>): ClassDecorator {
  return (target) => {
    const inherited = (Reflect.getMetadata(CLASS_CODES, target) as Record<string, RefusalCode> | undefined) ?? {};
    const own = Object.fromEntries(Object.entries(codes).map(([field, def]) => [field, def.code]));
    Reflect.defineMetadata(CLASS_CODES, { ...inherited, ...own }, target);
  };
}

/** The code a field declared: its class's `@RefuseFieldsAs`, else its `@RefuseAs` (own class first, else inherited). */
function declaredCode(target: object | undefined, property: string): RefusalCode | undefined {
  if (!target) return undefined;
  const classCodes = Reflect.getMetadata(CLASS_CODES, target.constructor) as Record<string, RefusalCode> | undefined;
  if (classCodes?.[property]) return classCodes[property];
  const declared = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .filter((metadata) => metadata.propertyName === property && metadata.name === REFUSE_AS);
  const own = declared.find((metadata) => metadata.target === target.constructor) ?? declared[0];
  return own?.constraints?.[0] as RefusalCode | undefined;
}

/** The bound a check was declared with (`@MaxLength(200)` → 200), for the sentence's parameters. */
function bound(target: object | undefined, property: string, check: string): number | undefined {
  if (!target) return undefined;
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((candidate) => candidate.propertyName === property && candidate.name === check);
  const value = metadata?.constraints?.[0];
  return typeof value === 'number' ? value : undefined;
}

/** The code and parameters of one failed check of one field. */
function codeOf(error: ValidationError, check: string, field: string): Pick<FieldProblem, 'code' | 'params'> {
  // Hidden characters are named as such whatever the field: retyping is the fix.
  if (check === 'isName') return { code: FIELD.hiddenCharacters.code, params: { field } };
  if (check === 'whitelistValidation') return { code: FIELD.unknown.code, params: { field } };
  const ofCheck = (error.contexts?.[check] as { refusal?: RefusalCode } | undefined)?.refusal;
  if (ofCheck) return { code: ofCheck, params: { field } };
  const declared = declaredCode(error.target, error.property);
  if (declared) return { code: declared, params: { field } };
  switch (check) {
    case 'isNotEmpty':
    case 'isDefined':
      return { code: FIELD.required.code, params: { field } };
    case 'maxLength':
      return { code: FIELD.tooLong.code, params: { field, max: bound(error.target, error.property, check) ?? 0 } };
    case 'arrayMaxSize':
      return { code: FIELD.tooMany.code, params: { field, max: bound(error.target, error.property, check) ?? 0 } };
    case 'min':
    case 'max':
      return { code: FIELD.outOfRange.code, params: { field } };
    case 'isDay':
      return { code: FIELD.notADay.code, params: { field } };
    case 'isInstant':
      return { code: FIELD.notAnInstant.code, params: { field } };
    default:
      return { code: FIELD.invalid.code, params: { field } };
  }
}

/** Flattens nested validation errors into `a.b[0].c`-style field paths, each with its code. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([check, message]) => ({ field, message, ...codeOf(error, check, field) }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** A problem with its code, the generic one of a field when none was given. */
export function codedProblem(problem: FieldProblem): Required<FieldProblem> {
  return { ...problem, code: problem.code ?? FIELD.invalid.code, params: problem.params ?? { field: problem.field } };
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
    // The target names the DTO whose fields declare their refusal codes; it never leaves fieldProblems.
    validationError: { target: true, value: false },
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
        code: problem === 'nul' ? FIELD.nulCharacter.code : FIELD.tooDeep.code,
        params: { field },
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
    .map((field) => ({ field, message: `${field} cannot be empty`, code: FIELD.required.code, params: { field } }));
  if (problems.length) throw new ValidationFailedException(problems);
}
