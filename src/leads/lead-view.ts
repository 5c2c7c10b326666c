import { ContractType, ShiftPattern } from '../placements/contract-types';
import { romeLabel } from '../reference/rome';
import { JobLead, LEAD_STATUS_LABELS, LeadStatus } from './job-lead.entity';
import { LeadTiming } from './lead-rules';

/** A job lead as the API answers it, with its timing against the structure's proposal target. */
export interface LeadView extends LeadTiming {
  id: string;
  companyId: string;
  companyName: string | null;
  contactId: string | null;
  sourceActivityId: string | null;
  jobTitle: string;
  romeCode: string | null;
  romeLabel: string | null;
  contractType: ContractType;
  hoursPerWeek: number | null;
  shiftPattern: ShiftPattern;
  startDate: string | null;
  workCommune: string | null;
  requiresLicence: boolean;
  requiresVehicle: boolean;
  requirements: string[];
  adaptations: string[];
  hiddenMarket: boolean;
  status: LeadStatus;
  statusLabel: string;
  abandonReason: string | null;
  spottedAt: Date;
  firstProposedAt: Date | null;
  ownerId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function leadView(lead: JobLead, companyName: string | null, timing: LeadTiming): LeadView {
  return {
    id: lead.id,
    companyId: lead.companyId,
    companyName,
    contactId: lead.contactId,
    sourceActivityId: lead.sourceActivityId,
    jobTitle: lead.jobTitle,
    romeCode: lead.romeCode,
    romeLabel: lead.romeCode ? (romeLabel(lead.romeCode) ?? null) : null,
    contractType: lead.contractType,
    hoursPerWeek: lead.hoursPerWeek,
    shiftPattern: lead.shiftPattern,
    startDate: lead.startDate,
    workCommune: lead.workCommune,
    requiresLicence: lead.requiresLicence,
    requiresVehicle: lead.requiresVehicle,
    requirements: lead.requirements,
    adaptations: lead.adaptations,
    hiddenMarket: lead.hiddenMarket,
    status: lead.status,
    statusLabel: LEAD_STATUS_LABELS[lead.status],
    abandonReason: lead.abandonReason,
    spottedAt: lead.spottedAt,
    firstProposedAt: lead.firstProposedAt,
    ownerId: lead.ownerId,
    version: lead.version,
    ...timing,
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
  };
}
