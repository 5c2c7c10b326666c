import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches } from 'class-validator';

export const DIGEST_TIME_FORMAT = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A user's own reminder settings (PUT replaces all three). */
export class ReminderSettingsDto {
  @ApiProperty({ description: 'Receive the daily digest on working days' })
  @IsBoolean()
  digestEnabled!: boolean;

  @ApiProperty({ example: '08:00', description: 'Time of the digest, Europe/Paris, HH:MM (00:00 to 23:59)' })
  @IsString()
  @Matches(DIGEST_TIME_FORMAT, { message: 'digestTime must be a time of day HH:MM between 00:00 and 23:59' })
  digestTime!: string;

  @ApiProperty({ description: 'Receive a reminder before each meeting (not sent yet: meetings have no time)' })
  @IsBoolean()
  meetingRemindersEnabled!: boolean;
}

export class ReminderSettingsView {
  @ApiProperty() digestEnabled!: boolean;
  @ApiProperty({ example: '08:00' }) digestTime!: string;
  @ApiProperty() meetingRemindersEnabled!: boolean;
}
