import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Matches, Max, Min } from 'class-validator';

/** A structure's follow-up cadence after each placement starts. */
export class CheckInSettingsDto {
  @ApiProperty({ type: [String], example: ['3 days', '10 days', '1 month', '2 months', '3 months', '6 months'] })
  @IsArray({ message: 'offsets must be a list such as ["3 days", "1 month"]' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(/^([1-9]\d{0,2}) (day|days|week|weeks|month|months)$/, {
    each: true,
    message: 'offsets must be written like "3 days", "2 weeks" or "1 month"',
  })
  offsets!: string[];

  @ApiProperty({ example: 5, description: 'Days without an answer before an alert' })
  @IsInt({ message: 'noAnswerDays must be a whole number of days' })
  @Min(1)
  @Max(60)
  noAnswerDays!: number;
}
