import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { trimString, trimToNull } from '../../common/transforms';
import {
  CONTRACT_TYPES,
  ContractType,
  EXIT_CATEGORIES,
  ExitCategory,
  SHIFT_PATTERNS,
  ShiftPattern,
} from '../../placements/contract-types';
import {
  CANDIDATE_STATUSES,
  CandidateStatus,
  ConstraintCategory,
  REFERRERS,
  Referrer,
  WantedJob,
} from '../candidate.entity';
import { IsDay } from '../../common/dates';
import { IsPhone, toStoredPhone } from '../../common/phone';
import { IsName } from '../../common/names';
import { RefuseAs } from '../../common/validation';
import { CANDIDATE } from '../../refusals/index';

const toTextList = ({ value }: { value: unknown }) => {
  if (!Array.isArray(value)) return value;
  const items = value.map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== '');
  return [...new Set(items)];
};

/** Barriers by category, free text each. Sensitive. */
export class ConstraintsDto implements Partial<Record<ConstraintCategory, string | null>> {
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(2000) @RefuseAs(CANDIDATE.constraintInvalid) mobility?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(2000) @RefuseAs(CANDIDATE.constraintInvalid) childcare?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(2000) @RefuseAs(CANDIDATE.constraintInvalid) housing?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(2000) @RefuseAs(CANDIDATE.constraintInvalid) health?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(2000) @RefuseAs(CANDIDATE.constraintInvalid) language?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(2000) @RefuseAs(CANDIDATE.constraintInvalid) administrative?: string | null;
}

export class WantedJobDto {
  @ApiProperty({ example: 'travailler dans un entrepôt', description: "In the person's own words" }) label!: string;
  @ApiPropertyOptional({ example: 'N1103', description: 'ROME v3 code' }) romeCode?: string | null;
}

export class CreateCandidateDto {
  @ApiProperty({ example: 'Samira' })
  @Transform(trimString)
  @IsString({ message: 'firstName must be text' })
  @IsNotEmpty({ message: 'firstName is required' })
  @MaxLength(100)
  @IsName('firstName')
  @RefuseAs(CANDIDATE.firstNameInvalid)
  firstName!: string;

  @ApiProperty({ example: 'Benali' })
  @Transform(trimString)
  @IsString({ message: 'lastName must be text' })
  @IsNotEmpty({ message: 'lastName is required' })
  @MaxLength(100)
  @IsName('lastName')
  @RefuseAs(CANDIDATE.lastNameInvalid)
  lastName!: string;

  @ApiPropertyOptional({ example: 'samira.benali@exemple.fr' })
  @IsOptional()
  @Transform(({ value }) => {
    const trimmed = trimToNull({ value });
    return typeof trimmed === 'string' ? trimmed.toLowerCase() : trimmed;
  })
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  @RefuseAs(CANDIDATE.emailInvalid)
  email?: string | null;

  @ApiPropertyOptional({ example: '06 12 34 56 78' })
  @IsOptional()
  @Transform(toStoredPhone)
  @IsPhone('phone')
  @RefuseAs(CANDIDATE.phoneInvalid)
  phone?: string | null;

  @ApiPropertyOptional({ enum: REFERRERS, default: 'other' })
  @IsOptional()
  @IsIn(REFERRERS, { message: `referrer must be one of ${REFERRERS.join(', ')}` })
  @RefuseAs(CANDIDATE.referrerInvalid)
  referrer?: Referrer;

