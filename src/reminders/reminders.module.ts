import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { DigestService } from './digest.service';
import { MeetingRemindersService } from './meeting-reminders.service';
import { EncounterRemindersService } from './encounter-reminders.service';
import { EncountersModule } from '../encounters/encounters.module';
import { RemindersController } from './reminders.controller';
import { SmsModule } from '../sms/sms.module';

/**
 * Staff reminders: the daily digest, the reminder an hour before each planned meeting (and the
 * contact's text two hours before), the
 * reminders of encounters to their invitees, and each
 * user's settings. The queue consumer and the repeatable jobs live in RemindersWorkerModule,
 * imported by the worker only.
 */
@Module({
  imports: [MailModule, UsersModule, EncountersModule, SmsModule],
  controllers: [RemindersController],
  providers: [DigestService, MeetingRemindersService, EncounterRemindersService],
  exports: [DigestService, MeetingRemindersService, EncounterRemindersService],
})
export class RemindersModule {}
