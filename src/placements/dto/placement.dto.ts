import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsDay } from '../../common/dates';
import { trimString, trimToNull } from '../../common/transforms';
import { CONTRACT_TYPES, ContractType } from '../contract-types';
import {
  END_KINDS,
  ENDED_BY,
  EndedBy,
  EndKind,
  PLACEMENT_KINDS,
  PLACEMENT_STATUSES,
  PlacementKind,
  PlacementStatus,
} from '../placement.entity';
import { RefuseAs } from '../../common/validation';
import { PLACEMENT } from '../../refusals/index';

class VersionedDto {
  @ApiPropertyOptional({ description: 'The version the change is based on; a stale one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @RefuseAs(PLACEMENT.versionInvalid)
  version?: number;
}

export class CreatePlacementDto {
  @ApiProperty()
  @IsUUID('all', { message: 'candidateId must be a candidate id' })
  @RefuseAs(PLACEMENT.candidateInvalid)
  candidateId!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'companyId must be a company id' })
  @RefuseAs(PLACEMENT.companyInvalid)
  companyId!: string;

  @ApiPropertyOptional({ description: 'The job lead it fills; must be a lead of that company' })
  @IsOptional()
  @IsUUID('all', { message: 'leadId must be a job lead id' })
  @RefuseAs(PLACEMENT.leadInvalid)
  leadId?: string | null;

  @ApiPropertyOptional({ description: 'Who receives the employer-side check-ins; a contact of that company (default: the lead’s contact)' })
  @IsOptional()
  @IsUUID('all', { message: 'employerContactId must be a contact id' })
  @RefuseAs(PLACEMENT.employerContactInvalid)
  employerContactId?: string | null;

  @ApiPropertyOptional({ description: 'The proposal it comes from; must be of this candidate to this lead' })
  @IsOptional()
  @IsUUID('all', { message: 'proposalId must be a proposal id' })
  @RefuseAs(PLACEMENT.proposalInvalid)
  proposalId?: string | null;

  @ApiPropertyOptional({ enum: PLACEMENT_KINDS, description: 'Default: immersion for a PMSMP, contract otherwise' })
  @IsOptional()
  @IsIn(PLACEMENT_KINDS, { message: `kind must be one of ${PLACEMENT_KINDS.join(', ')}` })
  @RefuseAs(PLACEMENT.kindInvalid)
  kind?: PlacementKind;

  @ApiProperty({ enum: CONTRACT_TYPES })
  @IsIn(CONTRACT_TYPES, { message: `contractType must be one of ${CONTRACT_TYPES.join(', ')}` })
  @RefuseAs(PLACEMENT.contractTypeInvalid)
  contractType!: ContractType;

  @ApiProperty({ example: 'Préparateur·rice de commandes' })
  @Transform(trimString)
  @IsString({ message: 'jobTitle must be text' })
  @IsNotEmpty({ message: 'jobTitle is required' })
  @MaxLength(200)
  @RefuseAs(PLACEMENT.jobTitleInvalid)
  jobTitle!: string;

  @ApiProperty({ example: '2026-12-01' })
  @IsDay('startDate')
  @RefuseAs(PLACEMENT.dayInvalid)
  startDate!: string;

  @ApiPropertyOptional({ example: '2027-05-31', description: 'None for a CDI; required otherwise' })
  @IsOptional()
  @IsDay('plannedEndDate')
  @RefuseAs(PLACEMENT.endDayInvalid)
  plannedEndDate?: string | null;

  @ApiPropertyOptional({ example: 26 })
  @IsOptional()
  @IsInt({ message: 'hoursPerWeek must be a whole number' })
  @Min(1)
  @Max(48)
  @RefuseAs(PLACEMENT.hoursInvalid)
  hoursPerWeek?: number | null;

  @ApiPropertyOptional({ description: 'End of the trial period, within the contract' })
  @IsOptional()
  @IsDay('trialEndDate')
  @RefuseAs(PLACEMENT.trialEndInvalid)
  trialEndDate?: string | null;

  @ApiPropertyOptional({ description: 'Staff member who follows the placement' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a user id' })
  @RefuseAs(PLACEMENT.ownerInvalid)
  ownerId?: string | null;
}

export class UpdatePlacementDto extends PartialType(OmitType(CreatePlacementDto, ['candidateId', 'companyId'] as const)) {
  @ApiPropertyOptional({ description: 'The version the edit is based on; a stale one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @RefuseAs(PLACEMENT.versionInvalid)
  version?: number;
}

export class PlacementFilterDto {
  @ApiPropertyOptional({ enum: PLACEMENT_STATUSES })
  @IsOptional()
  @IsIn(PLACEMENT_STATUSES, { message: `status must be one of ${PLACEMENT_STATUSES.join(', ')}` })
  status?: PlacementStatus;

  @ApiPropertyOptional({ description: 'A candidate id' })
  @IsOptional()
  @IsUUID('all', { message: 'candidate must be a candidate id' })
  candidate?: string;

  @ApiPropertyOptional({ description: 'A company id' })
  @IsOptional()
  @IsUUID('all', { message: 'company must be a company id' })
  company?: string;
}

export class StartPlacementDto extends VersionedDto {}

export class EndPlacementDto extends VersionedDto {
  @ApiProperty({ example: '2027-05-31' })
  @IsDay('endDate')
  @RefuseAs(PLACEMENT.endDayInvalid)
  endDate!: string;

  @ApiProperty({ enum: END_KINDS, description: 'early: a rupture' })
  @IsIn(END_KINDS, { message: `endKind must be one of ${END_KINDS.join(', ')}` })
  @RefuseAs(PLACEMENT.endKindInvalid)
  endKind!: EndKind;

  @ApiPropertyOptional({ description: 'Required for an early end' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(2000)
  @RefuseAs(PLACEMENT.ruptureReasonInvalid)
  ruptureReason?: string | null;

  @ApiPropertyOptional({ enum: ENDED_BY, description: 'Required for an early end' })
  @IsOptional()
  @IsIn(ENDED_BY, { message: `endedBy must be one of ${ENDED_BY.join(', ')}` })
  @RefuseAs(PLACEMENT.endedByInvalid)
  endedBy?: EndedBy | null;
}
