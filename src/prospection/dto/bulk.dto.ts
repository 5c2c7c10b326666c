import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { trimString } from '../../common/transforms';
import { RefuseAs } from '../../common/validation';
import { COMPANY, PROSPECTION } from '../../refusals/index';

export const BULK_ACTIONS = ['assign', 'tag', 'stage'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** Companies changed by one request at most (a page of the list). */
export const BULK_MAX = 100;

/** One change to several companies of the structure at once: all are changed, or none. */
export class BulkCompaniesDto {
  @ApiProperty({ type: [String], description: `The companies (1 to ${BULK_MAX})` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX)
  @IsUUID('all', { each: true })
  @RefuseAs(PROSPECTION.bulkIdsInvalid)
  ids!: string[];

  @ApiProperty({ enum: BULK_ACTIONS, description: 'assign: set the owner (null: unassigned); tag: add a tag; stage: move' })
  @IsIn(BULK_ACTIONS)
  @RefuseAs(PROSPECTION.bulkActionInvalid)
  action!: BulkAction;

  @ApiPropertyOptional({ nullable: true, description: 'For assign: a staff member of the structure, or null' })
  @ValidateIf((input: BulkCompaniesDto) => input.action === 'assign' && input.ownerId !== null)
  @IsUUID('all')
  @RefuseAs(COMPANY.ownerInvalid)
  ownerId?: string | null;

  @ApiPropertyOptional({ description: 'For tag: the tag to add (at most 50 characters)' })
  @ValidateIf((input: BulkCompaniesDto) => input.action === 'tag')
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @RefuseAs(PROSPECTION.bulkTagInvalid)
  tag?: string;

  @ApiPropertyOptional({ description: 'For stage: the stage to move to' })
  @ValidateIf((input: BulkCompaniesDto) => input.action === 'stage')
  @IsUUID('all')
  @RefuseAs(PROSPECTION.stageInvalid)
  stageId?: string;

  @ApiPropertyOptional({ description: 'For stage: why (required for a closed stage, as on the board; kept in each stage history)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(1000)
  @RefuseAs(PROSPECTION.bulkReasonInvalid)
  reason?: string;
}

export class BulkResult {
  @ApiProperty({ description: 'Companies changed (those already so are left as they are)' }) updated!: number;
}
