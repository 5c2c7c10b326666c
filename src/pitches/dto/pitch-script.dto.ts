import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { trimString, trimToNull } from '../../common/transforms';
import { HEADCOUNT_CODES } from '../../companies/headcount';
import { SCRIPT_KINDS, ScriptKind } from '../pitch-script.entity';
import { RefuseAs } from '../../common/validation';
import { PITCH } from '../../refusals/index';

const TEXT_MAX = 5000;

export class ScriptObjectionDto {
  @ApiPropertyOptional({ description: 'Keep the key of an existing objection when rewording it; new ones get one' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'key must be lower-case letters, digits or dashes' })
  @RefuseAs(PITCH.objectionKeyInvalid)
  key?: string;

  @ApiProperty({ example: 'Nous ne recrutons pas en ce moment.' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'objection is required' })
  @MaxLength(500)
  objection!: string;

  @ApiProperty({ example: 'Justement : beaucoup d’entreprises ont un besoin qu’elles n’ont pas publié…' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'answer is required' })
  @MaxLength(TEXT_MAX)
  answer!: string;
}

export class ScriptSectionsDto {
  @ApiProperty({ description: 'Handlebars text; see GET /api/pitches/placeholders' })
  @Transform(trimString)
  @IsString()
  @MaxLength(TEXT_MAX)
  @RefuseAs(PITCH.openingInvalid)
  opening!: string;

  @ApiProperty({ description: 'What the structure offers the company' })
  @Transform(trimString)
  @IsString()
  @MaxLength(TEXT_MAX)
  @RefuseAs(PITCH.offerInvalid)
  offer!: string;

  @ApiProperty({ type: [String], description: 'Questions that uncover needs never published' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  @RefuseAs(PITCH.questionsInvalid)
  questions!: string[];

  @ApiProperty({ type: [ScriptObjectionDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ScriptObjectionDto)
  @RefuseAs(PITCH.objectionsInvalid)
  objections!: ScriptObjectionDto[];

  @ApiProperty({ description: 'The closing ask' })
  @Transform(trimString)
  @IsString()
  @MaxLength(TEXT_MAX)
  @RefuseAs(PITCH.closingInvalid)
  closing!: string;
}

export class ScriptTargetingDto {
  @ApiProperty({ type: [String], example: ['47', '10.71'], description: 'NAF prefixes; empty: every sector' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^\d{2}(\.\d{1,2}[A-Z]?)?$/, { each: true, message: 'nafPrefixes must hold NAF codes or prefixes such as 47, 47.1, 47.11 or 47.11D' })
  @RefuseAs(PITCH.nafPrefixesInvalid)
  nafPrefixes!: string[];

  @ApiProperty({ type: [String], example: ['11', '12'], description: 'INSEE headcount bands; empty: every size' })
  @IsArray()
  @IsIn(HEADCOUNT_CODES, { each: true, message: `headcountBands must hold INSEE band codes (${HEADCOUNT_CODES.join(', ')})` })
  @RefuseAs(PITCH.headcountBandsInvalid)
  headcountBands!: string[];
}

export class CreateScriptDto {
  @ApiProperty({ enum: SCRIPT_KINDS })
  @IsIn(SCRIPT_KINDS, { message: `kind must be one of ${SCRIPT_KINDS.join(', ')}` })
  @RefuseAs(PITCH.kindInvalid)
  kind!: ScriptKind;

  @ApiProperty({ example: 'Premier appel — commerces de proximité' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'title is required' })
  @MaxLength(200)
  @RefuseAs(PITCH.titleInvalid)
  title!: string;

  @ApiPropertyOptional({ type: ScriptTargetingDto, description: 'Default: every company' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScriptTargetingDto)
  targeting?: ScriptTargetingDto;

  @ApiProperty({ type: ScriptSectionsDto })
  @ValidateNested()
  @Type(() => ScriptSectionsDto)
  sections!: ScriptSectionsDto;

  @ApiPropertyOptional({ description: 'What changed and why, shown in the history' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(500)
  @RefuseAs(PITCH.changeNoteInvalid)
  changeNote?: string | null;
}

/** An edit: a new version made from the one given (a stale one answers 409). */
export class UpdateScriptDto {
  @ApiProperty({ description: 'The version number the edit starts from' })
  @IsInt({ message: 'version must be the version number the edit starts from' })
  @Min(1)
  @RefuseAs(PITCH.versionInvalid)
  version!: number;

  @ApiPropertyOptional({ enum: SCRIPT_KINDS })
  @IsOptional()
  @IsIn(SCRIPT_KINDS, { message: `kind must be one of ${SCRIPT_KINDS.join(', ')}` })
  @RefuseAs(PITCH.kindInvalid)
  kind?: ScriptKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(200)
  @RefuseAs(PITCH.titleInvalid)
  title?: string;

  @ApiPropertyOptional({ type: ScriptTargetingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScriptTargetingDto)
  targeting?: ScriptTargetingDto;

  @ApiPropertyOptional({ type: ScriptSectionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScriptSectionsDto)
  sections?: ScriptSectionsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(500)
  @RefuseAs(PITCH.changeNoteInvalid)
  changeNote?: string | null;
}

export class ArchiveScriptDto {
  @ApiProperty({ description: 'true archives the script, false brings it back' })
  @IsBoolean({ message: 'archived must be true or false' })
  archived!: boolean;
}

export class ScriptListQuery {
  @ApiPropertyOptional({ enum: SCRIPT_KINDS })
  @IsOptional()
  @IsIn(SCRIPT_KINDS, { message: `kind must be one of ${SCRIPT_KINDS.join(', ')}` })
  kind?: ScriptKind;

  @ApiPropertyOptional({ description: 'true: archived scripts too' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'archived must be true or false' })
  archived?: boolean;
}

/** A candidate as a script may present them: by strengths, never by difficulties. */
export class CandidateProfileDto {
  @ApiPropertyOptional({ example: 'Samia' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(60)
  firstName?: string | null;

  @ApiPropertyOptional({ example: 'S. B.', description: 'Used when no first name is given' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(12)
  initials?: string | null;

  @ApiPropertyOptional({ example: 'Préparatrice de commandes' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  wantedJob?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['CACES 1', 'travail en équipe'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [String], example: ['ponctuelle', 'motivée par le travail physique'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  strengths?: string[];
}

export class RenderScriptDto {
  @ApiProperty()
  @IsUUID('all', { message: 'companyId must be a company id' })
  companyId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a contact id' })
  contactId?: string;

  @ApiPropertyOptional({ description: 'A version number; default the current one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ type: CandidateProfileDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CandidateProfileDto)
  candidate?: CandidateProfileDto;
}
