import { codedProblem, ValidationFailedException } from '../../common/validation';
import {
  INACTIVITY_RETENTION_MONTHS_MAX,
  INACTIVITY_RETENTION_MONTHS_MIN,
  EraseRequestDto,
  MATCH_ID,
  RETENTION_MONTHS_MAX,
  RETENTION_MONTHS_MIN,
  RetentionSettingsDto,
} from '../../privacy/privacy.dto';
import { PostedForm, ShapedFormSpec } from '../kit/form-body.pipe';
import { french, frenchOf } from '../../refusals/french';
import { Raw, text } from '../kit/forms';

/*
 * The RGPD pages' forms: the retention settings and the erasure request, as typed and as refused.
 */

export interface FormState {
  value: string;
  error?: string;
  /** Erasure form: the mentions the manager unchecked (kept as they are). */
  keep?: ReadonlySet<string>;
}

/** The ids of a posted list (one checkbox, several, or a comma-separated hidden field), well formed only. */
export function postedIds(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : []))
    .map((id) => id.trim())
    .filter((id) => MATCH_ID.test(id));
}

/** The settings form: each field with its value as typed and its own error. */
export interface SettingsForm {
  retentionMonths: FormState;
  inactivityRetentionMonths: FormState;
}

export const SETTINGS_ERRORS: Record<keyof SettingsForm, string> = {
  retentionMonths: `Indiquez un nombre de mois entre ${RETENTION_MONTHS_MIN} et ${RETENTION_MONTHS_MAX}.`,
  inactivityRetentionMonths: `Indiquez un nombre de mois entre ${INACTIVITY_RETENTION_MONTHS_MIN} et ${INACTIVITY_RETENTION_MONTHS_MAX} (1 à 10 ans).`,
};

export const wholeNumber = (value: string): unknown => (/^\d+$/.test(value) ? Number(value) : value);
/** The reason's problem in French: missing or too short, or too long. */
export function reasonError(error: ValidationFailedException): string {
  const problem = error.problems.find((candidate) => candidate.field === 'reason') ?? error.problems[0];
  return problem ? frenchOf(codedProblem(problem)) : french('privacy.reason_required', {});
}
/** The settings form as typed (trimmed). */
/** The settings form's values as typed. */
export type SettingsValues = Record<keyof SettingsForm, string>;

export function settingsValues(form: Raw): SettingsValues {
  return { retentionMonths: text(form.retentionMonths), inactivityRetentionMonths: text(form.inactivityRetentionMonths) };
}

/** The settings form's plain input for RetentionSettingsDto: whole numbers as numbers, an empty inactivity field left out. */
export function settingsInput(values: Record<keyof SettingsForm, string>): Record<string, unknown> {
  return {
    retentionMonths: wholeNumber(values.retentionMonths),
    // Left empty (or a form of before this setting): unchanged.
    inactivityRetentionMonths: values.inactivityRetentionMonths === '' ? undefined : wholeNumber(values.inactivityRetentionMonths),
  };
}

/** A refused settings form shown again: each wrong field with its French sentence. */
export function refusedSettings(values: Record<keyof SettingsForm, string>, wrongFields: readonly string[]): SettingsForm {
  const wrong = new Set(wrongFields);
  const state = (field: keyof SettingsForm): FormState =>
    wrong.has(field) ? { value: values[field], error: SETTINGS_ERRORS[field] } : { value: values[field] };
  return { retentionMonths: state('retentionMonths'), inactivityRetentionMonths: state('inactivityRetentionMonths') };
}

/** The erasure form: the reason, and the mentions shown less those left checked (kept; one the page did not show is redacted). */
export function erasureForm(form: Raw): { reason: string; keep: string[] } {
  const redact = new Set(postedIds(form.redact));
  return { reason: text(form.reason), keep: postedIds(form.matchIds).filter((matchId) => !redact.has(matchId)) };
}

/** The retention settings form. */
export const RETENTION_SETTINGS_FORM: ShapedFormSpec<RetentionSettingsDto, SettingsValues> = {
  dto: RetentionSettingsDto,
  read: settingsValues,
  toInput: (values) => settingsInput(values),
};

/** The erasure form as typed: the reason, and the ids of the mentions to keep. */
export interface ErasureValues {
  reason: string;
  keep: string[];
}
export type ErasureForm = PostedForm<EraseRequestDto, ErasureValues>;

/** The erasure form: its reason, and the mentions the page showed less those ticked for redaction (kept). */
export const ERASURE_FORM: ShapedFormSpec<EraseRequestDto, ErasureValues> = {
  dto: EraseRequestDto,
  read: erasureForm,
  toInput: ({ reason, keep }) => ({ reason, keepMatchIds: keep }),
};
