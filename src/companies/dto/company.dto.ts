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
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDay } from '../../common/dates';
import { trimString, trimToNull } from '../../common/transforms';
import { NEXT_ACTION_TYPES, NextActionType } from '../../prospection/cadence';
import { COMPANY_SOURCES, CompanySource } from '../company.entity';
import { HEADCOUNT_CODES } from '../headcount';
import { IsNafCode, normalizeNafCode } from '../naf';
import { IsSiret, normalizeSiret } from '../siret';
import { IsPhone, toStoredPhone } from '../../common/phone';
import { IsName } from '../../common/names';
import { RefuseAs, RefuseFieldsAs } from '../../common/validation';
import { COMPANY, PRESSURE, PROSPECTION } from '../../refusals/index';

export const POSTCODE_PATTERN = /^\d{5}$/;

const toSiret = ({ value }: { value: unknown }) => {
  const trimmed = trimToNull({ value });
  return typeof trimmed === 'string' ? normalizeSiret(trimmed) : trimmed;
};
const toNafCode = ({ value }: { value: unknown }) => {
  const trimmed = trimToNull({ value });
  return typeof trimmed === 'string' ? (normalizeNafCode(trimmed) ?? trimmed) : trimmed;
};
const toTags = ({ value }: { value: unknown }) => {
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list)) return list;
  const tags = list.map((tag) => (typeof tag === 'string' ? tag.trim() : tag)).filter((tag) => tag !== '');
  return [...new Set(tags)];
};

export class NextActionDto {
  @ApiProperty({ enum: NEXT_ACTION_TYPES })
  @RefuseAs(COMPANY.nextActionTypeInvalid)
  @IsIn(NEXT_ACTION_TYPES, { message: `nextAction.type must be one of ${NEXT_ACTION_TYPES.join(', ')}` })
  type!: NextActionType;

  @ApiProperty({ example: '2026-12-01', description: 'Calendar day, Europe/Paris' })
  @RefuseAs(COMPANY.nextActionDueOnInvalid)
  @IsDay('dueOn')
  dueOn!: string;

  @ApiPropertyOptional({ example: '14:30', description: 'Time of day in Europe/Paris (planned meetings get a reminder an hour before)' })
  @RefuseAs(COMPANY.nextTimeInvalid)
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be a time of day (HH:MM)' })
  time?: string | null;

  @ApiPropertyOptional({ description: 'Staff member in charge; default: the company owner' })
  @RefuseAs(COMPANY.ownerInvalid)
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a user id' })
  ownerId?: string | null;

  @ApiPropertyOptional({
    description:
      'The company contact a meeting is with: they are sent its calendar invitation. Default: the current one while the next action stays a meeting, else none',
  })
  @RefuseAs(COMPANY.nextContactInvalid)
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a contact id' })
  contactId?: string | null;

  @ApiPropertyOptional()
  @RefuseAs(COMPANY.nextNoteInvalid)
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class CreateCompanyDto {
  @ApiProperty({ example: 'Boulangerie Dupont' })
  @RefuseAs(COMPANY.nameInvalid)
  @Transform(trimString)
  @IsString({ message: 'name must be text' })
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200)
  @IsName('name')
  name!: string;

  @ApiPropertyOptional({ example: '73282932000074', description: '14 digits, Luhn-checked (La Poste excepted)' })
  @RefuseAs(COMPANY.siretInvalid)
  @IsOptional()
  @Transform(toSiret)
  @IsString({ message: 'siret must be text' })
  @IsSiret()
  siret?: string | null;

  @ApiPropertyOptional({ example: '10.71C', description: 'NAF rév. 2 code, with or without the dot' })
  @RefuseAs(COMPANY.nafCodeInvalid)
  @IsOptional()
  @Transform(toNafCode)
  @IsString()
  @IsNafCode()
  nafCode?: string | null;

  @ApiPropertyOptional({ description: 'Free sector label; defaults to the NAF label' })
  @RefuseAs(COMPANY.sectorLabelInvalid)
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  sectorLabel?: string | null;

  @ApiPropertyOptional({ enum: HEADCOUNT_CODES, description: 'INSEE headcount band code' })
  @RefuseAs(COMPANY.headcountBandInvalid)
  @IsOptional()
  @Transform(trimToNull)
  @IsIn(HEADCOUNT_CODES, { message: `headcountBand must be an INSEE band code (${HEADCOUNT_CODES.join(', ')})` })
  headcountBand?: string | null;

