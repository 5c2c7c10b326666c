import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
  ValidateNested,
} from 'class-validator';
import { IsDay } from '../../common/dates';
import { trimString, trimToNull } from '../../common/transforms';
import { RefuseAs } from '../../common/validation';
import { ENCOUNTER } from '../../refusals/index';
import { ENCOUNTER_KINDS, ENCOUNTER_OUTCOMES, EncounterKind, EncounterOutcome } from '../encounter.entity';

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);

export class CreateEncounterDto {
  @ApiProperty({ enum: ENCOUNTER_KINDS })
  @IsIn(ENCOUNTER_KINDS, { message: `kind must be one of ${ENCOUNTER_KINDS.join(', ')}` })
  @RefuseAs(ENCOUNTER.kindInvalid)
  kind!: EncounterKind;

  @ApiProperty({ example: 'Job dating logistique' })
  @Transform(trimString)
  @IsString({ message: 'title must be text' })
  @IsNotEmpty({ message: 'title is required' })
  @MaxLength(200)
  @RefuseAs(ENCOUNTER.titleInvalid)
  title!: string;

  @ApiProperty({ example: '2027-03-16', description: 'Calendar day, Europe/Paris' })
  @IsDay('day')
  @RefuseAs(ENCOUNTER.dayInvalid)
  day!: string;

  @ApiProperty({ example: '09:30', description: 'Start, time of day in Europe/Paris' })
  @Matches(TIME_OF_DAY, { message: 'startTime must be a time of day (HH:MM)' })
  @RefuseAs(ENCOUNTER.timeInvalid)
  startTime!: string;

  @ApiProperty({ example: '11:30', description: 'End, time of day in Europe/Paris, after the start' })
  @Matches(TIME_OF_DAY, { message: 'endTime must be a time of day (HH:MM)' })
  @RefuseAs(ENCOUNTER.timeInvalid)
  endTime!: string;

  @ApiPropertyOptional({ description: "The address; leave empty when the host company's address is the place" })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  @RefuseAs(ENCOUNTER.placeInvalid)
  place?: string | null;

  @ApiPropertyOptional({ description: 'The company that hosts it (its address is the place when none is given)' })
  @IsOptional()
  @IsUUID('all', { message: 'hostCompanyId must be a company id' })
  @RefuseAs(ENCOUNTER.companyInvalid)
  hostCompanyId?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 2000, description: 'Places for candidates; none: no limit' })
  @IsOptional()
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1)
  @Max(2000)
  @RefuseAs(ENCOUNTER.capacityInvalid)
  capacity?: number | null;

  @ApiPropertyOptional({ description: 'Staff member who organises it; default: you' })
  @IsOptional()
  @IsUUID('all', { message: 'organiserId must be a user id' })
  @RefuseAs(ENCOUNTER.organiserInvalid)
  organiserId?: string | null;

  @ApiPropertyOptional({ description: 'The job lead it serves' })
  @IsOptional()
  @IsUUID('all', { message: 'leadId must be a lead id' })
  @RefuseAs(ENCOUNTER.leadInvalid)
  leadId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Companies taking part (the host is added)' })
  @IsOptional()
  @Transform(toList)
  @IsArray({ message: 'companyIds must be a list' })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'companyIds must be company ids' })
  @RefuseAs(ENCOUNTER.companyInvalid)
  companyIds?: string[];

  @ApiPropertyOptional({ description: 'What the invitees read' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(4000)
  @RefuseAs(ENCOUNTER.descriptionInvalid)
  description?: string | null;
}

export class UpdateEncounterDto extends PartialType(CreateEncounterDto) {
  @ApiProperty({ description: 'The version the edit is based on; a stale one answers 409' })
  @IsInt({ message: 'version must be the encounter version the edit is based on' })
  @Min(1)
  @RefuseAs(ENCOUNTER.versionInvalid)
  version!: number;
}

export class CancelEncounterDto extends OmitType(UpdateEncounterDto, [
  'kind',
  'title',
  'day',
  'startTime',
  'endTime',
  'place',
  'hostCompanyId',
  'capacity',
  'organiserId',
  'leadId',
  'companyIds',
  'description',
] as const) {}

export class AddParticipantsDto {
  @ApiPropertyOptional({ type: [String], description: 'Candidates to invite' })
  @IsOptional()
  @Transform(toList)
  @IsArray({ message: 'candidateIds must be a list' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'candidateIds must be candidate ids' })
  @RefuseAs(ENCOUNTER.candidatesInvalid)
  candidateIds?: string[];

  @ApiPropertyOptional({ type: [String], description: "Contacts of the encounter's companies to invite" })
  @IsOptional()
  @Transform(toList)
  @IsArray({ message: 'contactIds must be a list' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'contactIds must be contact ids' })
  @RefuseAs(ENCOUNTER.contactsInvalid)
  contactIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Staff members taking part' })
  @IsOptional()
  @Transform(toList)
  @IsArray({ message: 'userIds must be a list' })
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'userIds must be user ids' })
  @RefuseAs(ENCOUNTER.staffInvalid)
  userIds?: string[];
}

