import { LogActivityDto } from '../../prospection/dto/activity.dto';
import { MoveCompanyDto } from '../../prospection/dto/move.dto';
import { FieldsFormSpec } from '../kit/form-body.pipe';
import { ConflictException, HttpException } from '@nestjs/common';
import { FieldProblem, ValidationFailedException } from '../../common/validation';
import { COMPANY, PROSPECTION } from '../../refusals/index';
import { because } from '../../refusals/refused';
import { Raw, text, Values } from '../kit/forms';
import { fromLocalInput, OUTCOME_TYPES } from './company-call.view';
import { conflictFr, problemsFr } from './company.view';

/** What a form shows again after a refused post: what was typed, and the French problems. */
export interface FormState {
  values: Values;
  errors: Record<string, string>;
  alert?: string;
  alertLink?: { href: string; label: string };
  /** Checked objection keys (activity form). */
  objections?: string[];
}

export type CompanyForm = 'edit' | 'stage' | 'next' | 'contact' | 'activity' | 'contacts' | 'pressure';

export const COMPANY_FIELDS = [
  'name',
  'siret',
  'nafCode',
  'sectorLabel',
  'headcountBand',
  'address',
  'postcode',
  'commune',
  'territory',
  'website',
  'phone',
  'source',
  'ownerId',
  'tags',
  'notes',
] as const;

export const COMPANY_EDIT_FIELDS = [...COMPANY_FIELDS, 'version'] as const;
export const NEXT_ACTION_FIELDS = ['type', 'dueOn', 'time', 'ownerId', 'contactId', 'note'] as const;
export const NEXT_ACTION_FORM_FIELDS = [...NEXT_ACTION_FIELDS, 'version'] as const;
export const CONTACT_FIELDS = ['firstName', 'lastName', 'jobTitle', 'email', 'phone', 'preferredChannel', 'decisionMaker', 'emailOptOut', 'notes'] as const;
export const ACTIVITY_FIELDS = [
  'type',
  'outcome',
  'occurredAt',
  'contactId',
  'candidateId',
  'text',
  'stageId',
  'nextType',
  'nextDueOn',
  'nextOwnerId',
  'scriptVersionId',
  'noScript',
  'refusalReason',
  'objections',
] as const;

/** The activity form's next-action inputs, by the DTO fields they fill. */
export const ACTIVITY_INPUT_NAMES = { 'nextAction.type': 'nextType', 'nextAction.dueOn': 'nextDueOn', 'nextAction.ownerId': 'nextOwnerId' };

/** A posted field that may be repeated (checkboxes), as a list. */
export function many(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A posted record version (optimistic locking): a whole number from 1, else absent. */
export function version(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed >= 1 ? parsed : undefined;
}

/** The company fields of a form as the DTOs take them: blanks clear, '' owner means unassigned. */
export function companyInput(values: Values): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of COMPANY_FIELDS) input[field] = values[field];
  input.ownerId = values.ownerId ? values.ownerId : null;
  if (!values.source) delete input.source;
  return input;
}

/** The edit form: the company fields and the version it was read at. */
export function companyEditInput(values: Values): Record<string, unknown> {
  return { ...companyInput(values), version: version(values.version) };
}

/** The next action form as SetNextActionDto takes it: no time, no owner and no contact (« Avec ») as null. */
export function nextActionInput(values: Values): Record<string, unknown> {
  return {
    type: values.type,
    dueOn: values.dueOn,
    time: values.time ? values.time : null,
    ownerId: values.ownerId ? values.ownerId : null,
    contactId: values.contactId ? values.contactId : null,
    note: values.note,
    version: version(values.version),
  };
}

/** The new contact form as CreateContactDto takes it: checkboxes as booleans, no channel as absent. */
export function contactInput(values: Values): Record<string, unknown> {
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    jobTitle: values.jobTitle,
    email: values.email,
    phone: values.phone,
    preferredChannel: values.preferredChannel ? values.preferredChannel : undefined,
    decisionMaker: values.decisionMaker === 'true',
    emailOptOut: values.emailOptOut === 'true',
    notes: values.notes,
  };
}

/** The contact's e-mail choice (one checkbox). */
export function contactOptOutInput(_values: Values, raw: Raw): Record<string, unknown> {
  return { emailOptOut: text(raw.emailOptOut) === 'true' };
}

