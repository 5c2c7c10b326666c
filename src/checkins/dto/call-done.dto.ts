import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trimString } from '../../common/transforms';
import { RefuseAs } from '../../common/validation';
import { CHECKIN } from '../../refusals/index';

/** A call task done: what was said (kept in the app, never e-mailed). */
export class CallDoneDto {
  @ApiProperty({ example: 'Appelée le 12 : tout va bien, horaires aménagés.' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @RefuseAs(CHECKIN.callNoteInvalid)
  note!: string;
}
