import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parsePhone } from '../common/phone';
import { AppConfig } from '../config/env';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { MailService } from '../mail/mail.service';
import { SmsMessage } from '../sms/sms-message.entity';
import { SmsOutboxService } from '../sms/sms-outbox.service';
import { smsOptedOut } from '../sms/sms-outbox.queries';
import { SmsSettings } from '../sms/sms-settings';
import { meetingReminderText } from './encounter-reminder-text';
import { claimDueContactTexts, claimDueMeetings, DueContactText } from './meeting-reminders.queries';

/**
 * The reminder an hour before each planned meeting (a next action of type meeting with a time),
 * to the person in charge of it, unless they turned meeting reminders off; and a text two hours
 * before to the company contact it is booked with, when they prefer texts (their calendar
 * invitation went by e-mail, if they have an address).
 */
@Injectable()
export class MeetingRemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly sms: SmsOutboxService,
    private readonly smsSettings: SmsSettings,
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
    return messages.length + (await this.textContacts(now));
  }

  /** The contacts' texts, claimed and written in one transaction as the staff's e-mails are. */
  private async textContacts(now: Date): Promise<number> {
    if (!this.smsSettings.enabled) return 0;
    const texts = await this.dataSource.transaction(async (manager) => {
      const recorded: SmsMessage[] = [];
      for (const meeting of await claimDueContactTexts(manager, now, this.config.BUSINESS_TIME_ZONE)) {
        const text = await this.textOne(manager, meeting);
        if (text) recorded.push(text);
      }
      return recorded;
    });
    await this.sms.dispatch(texts);
    return texts.length;
  }

  /** Nothing for a landline or a number that said STOP: the claim stays, the meeting is not retried. */
  private async textOne(manager: EntityManager, meeting: DueContactText): Promise<SmsMessage | null> {
    const mobile = parsePhone(meeting.phone);
    if (!mobile?.isMobile || (await smsOptedOut(manager, meeting.structure_id, mobile.e164))) return null;
    return this.sms.record(manager, {
      structureId: meeting.structure_id,
      recipient: mobile.e164,
      content: meetingReminderText({ structureName: meeting.structure_name, companyName: meeting.company_name, time: meeting.time }),
      purpose: 'meeting_reminder',
      contactId: meeting.contact_id,
    });
  }
}
