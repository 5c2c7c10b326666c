import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { RefuseAs } from '../../common/validation';
import { CHECKIN } from '../../refusals/index';
import { ALERT_RECIPIENTS, AlertRecipients } from '../follow-up-settings';

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

  @ApiPropertyOptional({ type: [String], example: ['10 days'], description: 'Steps sent to the employee only (each one of `offsets`)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  employeeOnly?: string[];

  @ApiPropertyOptional({ type: [String], example: ['6 months'], description: 'Steps sent to the employer only (each one of `offsets`)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  employerOnly?: string[];

  @ApiPropertyOptional({ enum: ALERT_RECIPIENTS, description: 'Who receives alerts: the follower (else the managers), or the follower and every manager' })
  @IsOptional()
  @IsIn(ALERT_RECIPIENTS)
  @RefuseAs(CHECKIN.alertRecipientsInvalid)
  alertRecipients?: AlertRecipients;
}

/** The settings as read: the plan's steps with who receives each, and the alert recipients. */
export class CheckInSettingsView {
  @ApiProperty({ type: [String] }) offsets!: string[];
  @ApiProperty() noAnswerDays!: number;
  @ApiProperty({ description: 'Each step with the parties it goes to', example: [{ step: '3 days', parties: ['employee', 'employer'] }] })
  steps!: Array<{ step: string; parties: string[] }>;
  @ApiProperty({ enum: ALERT_RECIPIENTS }) alertRecipients!: AlertRecipients;
}