  @ApiPropertyOptional({ description: 'The counsellor at the referring body' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(150)
  @RefuseAs(CANDIDATE.referrerNameInvalid)
  referrerName?: string | null;

  @ApiPropertyOptional({ example: '2026-09-01' })
  @IsOptional()
  @IsDay('entryDate')
  @RefuseAs(CANDIDATE.dayInvalid)
  entryDate?: string | null;

  @ApiPropertyOptional({ enum: CONTRACT_TYPES, description: 'Current contract with the structure (CDDI...)' })
  @IsOptional()
  @IsIn(CONTRACT_TYPES, { message: `structureContractType must be one of ${CONTRACT_TYPES.join(', ')}` })
  @RefuseAs(CANDIDATE.contractTypeInvalid)
  structureContractType?: ContractType | null;

  @ApiPropertyOptional({ example: '2027-02-28' })
  @IsOptional()
  @IsDay('structureContractEnd')
  @RefuseAs(CANDIDATE.dayInvalid)
  structureContractEnd?: string | null;

  @ApiPropertyOptional({ type: [WantedJobDto], description: 'Checked by the service, item by item (wantedJobs[0].romeCode)' })
  @IsOptional()
  @IsArray({ message: 'wantedJobs must be a list of { label, romeCode }' })
  @RefuseAs(CANDIDATE.wantedJobsInvalid)
  wantedJobs?: WantedJob[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toTextList)
  @IsArray({ message: 'strengths must be a list of texts' })
  @ArrayMaxSize(30)
  @IsString({ each: true, message: 'strengths must be a list of texts' })
  @MaxLength(300, { each: true })
  @RefuseAs(CANDIDATE.strengthsInvalid)
  strengths?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toTextList)
  @IsArray({ message: 'skills must be a list of texts' })
  @ArrayMaxSize(30)
  @IsString({ each: true, message: 'skills must be a list of texts' })
  @MaxLength(300, { each: true })
  @RefuseAs(CANDIDATE.skillsInvalid)
  skills?: string[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'drivingLicence must be true or false' })
  @RefuseAs(CANDIDATE.checkboxInvalid)
  drivingLicence?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'hasVehicle must be true or false' })
  @RefuseAs(CANDIDATE.checkboxInvalid)
  hasVehicle?: boolean;

  @ApiPropertyOptional({ example: 'Roubaix' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  @RefuseAs(CANDIDATE.communeInvalid)
  homeCommune?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['Lille', 'Tourcoing'] })
  @IsOptional()
  @Transform(toTextList)
  @IsArray({ message: 'reachableCommunes must be a list of communes' })
  @ArrayMaxSize(50)
  @IsString({ each: true, message: 'reachableCommunes must be a list of communes' })
  @MaxLength(100, { each: true })
  @RefuseAs(CANDIDATE.reachableCommunesInvalid)
  reachableCommunes?: string[];

  @ApiPropertyOptional({ example: 15, description: 'Kilometres around the home commune' })
  @IsOptional()
  @IsInt({ message: 'mobilityRadiusKm must be a whole number of kilometres' })
  @Min(0)
  @Max(500)
  @RefuseAs(CANDIDATE.mobilityRadiusInvalid)
  mobilityRadiusKm?: number | null;

  @ApiPropertyOptional({ example: 26 })
  @IsOptional()
  @IsInt({ message: 'hoursPerWeek must be a whole number' })
  @Min(1)
  @Max(48)
  @RefuseAs(CANDIDATE.hoursInvalid)
  hoursPerWeek?: number | null;

  @ApiPropertyOptional({ enum: SHIFT_PATTERNS, isArray: true, default: ['day'] })
  @IsOptional()
  @IsArray({ message: `shifts must be a list of ${SHIFT_PATTERNS.join(', ')}` })
  @ArrayUnique({ message: 'shifts must not repeat a value' })
  @IsIn(SHIFT_PATTERNS, { each: true, message: `shifts must be a list of ${SHIFT_PATTERNS.join(', ')}` })
  @RefuseAs(CANDIDATE.shiftsInvalid)
  shifts?: ShiftPattern[];

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsDay('availableFrom')
  @RefuseAs(CANDIDATE.dayInvalid)
  availableFrom?: string | null;

  @ApiPropertyOptional({ type: ConstraintsDto, description: 'Sensitive: shown to the staff of the structure only, never in lists' })
  @IsOptional()
  @IsObject({ message: 'constraints must be an object by category' })
  @ValidateNested()
  @Type(() => ConstraintsDto)
  constraints?: ConstraintsDto;

  @ApiPropertyOptional({ description: 'Sensitive, like constraints' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(10000)
  @RefuseAs(CANDIDATE.notesInvalid)
  notes?: string | null;

  @ApiPropertyOptional({ description: 'Staff member who follows the person' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a user id' })
  @RefuseAs(CANDIDATE.ownerInvalid)
  ownerId?: string | null;

  @ApiPropertyOptional({ enum: CANDIDATE_STATUSES, default: 'on_path' })
  @IsOptional()
  @IsIn(CANDIDATE_STATUSES, { message: `status must be one of ${CANDIDATE_STATUSES.join(', ')}` })
  @RefuseAs(CANDIDATE.statusInvalid)
  status?: CandidateStatus;

  @ApiPropertyOptional({ enum: EXIT_CATEGORIES, description: 'Required when status is exited' })
  @IsOptional()
  @IsIn(EXIT_CATEGORIES, { message: `exitCategory must be one of ${EXIT_CATEGORIES.join(', ')}` })
  @RefuseAs(CANDIDATE.exitCategoryInvalid)
  exitCategory?: ExitCategory | null;

  @ApiPropertyOptional({ description: 'Required when status is exited' })
  @IsOptional()
  @IsDay('exitDate')
  @RefuseAs(CANDIDATE.dayInvalid)
  exitDate?: string | null;
}

export class UpdateCandidateDto extends PartialType(CreateCandidateDto) {
  @ApiPropertyOptional({ description: 'The version the edit is based on; a stale one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @RefuseAs(CANDIDATE.versionInvalid)
  version?: number;
}

export class CandidateFilterDto {
  @ApiPropertyOptional({ description: 'Words of the first or last name (partial, case and accents ignored)' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  q?: string | null;

  @ApiPropertyOptional({ enum: CANDIDATE_STATUSES })
  @IsOptional()
  @IsIn(CANDIDATE_STATUSES, { message: `status must be one of ${CANDIDATE_STATUSES.join(', ')}` })
  status?: CandidateStatus;

  @ApiPropertyOptional({ description: '"me", "none" or a user id' })
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'owner must be "me", "none" or a user id',
  })
  owner?: string;
}

export class CandidateExportQuery extends CandidateFilterDto {
  @ApiPropertyOptional({ default: false, description: 'Include constraints and notes (managers and admins only)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'sensitive must be true or false' })
  sensitive?: boolean;
}

export class ExitCandidateDto {
  @ApiProperty({ example: '2027-03-31' })
  @IsDay('exitDate')
  @RefuseAs(CANDIDATE.dayInvalid)
  exitDate!: string;

  @ApiPropertyOptional({ enum: EXIT_CATEGORIES, description: "Default: derived from the person's last placement" })
  @IsOptional()
  @IsIn(EXIT_CATEGORIES, { message: `exitCategory must be one of ${EXIT_CATEGORIES.join(', ')}` })
  @RefuseAs(CANDIDATE.exitCategoryInvalid)
  exitCategory?: ExitCategory;

  @ApiPropertyOptional({ description: 'The version the exit is based on; a stale one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @RefuseAs(CANDIDATE.versionInvalid)
  version?: number;
}
