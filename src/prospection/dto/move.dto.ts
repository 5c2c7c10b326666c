import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { IsDay } from '../../common/dates';
import { trimString } from '../../common/transforms';
import { RefuseAs } from '../../common/validation';
import { COMPANY, PROSPECTION } from '../../refusals/index';

export class MoveCompanyDto {
  @ApiProperty({ description: 'The stage to move the company to' })
  @IsUUID('all', { message: 'stageId must be a stage id' })
  @RefuseAs(PROSPECTION.stageInvalid)
  stageId!: string;

  @ApiProperty({ description: 'The company version the move is based on; a stale one answers 409' })
  @IsInt({ message: 'version must be the company version the move is based on' })
  @Min(1)
  @RefuseAs(COMPANY.versionInvalid)
  version!: number;

  @ApiPropertyOptional({ description: 'Why (kept in the stage history)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ description: 'For "pas de besoin pour l’instant": when to come back (YYYY-MM-DD); default from the cadence' })
  @IsOptional()
  @IsDay('comeBackOn')
  comeBackOn?: string;
}
