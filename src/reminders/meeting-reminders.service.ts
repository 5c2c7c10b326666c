import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/env';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { MailService } from '../mail/mail.service';
import { claimDueMeetings } from './meeting-reminders.queries';

/**
 * The reminder an hour before each planned meeting (a next action of type meeting with a time),
 * to the person in charge of it, unless they turned meeting reminders off.
 */
@Injectable()
export class MeetingRemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Claims the meetings starting within the hour and records their reminders, in one
   * transaction: marking `next_action_reminded_for` with the meeting's instant makes a second run
   * (or a second worker) find nothing, while a meeting moved to another time is reminded again.
   */
  async sendDue(now: Date): Promise<number> {
    const messages = await this.dataSource.transaction(async (manager) => {
      const due = await claimDueMeetings(manager, now, this.config.BUSINESS_TIME_ZONE);
      const recorded: OutboxMessage[] = [];
      for (const meeting of due) {
        recorded.push(
          await this.mail.meetingReminder(manager, {
            structureId: meeting.structure_id,
            structureName: meeting.structure_name,
            recipient: meeting.email,
            firstName: meeting.first_name,
            companyId: meeting.company_id,
            companyName: meeting.company_name,
            commune: meeting.commune,
            note: meeting.note,
            time: meeting.time,
          }),
        );
      }
      return recorded;
    });
    if (messages.length) await this.outbox.dispatch(messages);
    return messages.length;
  }
}
