import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../common/dates';
import { trimToNull } from '../../common/transforms';
import { NextActionDto } from '../../companies/dto/company.dto';
import { PageQuery } from '../../common/pagination';
import { RefuseAs } from '../../common/validation';
import { COMPANY, PROSPECTION } from '../../refusals/index';
import { ACTIVITY_TYPES, ActivityType, CALL_OUTCOMES, CallOutcome } from '../activity.entity';

export class LogActivityDto {
  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES, { message: `type must be one of ${ACTIVITY_TYPES.join(', ')}` })
  @RefuseAs(PROSPECTION.activityTypeInvalid)
  type!: ActivityType;

  @ApiPropertyOptional({ enum: CALL_OUTCOMES, description: 'Calls and meetings ("no_answer": calls only)' })
  @IsOptional()
  @IsIn(CALL_OUTCOMES, { message: `outcome must be one of ${CALL_OUTCOMES.join(', ')}` })
  @RefuseAs(PROSPECTION.outcomeInvalid)
  outcome?: CallOutcome;

  @ApiPropertyOptional({ description: 'When it happened; default now' })
  @IsOptional()
  @IsInstant('occurredAt')
  @RefuseAs(PROSPECTION.occurredAtInvalid)
  occurredAt?: Date;

  @ApiPropertyOptional({ description: 'A contact of this company' })
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a contact id' })
  @RefuseAs(PROSPECTION.contactInvalid)
  contactId?: string | null;

  @ApiPropertyOptional({ description: 'The candidate it is about: its text is then erased with them' })
  @IsOptional()
  @IsUUID('all', { message: 'candidateId must be a candidate id' })
  @RefuseAs(PROSPECTION.candidateInvalid)
  candidateId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(10000)
  @RefuseAs(PROSPECTION.textInvalid)
  text?: string | null;

  @ApiPropertyOptional({ description: 'The pitch script version used (calls and meetings)' })
  @IsOptional()
  @IsUUID('all', { message: 'scriptVersionId must be a script version id' })
  @RefuseAs(PROSPECTION.scriptVersionInvalid)
  scriptVersionId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Keys of the script’s objections the company raised' })
  @IsOptional()
  @IsArray({ message: 'objections must be a list of objection keys' })
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @RefuseAs(PROSPECTION.objectionsInvalid)
  objections?: string[];

  @ApiPropertyOptional({ description: 'Why the company refused; required with the outcome "refused"' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(1000)
  @RefuseAs(PROSPECTION.refusalReasonInvalid)
  refusalReason?: string | null;

  @ApiPropertyOptional({ description: 'Move the company to this stage at the same time' })
  @IsOptional()
  @IsUUID('all', { message: 'stageId must be a stage id' })
  @RefuseAs(PROSPECTION.stageInvalid)
  stageId?: string;

  @ApiPropertyOptional({ description: 'Company version, required with stageId (a stale one answers 409)' })
  @IsOptional()
  @IsInt({ message: 'version must be the company version the move is based on' })
  @Min(1)
  @RefuseAs(COMPANY.versionInvalid)
  version?: number;

  @ApiPropertyOptional({ type: NextActionDto, description: 'Default: proposed by the structure’s cadence' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NextActionDto)
  nextAction?: NextActionDto;
}

export const TIMELINE_KINDS = [...ACTIVITY_TYPES, 'stage_change', 'encounter'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export class TimelineQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TIMELINE_KINDS, isArray: true, description: 'Comma-separated kinds to keep' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(TIMELINE_KINDS, { each: true, message: `type must be among ${TIMELINE_KINDS.join(', ')}` })
  type?: TimelineKind[];
}

export class TimelineEntry {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: TIMELINE_KINDS }) kind!: TimelineKind;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ nullable: true, type: String }) authorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) authorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactId!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The candidate it is about' }) candidateId!: string | null;
  @ApiProperty({ nullable: true, type: String }) candidateName!: string | null;
  @ApiProperty({ nullable: true, enum: CALL_OUTCOMES }) outcome!: CallOutcome | null;
  @ApiProperty({ nullable: true, type: String, description: 'Activity text, or the reason of a stage change' }) text!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromStage!: string | null;
  @ApiProperty({ nullable: true, type: String }) toStage!: string | null;
  @ApiProperty({ nullable: true, description: 'The pitch script version used' })
  script!: { id: string; title: string; number: number } | null;
  @ApiProperty({ type: [String], description: 'Objections met, as worded in that version' }) objections!: string[];
  @ApiProperty({ nullable: true, type: String }) refusalReason!: string | null;
  @ApiProperty({ nullable: true, description: 'The encounter (job dating, company visit…) the company takes part in' })
  encounter!: { id: string; kind: string; title: string } | null;
}
