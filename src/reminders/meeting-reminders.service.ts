import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/env';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { MailService } from '../mail/mail.service';

interface DueMeeting {
  structure_id: string;
  structure_name: string;
  company_id: string;
  company_name: string;
  commune: string | null;
  note: string | null;
  time: string;
  email: string;
  first_name: string;
}

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
      // An UPDATE ... RETURNING answers [rows, row count] through TypeORM's query().
      const [due]: [DueMeeting[], number] = await manager.query(
        `WITH meeting AS (
           SELECT c.id, (c.next_action_due + c.next_action_time) AT TIME ZONE $2 AS at
           FROM company c
           WHERE c.next_action_type = 'meeting' AND c.next_action_time IS NOT NULL
             AND c.next_action_due BETWEEN ($1::timestamptz AT TIME ZONE $2)::date - 1 AND ($1::timestamptz AT TIME ZONE $2)::date + 1
         )
         UPDATE company c SET next_action_reminded_for = m.at
         FROM meeting m, app_user u, structure s
         WHERE c.id = m.id AND u.id = coalesce(c.next_action_owner_id, c.owner_id) AND s.id = c.structure_id
           AND u.active AND u.meeting_reminders_enabled
           AND m.at > $1::timestamptz AND m.at - interval '1 hour' <= $1::timestamptz
           AND c.next_action_reminded_for IS DISTINCT FROM m.at
         RETURNING c.structure_id, s.name AS structure_name, c.id AS company_id, c.name AS company_name, c.commune,
                   c.next_action_note AS note, to_char(c.next_action_time, 'HH24:MI') AS time, u.email, u.first_name`,
        [now.toISOString(), this.config.BUSINESS_TIME_ZONE],
      );
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
