import { CreateLeadDto, CreateProposalDto, LeadStatusDto, ProposalOutcomeDto } from '../../leads/dto/lead.dto';
import { FormSpec } from '../kit/form-body.pipe';
import { Values } from '../kit/forms';

// ---------------------------------------------------------------- posted text as the DTOs take it (also the candidate and placement forms)

/** A posted field that may be repeated (checkboxes), as a list. */
export function many(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A textarea as a list: one item a line, blank lines dropped. */
export function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A comma- or line-separated list. */
export function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** '' → undefined; digits → a number; anything else as typed, so that validation names the field. */
export function wholeNumber(value: string | undefined): number | string | undefined {
  const trimmed = (value ?? '').trim();
  if (!trimmed) return undefined;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** '' → undefined, anything else trimmed. */
export function optional(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim();
  return trimmed ? trimmed : undefined;
}

export function version(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed >= 1 ? parsed : undefined;
}

// ---------------------------------------------------------------- the lead forms

export const LEAD_FIELDS = [
  'companyId',
  'contactId',
  'jobTitle',
  'romeCode',
  'contractType',
  'hoursPerWeek',
  'shiftPattern',
  'startDate',
  'workCommune',
  'requiresLicence',
  'requiresVehicle',
  'requirements',
  'adaptations',
  'hiddenMarket',
  'ownerId',
] as const;

/** The new lead form as the API's DTO. */
export function leadInput(values: Values): Record<string, unknown> {
  return {
    companyId: values.companyId,
    contactId: optional(values.contactId),
    jobTitle: values.jobTitle,
    romeCode: optional(values.romeCode),
    contractType: values.contractType,
    hoursPerWeek: wholeNumber(values.hoursPerWeek),
    shiftPattern: optional(values.shiftPattern),
    startDate: optional(values.startDate),
    workCommune: optional(values.workCommune),
    requiresLicence: values.requiresLicence === 'true',
    requiresVehicle: values.requiresVehicle === 'true',
    requirements: lines(values.requirements),
    adaptations: lines(values.adaptations),
    hiddenMarket: values.hiddenMarket === 'true',
    ownerId: values.ownerId ? values.ownerId : null,
  };
}

/** The new lead form's first values: the actor as owner, a CDD by day, the hidden market, the company of the link. */
export function newLeadValues(ownerId: string, companyId: string | null): Values {
  const values: Values = Object.fromEntries(LEAD_FIELDS.map((field) => [field, '']));
  values.ownerId = ownerId;
  values.contractType = 'cdd';
  values.shiftPattern = 'day';
  values.hiddenMarket = 'true';
  if (companyId) values.companyId = companyId;
  return values;
}

export const NEW_LEAD_FORM: FormSpec<CreateLeadDto> = { fields: LEAD_FIELDS, dto: CreateLeadDto, toInput: leadInput };

export const STATUS_FIELDS = ['status', 'abandonReason'] as const;

export const LEAD_STATUS_FORM: FormSpec<LeadStatusDto> = {
  fields: [...STATUS_FIELDS, 'version'],
  dto: LeadStatusDto,
  toInput: (values) => ({
    status: values.status,
    abandonReason: values.status === 'abandoned' ? optional(values.abandonReason) : undefined,
    version: version(values.version),
  }),
};

export const PROPOSAL_FORM: FormSpec<CreateProposalDto> = {
  fields: ['candidateId', 'force', 'retour'],
  dto: CreateProposalDto,
  toInput: (values) => ({ candidateId: values.candidateId, force: values.force === 'true' ? true : undefined }),
};

export const OUTCOME_FIELDS = ['outcome', 'reason'] as const;

export const OUTCOME_FORM: FormSpec<ProposalOutcomeDto> = {
  fields: OUTCOME_FIELDS,
  dto: ProposalOutcomeDto,
  toInput: (values) => ({
    outcome: values.outcome,
    reason: values.outcome.startsWith('declined') ? optional(values.reason) : undefined,
  }),
};
