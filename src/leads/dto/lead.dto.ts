import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsDay } from '../../common/dates';
import { trimString, trimToNull } from '../../common/transforms';
import { CONTRACT_TYPES, ContractType, SHIFT_PATTERNS, ShiftPattern } from '../../placements/contract-types';
import { IsRomeCode } from '../../reference/rome';
import { LEAD_STATUSES, LeadStatus } from '../job-lead.entity';
import { PROPOSAL_OUTCOMES, ProposalOutcome } from '../proposal.entity';
import { RefuseAs } from '../../common/validation';
import { LEAD } from '../../refusals/index';

const toRomeCode = ({ value }: { value: unknown }) => {
  const trimmed = trimToNull({ value });
  return typeof trimmed === 'string' ? trimmed.toUpperCase() : trimmed;
};
const toLines = ({ value }: { value: unknown }) => {
  if (!Array.isArray(value)) return value;
  return value.map((line) => (typeof line === 'string' ? line.trim() : line)).filter((line) => line !== '');
};
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value);

export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = ['spotted', 'qualified', 'candidate_proposed', 'interview'];

export class CreateLeadDto {
  @ApiProperty({ description: 'A company of your structure' })
  @IsUUID('all', { message: 'companyId must be a company id' })
  @RefuseAs(LEAD.companyInvalid)
  companyId!: string;

  @ApiPropertyOptional({ description: 'A contact of that company' })
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a contact id' })
  @RefuseAs(LEAD.contactInvalid)
  contactId?: string | null;

  @ApiPropertyOptional({ description: 'The activity of that company where the need came up' })
  @IsOptional()
  @IsUUID('all', { message: 'sourceActivityId must be an activity id' })
  @RefuseAs(LEAD.sourceActivityInvalid)
  sourceActivityId?: string | null;

  @ApiProperty({ example: 'Préparateur de commandes' })
  @Transform(trimString)
  @IsString({ message: 'jobTitle must be text' })
  @IsNotEmpty({ message: 'jobTitle is required' })
  @MaxLength(200)
  @RefuseAs(LEAD.jobTitleInvalid)
  jobTitle!: string;

  @ApiPropertyOptional({ example: 'N1103', description: 'ROME v3 code' })
  @IsOptional()
  @Transform(toRomeCode)
  @IsRomeCode()
  @RefuseAs(LEAD.romeCodeInvalid)
  romeCode?: string | null;

  @ApiProperty({ enum: CONTRACT_TYPES })
  @IsIn(CONTRACT_TYPES, { message: `contractType must be one of ${CONTRACT_TYPES.join(', ')}` })
  @RefuseAs(LEAD.contractTypeInvalid)
  contractType!: ContractType;

  @ApiPropertyOptional({ minimum: 1, maximum: 48 })
  @IsOptional()
  @IsInt({ message: 'hoursPerWeek must be a whole number of hours' })
  @Min(1, { message: 'hoursPerWeek must be between 1 and 48' })
  @Max(48, { message: 'hoursPerWeek must be between 1 and 48' })
  @RefuseAs(LEAD.hoursInvalid)
  hoursPerWeek?: number | null;

  @ApiPropertyOptional({ enum: SHIFT_PATTERNS, default: 'day' })
  @IsOptional()
  @IsIn(SHIFT_PATTERNS, { message: `shiftPattern must be one of ${SHIFT_PATTERNS.join(', ')}` })
  @RefuseAs(LEAD.shiftInvalid)
  shiftPattern?: ShiftPattern;

  @ApiPropertyOptional({ example: '2027-01-04', description: 'Wanted start date' })
  @IsOptional()
  @IsDay('startDate')
  @RefuseAs(LEAD.dayInvalid)
  startDate?: string | null;

