import { CreatePlacementDto, EndPlacementDto, StartPlacementDto } from '../../placements/dto/placement.dto';
import { FormSpec } from '../kit/form-body.pipe';
import { Values } from '../kit/forms';
import { optional, version, wholeNumber } from '../leads/lead.form';

export const PLACEMENT_FIELDS = [
  'candidateId',
  'companyId',
  'leadId',
  'proposalId',
  'employerContactId',
  'contractType',
  'jobTitle',
  'startDate',
  'plannedEndDate',
  'hoursPerWeek',
  'trialEndDate',
  'ownerId',
] as const;

export const END_FIELDS = ['endDate', 'endKind', 'ruptureReason', 'endedBy'] as const;

/** The new placement form's first values: the actor as owner, a CDD. */
export function newPlacementValues(ownerId: string): Values {
  const values: Values = Object.fromEntries(PLACEMENT_FIELDS.map((field) => [field, '']));
  values.ownerId = ownerId;
  values.contractType = 'cdd';
  return values;
}

/** The lead's job as the new placement form's values (the employer contact is the lead's). */
export function withLead(
  values: Values,
  lead: { id: string; companyId: string; jobTitle: string; contractType: string; hoursPerWeek?: number | null; startDate?: string | null; contactId?: string | null },
): Values {
  return {
    ...values,
    leadId: lead.id,
    companyId: lead.companyId,
    jobTitle: lead.jobTitle,
    contractType: lead.contractType,
    hoursPerWeek: lead.hoursPerWeek ? String(lead.hoursPerWeek) : '',
    startDate: lead.startDate ?? '',
    employerContactId: lead.contactId ?? '',
  };
}

export function placementInput(values: Values): Record<string, unknown> {
  return {
    candidateId: values.candidateId,
    companyId: values.companyId,
    leadId: optional(values.leadId),
    proposalId: optional(values.proposalId),
    employerContactId: optional(values.employerContactId),
    contractType: values.contractType,
    jobTitle: values.jobTitle,
    startDate: values.startDate,
    plannedEndDate: optional(values.plannedEndDate),
    hoursPerWeek: wholeNumber(values.hoursPerWeek),
    trialEndDate: optional(values.trialEndDate),
    ownerId: values.ownerId ? values.ownerId : null,
  };
}

export const NEW_PLACEMENT_FORM: FormSpec<CreatePlacementDto> = { fields: PLACEMENT_FIELDS, dto: CreatePlacementDto, toInput: placementInput };

export const START_FORM: FormSpec<StartPlacementDto> = {
  fields: ['version'],
  dto: StartPlacementDto,
  toInput: (values) => ({ version: version(values.version) }),
};

/** The end form: the rupture reason and who ended it only for an early end. */
export function endInput(values: Values): Record<string, unknown> {
  const early = values.endKind === 'early';
  return {
    endDate: values.endDate,
    endKind: values.endKind,
    ruptureReason: early ? optional(values.ruptureReason) : undefined,
    endedBy: early ? optional(values.endedBy) : undefined,
    version: version(values.version),
  };
}

export const END_FORM: FormSpec<EndPlacementDto> = { fields: [...END_FIELDS, 'version'], dto: EndPlacementDto, toInput: endInput };
