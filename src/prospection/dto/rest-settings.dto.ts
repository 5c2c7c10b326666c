import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { RefuseAs } from '../../common/validation';
import { PRESSURE } from '../../refusals/index';

/** How many unanswered calls, within how many months, put a company to rest (and for how long). */
export class RestSettingsDto {
  @ApiProperty({ minimum: 2, maximum: 50, example: 6, description: 'Unanswered calls that start a rest' })
  @RefuseAs(PRESSURE.restAttemptsInvalid)
  @IsInt()
  @Min(2)
  @Max(50)
  attempts!: number;

  @ApiProperty({ minimum: 1, maximum: 24, example: 3, description: 'The window they are counted in, and the length of the rest, in Paris calendar months' })
  @RefuseAs(PRESSURE.restMonthsInvalid)
  @IsInt()
  @Min(1)
  @Max(24)
  months!: number;
}