  @ApiPropertyOptional({ example: 'Lille', description: "Default: the company's commune" })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  @RefuseAs(LEAD.communeInvalid)
  workCommune?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'requiresLicence must be true or false' })
  @RefuseAs(LEAD.checkboxInvalid)
  requiresLicence?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'requiresVehicle must be true or false' })
  @RefuseAs(LEAD.checkboxInvalid)
  requiresVehicle?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Only what was agreed with the employer as strictly necessary' })
  @IsOptional()
  @Transform(toLines)
  @IsArray({ message: 'requirements must be a list' })
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  @RefuseAs(LEAD.requirementsInvalid)
  requirements?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Adaptations of tasks, hours or integration agreed' })
  @IsOptional()
  @Transform(toLines)
  @IsArray({ message: 'adaptations must be a list' })
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  @RefuseAs(LEAD.adaptationsInvalid)
  adaptations?: string[];

  @ApiPropertyOptional({ default: true, description: 'Never published (hidden job market)' })
  @IsOptional()
  @IsBoolean({ message: 'hiddenMarket must be true or false' })
  @RefuseAs(LEAD.checkboxInvalid)
  hiddenMarket?: boolean;

  @ApiPropertyOptional({ description: 'Staff member in charge; default: you' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a user id' })
  @RefuseAs(LEAD.ownerInvalid)
  ownerId?: string | null;
}

export class UpdateLeadDto extends PartialType(OmitType(CreateLeadDto, ['companyId'] as const)) {
  @ApiProperty({ description: 'The lead version the edit is based on; a stale one answers 409' })
  @IsInt({ message: 'version must be the lead version the edit is based on' })
  @Min(1)
  @RefuseAs(LEAD.versionInvalid)
  version!: number;
}

export class LeadStatusDto {
  @ApiProperty({ enum: LEAD_STATUSES })
  @IsIn(LEAD_STATUSES, { message: `status must be one of ${LEAD_STATUSES.join(', ')}` })
  @RefuseAs(LEAD.statusInvalid)
  status!: LeadStatus;

  @ApiPropertyOptional({ description: 'Required when abandoning' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(1000)
  @RefuseAs(LEAD.abandonReasonInvalid)
  abandonReason?: string | null;

  @ApiProperty({ description: 'The lead version the change is based on; a stale one answers 409' })
  @IsInt({ message: 'version must be the lead version the change is based on' })
  @Min(1)
  @RefuseAs(LEAD.versionInvalid)
  version!: number;
}

export class LeadFilterDto {
  @ApiPropertyOptional({ description: 'One status or several, comma-separated' })
  @IsOptional()
  @Transform(toList)
  @IsIn(LEAD_STATUSES, { each: true, message: `status must be among ${LEAD_STATUSES.join(', ')}` })
  status?: LeadStatus[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'companyId must be a company id' })
  companyId?: string;

  @ApiPropertyOptional({ description: 'A user id, or "me"' })
  @IsOptional()
  @Matches(/^(me|[0-9a-fA-F-]{36})$/, { message: 'ownerId must be a user id or "me"' })
  ownerId?: string;

  @ApiPropertyOptional({ description: 'Only open leads with no proposal past the target' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class LeadSettingsDto {
  @ApiProperty({ minimum: 1, maximum: 90, description: 'Calendar days from a need spotted to a first proposal' })
  @IsInt({ message: 'proposalTargetDays must be a whole number of days' })
  @Min(1, { message: 'proposalTargetDays must be between 1 and 90' })
  @Max(90, { message: 'proposalTargetDays must be between 1 and 90' })
  @RefuseAs(LEAD.targetDaysInvalid)
  proposalTargetDays!: number;
}

export class CreateProposalDto {
  @ApiProperty({ description: 'A candidate of your structure' })
  @IsUUID('all', { message: 'candidateId must be a candidate id' })
  @RefuseAs(LEAD.candidateInvalid)
  candidateId!: string;

  @ApiPropertyOptional({ default: false, description: 'Propose despite hard conflicts' })
  @IsOptional()
  @IsBoolean({ message: 'force must be true or false' })
  force?: boolean;
}

/** What came of a proposal; a withdrawal has its own endpoint (POST /api/proposals/:id/withdraw). */
export const OUTCOME_INPUTS = PROPOSAL_OUTCOMES.filter((outcome) => outcome !== 'pending' && outcome !== 'withdrawn') as Exclude<
  ProposalOutcome,
  'pending' | 'withdrawn'
>[];

export class ProposalOutcomeDto {
  @ApiProperty({ enum: OUTCOME_INPUTS })
  @IsIn(OUTCOME_INPUTS, { message: `outcome must be one of ${OUTCOME_INPUTS.join(', ')}` })
  @RefuseAs(LEAD.outcomeInvalid)
  outcome!: Exclude<ProposalOutcome, 'pending' | 'withdrawn'>;

  @ApiPropertyOptional({ description: 'Required for a refusal (either side)' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(1000)
  @RefuseAs(LEAD.reasonInvalid)
  reason?: string | null;
}

export class MatchQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;
}