export const MARKABLE_STATUSES = ['confirmed', 'present', 'absent', 'excused'] as const;
export type MarkableStatus = (typeof MARKABLE_STATUSES)[number];

export class AttendanceEntryDto {
  @ApiProperty()
  @IsUUID('all', { message: 'participantId must be a participant id' })
  @RefuseAs(ENCOUNTER.attendanceInvalid)
  participantId!: string;

  @ApiProperty({ enum: MARKABLE_STATUSES })
  @IsIn(MARKABLE_STATUSES, { message: `status must be one of ${MARKABLE_STATUSES.join(', ')}` })
  @RefuseAs(ENCOUNTER.attendanceInvalid)
  status!: MarkableStatus;
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray({ message: 'entries must be a list' })
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  @RefuseAs(ENCOUNTER.attendanceInvalid)
  entries!: AttendanceEntryDto[];
}

export class OutcomeDto {
  @ApiProperty({ enum: ENCOUNTER_OUTCOMES })
  @IsIn(ENCOUNTER_OUTCOMES, { message: `outcome must be one of ${ENCOUNTER_OUTCOMES.join(', ')}` })
  @RefuseAs(ENCOUNTER.outcomeInvalid)
  outcome!: EncounterOutcome;

  @ApiPropertyOptional({ example: '2027-03-30', description: 'When it happened (Paris day); default: today' })
  @IsOptional()
  @IsDay('on')
  @RefuseAs(ENCOUNTER.outcomeDayInvalid)
  on?: string | null;

  @ApiPropertyOptional({ description: "The candidate's proposal (mise en relation) it became" })
  @IsOptional()
  @IsUUID('all', { message: 'proposalId must be a proposal id' })
  @RefuseAs(ENCOUNTER.outcomeLinkInvalid)
  proposalId?: string | null;

  @ApiPropertyOptional({ description: "The candidate's placement (contract or PMSMP) it became" })
  @IsOptional()
  @IsUUID('all', { message: 'placementId must be a placement id' })
  @RefuseAs(ENCOUNTER.outcomeLinkInvalid)
  placementId?: string | null;

  @ApiPropertyOptional({ description: 'The job lead it became' })
  @IsOptional()
  @IsUUID('all', { message: 'leadId must be a lead id' })
  @RefuseAs(ENCOUNTER.outcomeLinkInvalid)
  leadId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(1000)
  @RefuseAs(ENCOUNTER.outcomeNoteInvalid)
  note?: string | null;
}

export class EncounterListQuery {
  @ApiPropertyOptional({ example: '2027-03-01', description: 'First day (Paris); default: today' })
  @IsOptional()
  @IsDay('from')
  @RefuseAs(ENCOUNTER.periodInvalid)
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'Last day (Paris); default: 90 days after from' })
  @IsOptional()
  @IsDay('to')
  @RefuseAs(ENCOUNTER.periodInvalid)
  to?: string;

  @ApiPropertyOptional({ enum: ENCOUNTER_KINDS })
  @IsOptional()
  @IsIn(ENCOUNTER_KINDS, { message: `kind must be one of ${ENCOUNTER_KINDS.join(', ')}` })
  @RefuseAs(ENCOUNTER.kindInvalid)
  kind?: EncounterKind;

  @ApiPropertyOptional({ description: 'Only those of this company' })
  @IsOptional()
  @IsUUID('all', { message: 'companyId must be a company id' })
  @RefuseAs(ENCOUNTER.companyInvalid)
  companyId?: string;
}

export class OutcomeRateQuery {
  @ApiProperty({ example: '2027-01-01', description: 'Encounters from this day (Paris)' })
  @IsDay('from')
  @RefuseAs(ENCOUNTER.periodInvalid)
  from!: string;

  @ApiProperty({ example: '2027-06-30', description: 'to this day (Paris), a year at most' })
  @IsDay('to')
  @RefuseAs(ENCOUNTER.periodInvalid)
  to!: string;

  @ApiPropertyOptional({ enum: ENCOUNTER_KINDS })
  @IsOptional()
  @IsIn(ENCOUNTER_KINDS, { message: `kind must be one of ${ENCOUNTER_KINDS.join(', ')}` })
  @RefuseAs(ENCOUNTER.kindInvalid)
  kind?: EncounterKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 90, description: 'A positive outcome counts within this many days of the encounter' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'withinDays must be a whole number of days' })
  @Min(1)
  @Max(365)
  @RefuseAs(ENCOUNTER.withinDaysInvalid)
  withinDays?: number;
}
