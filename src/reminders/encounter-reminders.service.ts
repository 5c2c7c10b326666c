import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/env';
import { calendarDayIn, daysBetween } from '../common/calendar/working-days';
import { Encounter } from '../encounters/encounter.entity';
import { EncounterInvitations } from '../encounters/encounter-invitations';
import { reminderInstants } from '../encounters/encounter-rules';
import { parsePhone } from '../common/phone';
import { MailService } from '../mail/mail.service';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { SmsMessage } from '../sms/sms-message.entity';
import { SmsOutboxService, TextNotSendable } from '../sms/sms-outbox.service';
import { smsOptedOut } from '../sms/sms-outbox.queries';
import { SmsSettings } from '../sms/sms-settings';
import { encounterReminderText, reminderChannel } from './encounter-reminder-text';
import { claimReminder, ReminderInvitee, reminderInvitees, upcomingUnreminded } from './encounter-reminders.queries';

/** Two working days before 09:00 can be up to five calendar days before (a long weekend). */
const LOOK_AHEAD_DAYS = 7;

interface Recorded {
  mails: OutboxMessage[];
  texts: SmsMessage[];
}

/**
 * The reminders of an encounter to its invitees (candidates and contacts who were not excused):
 * at 09:00 two working days before its day, and two hours before it starts, each by e-mail or by
 * SMS as `reminderChannel` says. Each is claimed on the encounter row with the start it was sent
 * for, in the transaction that writes its e-mails and texts: a second scan (or worker) finds
 * nothing, a moved encounter is reminded again. A reminder whose time had passed when the
 * encounter was booked is not sent (the invitation was). A text due outside sending hours waits in
 * the outbox: the two-hour reminder of a 09:00 encounter leaves at 08:00, an hour later than
 * planned but still before it starts.
 */
@Injectable()
export class EncounterRemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly invitations: EncounterInvitations,
    private readonly config: AppConfig,
    private readonly sms: SmsOutboxService,
    private readonly smsSettings: SmsSettings,
  ) {}

  async sendDue(now: Date): Promise<number> {
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const upcoming = await upcomingUnreminded(this.dataSource.manager, now, LOOK_AHEAD_DAYS);
    let sent = 0;
    for (const encounter of upcoming) {
      const day = calendarDayIn(timeZone, encounter.starts_at);
      const due = reminderInstants(timeZone, day, encounter.starts_at);
      for (const which of ['early', 'late'] as const) {
        const already = which === 'early' ? encounter.early_reminder_for : encounter.late_reminder_for;
        if (already && already.getTime() === encounter.starts_at.getTime()) continue;
        if (due[which].getTime() > now.getTime() || encounter.created_at.getTime() > due[which].getTime()) continue;
        // The early reminder is pointless once the late one is due.
        if (which === 'early' && due.late.getTime() <= now.getTime()) continue;
        const { mails, texts } = await this.dataSource.transaction(async (manager): Promise<Recorded> => {
          if (!(await claimReminder(manager, encounter.id, which, encounter.starts_at))) return { mails: [], texts: [] };
          return this.record(manager, encounter.id, which, daysBetween(calendarDayIn(timeZone, now), day));
        });
        if (mails.length) await this.outbox.dispatch(mails);
        await this.sms.dispatch(texts);
        sent += mails.length + texts.length;
      }
    }
    return sent;
  }

  private async record(manager: EntityManager, encounterId: string, which: 'early' | 'late', daysAhead: number): Promise<Recorded> {
    const encounter = await manager.getRepository(Encounter).findOneByOrFail({ id: encounterId });
    const { context } = await this.invitations.mailContext(manager, encounter, 'new');
    const whenLabel = which === 'late' || daysAhead <= 0 ? 'aujourd’hui' : daysAhead === 1 ? 'demain' : `dans ${daysAhead} jours`;
    const recorded: Recorded = { mails: [], texts: [] };
    for (const person of await reminderInvitees(manager, encounter.structureId, encounter.id)) {
      const mobile = await this.textableMobile(manager, encounter.structureId, person);
      const channel = reminderChannel(which, { email: Boolean(person.email) && !person.email_opt_out, mobile: mobile !== null, prefersSms: person.prefers_sms });
      if (channel === 'sms' && mobile) {
        try {
          recorded.texts.push(
            await this.sms.record(manager, {
              structureId: encounter.structureId,
              recipient: mobile,
              content: encounterReminderText({ title: encounter.title, whenLabel, startTime: context.startTime, place: context.place, structureName: context.structureName }),
              purpose: 'encounter_reminder',
              encounterId: encounter.id,
              candidateId: person.candidate_id,
              contactId: person.contact_id,
            }),
          );
          continue;
        } catch (error) {
          // The text is always short enough and the number a mobile; should that change, the e-mail remains.
          if (!(error instanceof TextNotSendable)) throw error;
        }
      }
      if (person.email && !person.email_opt_out) {
        recorded.mails.push(
          await this.mail.encounterReminder(manager, {
            structureId: encounter.structureId,
            recipient: person.email,
            context: { ...context, firstName: person.first_name, whenLabel },
          }),
        );
      }
    }
    return recorded;
  }

  /** The invitee's mobile in E.164 if a text can reach it: SMS on, a mobile, not opted out. */
  private async textableMobile(manager: EntityManager, structureId: string, person: ReminderInvitee): Promise<string | null> {
    if (!this.smsSettings.enabled) return null;
    const phone = parsePhone(person.phone);
    if (!phone?.isMobile) return null;
    return (await smsOptedOut(manager, structureId, phone.e164)) ? null : phone.e164;
  }
}
