import { ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, validateSync, ValidateIf } from 'class-validator';
import { IsDay } from '../../common/dates';
import { ALERT_KINDS } from '../../alerts/staff-alert.entity';
import { CHECK_IN_PARTIES } from '../../checkins/check-in.entity';
import { fieldProblems, RefuseAs, ValidationFailedException } from '../../common/validation';
import { COMPANY_SOURCES } from '../../companies/company.entity';
import { CONTRACT_TYPES, EXIT_CATEGORIES } from '../../placements/contract-types';
import { ActivityTargets, EXPORT_TABLES } from '../report-types';
import { REPORT } from '../../refusals/index';

/** The period and filters every report takes. */
export class ReportQueryDto {
  @ApiPropertyOptional({ description: 'First Paris calendar day of the period (default: 12 months ago)' })
  @IsOptional()
  @IsDay('from')
  @RefuseAs(REPORT.fromInvalid)
  from?: string;

  @ApiPropertyOptional({ description: 'Last Paris calendar day of the period, included (default: today)' })
  @IsOptional()
  @IsDay('to')
  @RefuseAs(REPORT.toInvalid)
  to?: string;

  @ApiPropertyOptional({ description: 'One staff member (staff can only ask for themselves)' })
  @IsOptional()
  @IsUUID('all', { message: 'staffId must be a user id' })
  @RefuseAs(REPORT.staffInvalid)
  staffId?: string;

  @ApiPropertyOptional({ description: 'NAF code prefix: 56, 56.1, 56.10A (the dot is optional)' })
  @IsOptional()
  @Matches(/^\d{2}(\.?\d{1,2}[A-Za-z]?)?$/, { message: 'naf must be a NAF code or its beginning (56, 56.1, 56.10A)' })
  @RefuseAs(REPORT.nafInvalid)
  naf?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'territory must be text' })
  @MaxLength(200, { message: 'territory must be at most 200 characters' })
  @RefuseAs(REPORT.territoryInvalid)
  territory?: string;

  @ApiPropertyOptional({ enum: COMPANY_SOURCES })
  @IsOptional()
  @IsIn(COMPANY_SOURCES, { message: `source must be one of ${COMPANY_SOURCES.join(', ')}` })
  @RefuseAs(REPORT.sourceInvalid)
  source?: string;

  @ApiPropertyOptional({ description: 'The pitch script version used on the first call' })
  @IsOptional()
  @IsUUID('all', { message: 'scriptVersionId must be a script version id' })
  @RefuseAs(REPORT.scriptVersionInvalid)
  scriptVersionId?: string;

  @ApiPropertyOptional({ enum: ['week', 'month'] })
  @IsOptional()
  @IsIn(['week', 'month'], { message: 'interval must be week or month' })
  @RefuseAs(REPORT.intervalInvalid)
  interval?: 'week' | 'month';
}

/** A number's list: the metric and what narrows it. */
export class DrillQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ description: 'Which number (see docs/reports.md)' })
  @IsOptional()
  @Matches(/^(funnel|activity|outcomes)\.[a-z_0-9]{1,40}$/, { message: 'metric must be a report metric such as funnel.contacted' })
  @RefuseAs(REPORT.metricInvalid)
  metric?: string;

  @ApiPropertyOptional({ description: 'A trend bucket (its first day)' })
  @IsOptional()
  @IsDay('bucket')
  @RefuseAs(REPORT.bucketInvalid)
  bucket?: string;

  @ApiPropertyOptional({ description: 'A week of the activity report (its Monday)' })
  @IsOptional()
  @IsDay('week')
  @RefuseAs(REPORT.weekInvalid)
  week?: string;

  @ApiPropertyOptional({ enum: CONTRACT_TYPES })
  @IsOptional()
  @IsIn(CONTRACT_TYPES, { message: `contractType must be one of ${CONTRACT_TYPES.join(', ')}` })
  @RefuseAs(REPORT.contractTypeInvalid)
  contractType?: string;

  @ApiPropertyOptional({ enum: EXIT_CATEGORIES })
  @IsOptional()
  @IsIn(EXIT_CATEGORIES, { message: `category must be one of ${EXIT_CATEGORIES.join(', ')}` })
  @RefuseAs(REPORT.categoryInvalid)
  category?: string;

  @ApiPropertyOptional({ enum: CHECK_IN_PARTIES })
  @IsOptional()
  @IsIn(CHECK_IN_PARTIES, { message: `party must be one of ${CHECK_IN_PARTIES.join(', ')}` })
  @RefuseAs(REPORT.partyInvalid)
  party?: string;

  @ApiPropertyOptional({ enum: ALERT_KINDS })
  @IsOptional()
  @IsIn(ALERT_KINDS, { message: `kind must be one of ${ALERT_KINDS.join(', ')}` })
  @RefuseAs(REPORT.alertKindInvalid)
  kind?: string;
}

export class ExportQueryDto extends DrillQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_TABLES })
  @IsIn(EXPORT_TABLES, { message: `table must be one of ${EXPORT_TABLES.join(', ')}` })
  @RefuseAs(REPORT.tableInvalid)
  table!: string;
}

/** A target is checked unless it is null (no target) or the body asks for a reset. */
const checkTarget = (body: object, value: unknown) => value !== null && (body as { reset?: unknown }).reset !== true;

/** Weekly targets per activity type; null means no target. */
export class TargetsDto implements ActivityTargets {
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(checkTarget)
  @IsInt({ message: 'call must be a whole number' })
  @Min(0, { message: 'call must be between 0 and 1000' })
  @Max(1000, { message: 'call must be between 0 and 1000' })
  @RefuseAs(REPORT.targetInvalid)
  call!: number | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(checkTarget)
  @IsInt({ message: 'meeting must be a whole number' })
  @Min(0, { message: 'meeting must be between 0 and 1000' })
  @Max(1000, { message: 'meeting must be between 0 and 1000' })
  @RefuseAs(REPORT.targetInvalid)
  meeting!: number | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(checkTarget)
  @IsInt({ message: 'visit must be a whole number' })
  @Min(0, { message: 'visit must be between 0 and 1000' })
  @Max(1000, { message: 'visit must be between 0 and 1000' })
  @RefuseAs(REPORT.targetInvalid)
  visit!: number | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(checkTarget)
  @IsInt({ message: 'event must be a whole number' })
  @Min(0, { message: 'event must be between 0 and 1000' })
  @Max(1000, { message: 'event must be between 0 and 1000' })
  @RefuseAs(REPORT.targetInvalid)
  event!: number | null;
}

export class StaffTargetsDto extends TargetsDto {
  @ApiPropertyOptional({ description: 'true: back to the structure defaults (the other fields are then ignored)' })
  @IsOptional()
  @IsIn([true], { message: 'reset must be true when given' })
  @RefuseAs(REPORT.resetInvalid)
  reset?: boolean;
}

/**
 * Validates a raw query the way the API's pipe does, for callers outside it (the pages): a bad
 * value is a 400 naming the field, never a 500.
 */
export function checkedQuery(raw: object): DrillQueryDto {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value.trim() : value;
    if (text !== '') input[key] = text;
  }
  const query = plainToInstance(DrillQueryDto, input);
  const errors = validateSync(query, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length) throw new ValidationFailedException(fieldProblems(errors));
  return query;
}
