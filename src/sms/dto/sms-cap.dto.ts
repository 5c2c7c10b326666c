import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { RefuseAs } from '../../common/validation';
import { SMS } from '../../refusals/index';

/** A structure's monthly SMS cap (texts, each part counted): 0 switches texts off. */
export class SmsCapDto {
  @ApiProperty({ example: 500, minimum: 0, maximum: 100000, description: 'Texts a month (Paris calendar month), each part counted; 0 sends none' })
  @IsInt({ message: 'monthlyCap must be a whole number of texts' })
  @Min(0)
  @Max(100000)
  @RefuseAs(SMS.capInvalid)
  monthlyCap!: number;
}