/**
 * The activity form as LogActivityDto takes it, or the 400 naming what the DTO cannot see: a date
 * and time that is not one (read on the business time zone's clock), a next action half given.
 */
export function activityInput(values: Values, objections: string[], timeZone: string): Record<string, unknown> {
  const hasOutcome = OUTCOME_TYPES.includes(values.type);
  const usesScript = hasOutcome && values.noScript !== 'true' && Boolean(values.scriptVersionId);
  const problems: FieldProblem[] = [];
  let occurredAt: Date | undefined;
  if (values.occurredAt.trim()) {
    occurredAt = fromLocalInput(values.occurredAt, timeZone) ?? undefined;
    if (!occurredAt) {
      problems.push({ field: 'occurredAt', message: 'occurredAt must be a date and time', ...because(PROSPECTION.occurredAtInvalid, { field: 'occurredAt' }) });
    }
  }
  const overrides = Boolean(values.nextType || values.nextDueOn);
  if (overrides && !values.nextType) {
    problems.push({ field: 'nextAction.type', message: 'nextAction.type is required', ...because(COMPANY.nextActionTypeInvalid, { field: 'nextAction.type' }) });
  }
  if (overrides && !values.nextDueOn) {
    problems.push({ field: 'nextAction.dueOn', message: 'nextAction.dueOn is required', ...because(COMPANY.nextActionDueOnInvalid, { field: 'nextAction.dueOn' }) });
  }
  if (problems.length) throw new ValidationFailedException(problems);
  return {
    type: values.type,
    // The outcome menu belongs to calls and meetings; whatever it holds for another type is not an outcome.
    outcome: hasOutcome && values.outcome ? values.outcome : undefined,
    scriptVersionId: usesScript ? values.scriptVersionId : undefined,
    objections: objections.length ? objections : undefined,
    refusalReason: hasOutcome && values.outcome === 'refused' ? values.refusalReason : undefined,
    occurredAt,
    contactId: values.contactId ? values.contactId : undefined,
    candidateId: values.candidateId ? values.candidateId : undefined,
    text: values.text,
    stageId: values.stageId ? values.stageId : undefined,
    version: values.stageId ? version(values.version) : undefined,
    nextAction: overrides
      ? { type: values.nextType, dueOn: values.nextDueOn, ownerId: values.nextOwnerId ? values.nextOwnerId : undefined }
      : undefined,
  };
}

/** The activity form: its fields and the DTO it makes (the date and time read on the business clock). */
export const ACTIVITY_FORM: FieldsFormSpec<LogActivityDto> = {
  fields: [...ACTIVITY_FIELDS, 'version'],
  dto: LogActivityDto,
  toInput: (values, raw, context) => activityInput(values, activityObjections(values, raw), context.timeZone),
};

/** The stage form of the company page. A missing version is refused like a stale one would be. */
export const STAGE_MOVE_FORM: FieldsFormSpec<MoveCompanyDto> = {
  fields: ['stageId', 'version'],
  dto: MoveCompanyDto,
  toInput: (values) => ({ stageId: values.stageId, version: version(values.version) ?? 0 }),
};

/** The objections ticked on the script panel: only when the activity used a script. */
export function activityObjections(values: Values, raw: Raw): string[] {
  const usesScript = OUTCOME_TYPES.includes(values.type) && values.noScript !== 'true' && Boolean(values.scriptVersionId);
  return usesScript ? many(raw.objections) : [];
}

/** A refused post as a form state: French messages next to the fields, or one alert, from the refusal's code. */
export function refusal(error: HttpException, values: Values, shown: readonly string[], names: Record<string, string> = {}): FormState {
  if (error instanceof ValidationFailedException) {
    const { errors, others } = problemsFr(error.problems, shown, names);
    return {
      values,
      errors,
      alert: others.length ? others.join(' ') : 'Certaines informations sont à corriger : voir les messages à côté des champs.',
    };
  }
  const conflict = conflictFr(error);
  // A conflict is put next to the field it concerns too; a refused state change only as the alert.
  const nextToField = error instanceof ConflictException && conflict.field && shown.includes(conflict.field);
  return {
    values,
    errors: nextToField ? { [conflict.field!]: conflict.message } : {},
    alert: conflict.message,
    alertLink: conflict.link,
  };
}
