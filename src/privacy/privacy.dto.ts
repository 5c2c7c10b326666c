import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { trimString } from '../common/transforms';

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

/** An erasure request: why (the person asked, by what means, on what day). */
export class EraseRequestDto {
  @ApiProperty({ example: 'Demande écrite de la personne reçue le 12/03/2027' })
  @Transform(trimString)
  @IsString({ message: 'reason must be text' })
  @IsNotEmpty({ message: 'reason is required' })
  @MinLength(3, { message: 'reason must be at least 3 characters long' })
  @MaxLength(500, { message: 'reason must be at most 500 characters long' })
  reason!: string;
}

export class ErasureView {
  @ApiProperty({ enum: ['candidate', 'contact'] }) subjectType!: 'candidate' | 'contact';
  @ApiProperty() id!: string;
  @ApiProperty({ type: Date, description: 'When the identity was removed (the first erasure: erasing again changes nothing)' })
  erasedAt!: Date;
}