  @ApiPropertyOptional()
  @RefuseAs(COMPANY.addressInvalid)
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ example: '59000' })
  @RefuseAs(COMPANY.postcodeInvalid)
  @IsOptional()
  @Transform(trimToNull)
  @Matches(POSTCODE_PATTERN, { message: 'postcode must be 5 digits' })
  postcode?: string | null;

  @ApiPropertyOptional({ example: 'Lille' })
  @RefuseAs(COMPANY.communeInvalid)
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  commune?: string | null;

  @ApiPropertyOptional()
  @RefuseAs(COMPANY.territoryInvalid)
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  territory?: string | null;

  @ApiPropertyOptional({ example: 'https://www.exemple.fr' })
  @RefuseAs(COMPANY.websiteInvalid)
  @IsOptional()
  @Transform(trimToNull)
  @IsUrl({ require_protocol: false }, { message: 'website must be a web address' })
  @MaxLength(300)
  website?: string | null;

  @ApiPropertyOptional({ example: '03 20 00 00 00' })
  @RefuseAs(COMPANY.phoneInvalid)
  @IsOptional()
  @Transform(toStoredPhone)
  @IsPhone('phone')
  phone?: string | null;

  @ApiPropertyOptional({ enum: COMPANY_SOURCES, default: 'cold_prospection' })
  @RefuseAs(COMPANY.sourceInvalid)
  @IsOptional()
  @IsIn(COMPANY_SOURCES, { message: `source must be one of ${COMPANY_SOURCES.join(', ')}` })
  source?: CompanySource;

  @ApiPropertyOptional({ description: 'Staff member who leads the relationship; none means unassigned' })
  @RefuseAs(COMPANY.ownerInvalid)
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a user id' })
  ownerId?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['logistique', 'job dating mars'] })
  @RefuseAs(COMPANY.tagsInvalid)
  @IsOptional()
  @Transform(toTags)
  @IsArray({ message: 'tags must be a list of words' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true, message: 'each tag must be at most 50 characters' })
  tags?: string[];

  @ApiPropertyOptional()
  @RefuseAs(COMPANY.notesInvalid)
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @ApiPropertyOptional({ type: NextActionDto, description: 'Default: a call today' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NextActionDto)
  nextAction?: NextActionDto;

  @ApiPropertyOptional({ description: 'The open stage the company starts in; default: the first open stage' })
  @RefuseAs(PROSPECTION.stageInvalid)
  @IsOptional()
  @IsUUID('all', { message: 'stageId must be a stage id' })
  stageId?: string;
}

export class UpdateCompanyDto extends PartialType(OmitType(CreateCompanyDto, ['nextAction', 'stageId'] as const)) {
  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 100, description: 'Contacts a Paris calendar month the employer accepts; null: no limit' })
  @RefuseAs(PRESSURE.monthlyContactCapInvalid)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  monthlyContactCap?: number | null;

  @ApiPropertyOptional({ description: 'The employer asked never to be contacted: calls, e-mails and meetings are refused' })
  @RefuseAs(PRESSURE.noContactInvalid)
  @IsOptional()
  @IsBoolean()
  noContact?: boolean;

  @ApiPropertyOptional({ description: 'The version the edit is based on; a stale one answers 409' })
  @RefuseAs(COMPANY.versionInvalid)
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

// On its own form the next action's fields speak for themselves, not as part of another record.
@RefuseFieldsAs({ type: COMPANY.nextTypeInvalid, dueOn: COMPANY.nextDueOnInvalid })
export class SetNextActionDto extends NextActionDto {
  @ApiPropertyOptional({ description: 'The version the edit is based on; a stale one answers 409' })
  @RefuseAs(COMPANY.versionInvalid)
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CompanyFilterDto {
  @ApiPropertyOptional({ description: 'Name (partial, accents ignored), SIRET, postcode or commune' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Owner id, or "none" for unassigned companies' })
  @IsOptional()
  @Matches(/^(none|[0-9a-f-]{36})$/i, { message: 'owner must be a user id or "none"' })
  owner?: string;

  @ApiPropertyOptional({ description: 'NAF code or prefix (e.g. 47 or 47.11), or a word of the sector label' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  sector?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  territory?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ description: 'Only companies whose next action is overdue' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === '' ? false : value))
  @IsIn([true, false], { message: 'overdue must be true or false' })
  overdue?: boolean;
}
