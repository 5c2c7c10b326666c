import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { trimString } from '../../common/transforms';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { STRUCTURE_TYPES, StructureType } from '../structure.entity';
import { IsName } from '../../common/names';

export class UpdateStructureDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  @IsName('name')
  name?: string;

  @ApiPropertyOptional({ enum: STRUCTURE_TYPES })
  @IsOptional()
  @IsIn(STRUCTURE_TYPES, { message: `type must be one of ${STRUCTURE_TYPES.join(', ')}` })
  type?: StructureType;

  @ApiPropertyOptional({ example: 'Métropole de Lille' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  territory?: string;
}
