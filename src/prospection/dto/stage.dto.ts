import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { trimString } from '../../common/transforms';
import { CADENCE_TRIGGERS, CADENCE_UNITS, CadenceTrigger, CadenceUnit, NEXT_ACTION_TYPES, NextActionType } from '../cadence';
import { PipelineStage, StageKind } from '../pipeline-stage.entity';

export class CreateStageDto {
  @ApiProperty({ example: 'Immersion en cours' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(80)
  name!: string;

  @ApiPropertyOptional({ description: 'Days in this stage after which a company is flagged as stalled', nullable: true })
  @IsOptional()
  @IsInt({ message: 'stalledAfterDays must be a whole number of days' })
  @Min(1)
  @Max(3650)
  stalledAfterDays?: number | null;

  @ApiPropertyOptional({ description: 'Insert before the stage now at this position (0-based); default: last open stage' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}

export class UpdateStageDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(80)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: 'stalledAfterDays must be a whole number of days' })
  @Min(1)
  @Max(3650)
  stalledAfterDays?: number | null;

  @ApiPropertyOptional({ description: 'true archives the stage (it must be empty); false restores it' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class ReorderStagesDto {
  @ApiProperty({ description: 'Every active stage id, in the wanted order' })
  @IsArray()
  @ArrayMinSize(1)
  @IsUUID('all', { each: true, message: 'stageIds must hold stage ids' })
  stageIds!: string[];
}

export class StageView {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) key!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ enum: ['open', 'no_need', 'refused'] }) kind!: StageKind;
  @ApiProperty({ nullable: true, type: Number }) stalledAfterDays!: number | null;
  @ApiProperty() archived!: boolean;

  static of(stage: PipelineStage): StageView {
    const { id, key, name, position, kind, stalledAfterDays } = stage;
    return { id, key, name, position, kind, stalledAfterDays, archived: stage.archivedAt !== null };
  }
}

export class CadenceRuleDto {
  @ApiProperty({ enum: CADENCE_TRIGGERS })
  @IsIn(CADENCE_TRIGGERS, { message: `trigger must be one of ${CADENCE_TRIGGERS.join(', ')}` })
  trigger!: CadenceTrigger;

  @ApiProperty({ enum: NEXT_ACTION_TYPES })
  @IsIn(NEXT_ACTION_TYPES, { message: `actionType must be one of ${NEXT_ACTION_TYPES.join(', ')}` })
  actionType!: NextActionType;

  @ApiProperty({ minimum: 0, maximum: 365 })
  @IsInt({ message: 'amount must be a whole number' })
  @Min(0)
  @Max(365)
  amount!: number;

  @ApiProperty({ enum: CADENCE_UNITS })
  @IsIn(CADENCE_UNITS, { message: `unit must be one of ${CADENCE_UNITS.join(', ')}` })
  unit!: CadenceUnit;
}

export class UpdateCadenceDto {
  @ApiProperty({ type: [CadenceRuleDto], description: 'The whole rule set; a trigger without a rule proposes no next action' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CadenceRuleDto)
  rules!: CadenceRuleDto[];
}
