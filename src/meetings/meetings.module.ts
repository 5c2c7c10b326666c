import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { MeetingInvitation } from './meeting-invitation.entity';
import { MeetingInvitations } from './meeting-invitations.service';

/**
 * Meetings booked with a company contact and their calendar invitations. Its own small domain
 * rather than part of companies: the invitation has its own table and life (UID, sequence,
 * cancellation) and leans on mail and calendar, which the companies domain otherwise never needs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([MeetingInvitation]), MailModule],
  providers: [MeetingInvitations],
  exports: [MeetingInvitations],
})
export class MeetingsModule {}
