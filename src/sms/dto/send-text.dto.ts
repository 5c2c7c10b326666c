import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trimString } from '../../common/transforms';
import { RefuseAs } from '../../common/validation';
import { SMS } from '../../refusals/index';

/** A one-off text from staff to a candidate; its length in SMS parts is checked by the service. */
export class SendTextDto {
  @ApiProperty({ example: 'Bonjour Awa, pouvez-vous passer vendredi à 10h pour signer le contrat ? Karim' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  @RefuseAs(SMS.textInvalid)
  text!: string;
}
