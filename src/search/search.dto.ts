import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';
import { trimString } from '../common/transforms';
import { SEARCH_MAX_LENGTH } from './search.service';

export class SearchQueryDto {
  @ApiProperty({ description: 'Words to find (partial, case and accents ignored); under 2 characters finds nothing', maxLength: SEARCH_MAX_LENGTH })
  @Transform(trimString)
  @IsString()
  @MaxLength(SEARCH_MAX_LENGTH)
  q!: string;
}
