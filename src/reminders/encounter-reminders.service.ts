import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/env';
import { calendarDayIn, daysBetween } from '../common/calendar/working-days';
import { Company } from '../companies/company.entity';
import { Encounter } from '../encounters/encounter.entity';
import { encounterPlace, EncounterInvitations } from '../encounters/encounter-invitations';
import { reminderInstants } from '../encounters/encounter-rules';
import { participantRows } from '../encounters/encounters.queries';
import { MailService } from '../mail/mail.service';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { Structure } from '../structures/structure.entity';
import { User } from '../users/user.entity';
import { claimReminder, upcomingUnreminded } from './encounter-reminders.queries';

/** Two working days before 09:00 can be up to five calendar days before (a long weekend). */
const LOOK_AHEAD_DAYS = 7;

/**
 * The reminders of an encounter to its invitees (candidates and contacts who were not excused and
 * can be e-mailed): at 09:00 two working days before its day, and two hours before it starts.
 * Each is claimed on the encounter row with the start it was sent for, in the transaction that
 * writes its e-mails: a second scan (or worker) finds nothing, a moved encounter is reminded again.
 * A reminder whose time had passed when the encounter was booked is not sent (the invitation was).
 */
@Injectable()
export class EncounterRemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly invitations: EncounterInvitations,
    private readonly config: AppConfig,
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
        const messages = await this.dataSource.transaction(async (manager) => {
          if (!(await claimReminder(manager, encounter.id, which, encounter.starts_at))) return [];
          return this.record(manager, encounter.id, which, daysBetween(calendarDayIn(timeZone, now), day));
        });
        if (messages.length) await this.outbox.dispatch(messages);
        sent += messages.length;
      }
    }
    return sent;
  }

  private async record(manager: EntityManager, encounterId: string, which: 'early' | 'late', daysAhead: number): Promise<OutboxMessage[]> {
    const encounter = await manager.getRepository(Encounter).findOneByOrFail({ id: encounterId });
    const structure = await manager.getRepository(Structure).findOneByOrFail({ id: encounter.structureId });
    const organiser = encounter.organiserId ? await manager.getRepository(User).findOneBy({ id: encounter.organiserId }) : null;
    const host = encounter.hostCompanyId ? await manager.getRepository(Company).findOneBy({ id: encounter.hostCompanyId }) : null;
    const context = this.invitations.mailContext(
      encounter,
      structure.name,
      organiser ? `${organiser.firstName} ${organiser.lastName}` : structure.name,
      encounterPlace(encounter, host),
      'new',
    );
    const whenLabel = which === 'late' || daysAhead <= 0 ? 'aujourd’hui' : daysAhead === 1 ? 'demain' : `dans ${daysAhead} jours`;
    const people = (await participantRows(manager, encounter.structureId, encounter.id)).filter(
      (person) =>
        person.party !== 'staff' && (person.status === 'invited' || person.status === 'confirmed') && person.email && !person.email_opt_out,
    );
    const messages: OutboxMessage[] = [];
    for (const person of people) {
      messages.push(
        await this.mail.encounterReminder(manager, {
          structureId: encounter.structureId,
          recipient: person.email as string,
          context: { ...context, firstName: person.first_name, whenLabel },
        }),
      );
    }
    return messages;
  }
}
