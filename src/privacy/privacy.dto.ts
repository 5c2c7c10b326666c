import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { trimString } from '../common/transforms';
import { refusedAs } from '../common/validation';
import { PRIVACY } from '../refusals/index';

export const RETENTION_MONTHS_MIN = 3;
export const RETENTION_MONTHS_MAX = 120;
/** As Les emplois de l'inclusion: 2 years without activity by default, settable from 1 to 10 years. */
export const INACTIVITY_RETENTION_MONTHS_MIN = 12;
export const INACTIVITY_RETENTION_MONTHS_MAX = 120;

/**
 * How long a structure keeps the identity of the people it accompanied after their exit, and of
 * people still on their path and company contacts after their last activity.
 */
export class RetentionSettingsDto {
  @ApiProperty({ example: 24, minimum: RETENTION_MONTHS_MIN, maximum: RETENTION_MONTHS_MAX, description: 'Months after the exit date' })
  @IsInt({ message: 'retentionMonths must be a whole number of months' })
  @Min(RETENTION_MONTHS_MIN, { message: `retentionMonths must be at least ${RETENTION_MONTHS_MIN}` })
  @Max(RETENTION_MONTHS_MAX, { message: `retentionMonths must be at most ${RETENTION_MONTHS_MAX}` })
  retentionMonths!: number;

  @ApiProperty({
    required: false,
    example: 24,
    minimum: INACTIVITY_RETENTION_MONTHS_MIN,
    maximum: INACTIVITY_RETENTION_MONTHS_MAX,
    description: 'Months without activity after which people still on their path and company contacts are anonymised; absent: unchanged',
  })
  // Absent: unchanged; null is refused like any other value that is not a number of months.
  @ValidateIf((_, value) => value !== undefined)
  @IsInt({ message: 'inactivityRetentionMonths must be a whole number of months' })
  @Min(INACTIVITY_RETENTION_MONTHS_MIN, { message: `inactivityRetentionMonths must be at least ${INACTIVITY_RETENTION_MONTHS_MIN}` })
  @Max(INACTIVITY_RETENTION_MONTHS_MAX, { message: `inactivityRetentionMonths must be at most ${INACTIVITY_RETENTION_MONTHS_MAX}` })
  inactivityRetentionMonths?: number;
}

export class RetentionSettingsView extends RetentionSettingsDto {
  @ApiProperty({ example: 24 })
  declare inactivityRetentionMonths: number;

  @ApiProperty({ example: 30, description: 'Days between the warning to the owner and the anonymisation, at least' })
  warningDays!: number;
}

/** A match id as the erasure preview gives it. */
export const MATCH_ID = /^[0-9a-f]{24}$/;

/** An erasure request: why (the person asked, by what means, on what day). */
export class EraseRequestDto {
  @ApiProperty({ example: 'Demande écrite de la personne reçue le 12/03/2027' })
  @Transform(trimString)
  @IsString({ message: 'reason must be text', ...refusedAs(PRIVACY.reasonRequired) })
  @IsNotEmpty({ message: 'reason is required', ...refusedAs(PRIVACY.reasonRequired) })
  @MinLength(3, { message: 'reason must be at least 3 characters long', ...refusedAs(PRIVACY.reasonRequired) })
  @MaxLength(500, { message: 'reason must be at most 500 characters long', ...refusedAs(PRIVACY.reasonTooLong) })
  reason!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['3f1c0a9b2e7d4c5a6b8e9f01'],
    description:
      'Ids of matches from the erasure preview to leave as they are; every other mention of the person in the structure’s free text is redacted (all of them when absent)',
  })
  @IsOptional()
  @IsArray({ message: 'keepMatchIds must be a list of match ids' })
  @ArrayMaxSize(10000, { message: 'keepMatchIds must hold at most 10000 ids' })
  @IsString({ each: true, message: 'keepMatchIds must be a list of match ids' })
  @Matches(MATCH_ID, { each: true, message: 'keepMatchIds must be a list of match ids' })
  keepMatchIds?: string[];
}

export class ErasureView {
  @ApiProperty({ enum: ['candidate', 'contact'] }) subjectType!: 'candidate' | 'contact';
  @ApiProperty() id!: string;
  @ApiProperty({ type: Date, description: 'When the identity was removed (the first erasure: erasing again changes nothing)' })
  erasedAt!: Date;
}

export class ErasureMatchContext {
  @ApiProperty({ example: '…rendez-vous chez le client avec ' }) before!: string;
  @ApiProperty({ example: 'M. Durand' }) match!: string;
  @ApiProperty({ example: ', qui souhaite un poste assis…' }) after!: string;
}

/** One mention of the person in the structure's free text. */
export class ErasureMatchView {
  @ApiProperty({ description: 'Stable while the text does not change; send it in keepMatchIds to keep this mention' }) id!: string;
  @ApiProperty({ example: 'activity' }) table!: string;
  @ApiProperty({ example: 'text' }) column!: string;
  @ApiProperty() rowId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'alerts[0].message', description: 'Where in a list or JSON document; null for plain text' })
  path!: string | null;
  @ApiProperty({ enum: ['name', 'email', 'phone'] }) kind!: 'name' | 'email' | 'phone';
  @ApiProperty({ example: 'Compte rendu d’un échange avec une entreprise' }) source!: string;
  @ApiProperty({ example: 'M. Durand' }) text!: string;
  @ApiProperty({ type: ErasureMatchContext }) context!: ErasureMatchContext;
  @ApiProperty({ type: Date, description: 'When the row holding the text was created' }) createdAt!: Date;
}

export class ErasurePreviewView {
  @ApiProperty({ enum: ['candidate', 'contact'] }) subjectType!: 'candidate' | 'contact';
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: Date, description: 'Set when already erased (nothing left to find)' }) erasedAt!: Date | null;
  @ApiProperty({ type: [ErasureMatchView] }) matches!: ErasureMatchView[];
}
