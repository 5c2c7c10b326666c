import { wallTimeOf } from '../common/calendar/time-zone';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { calendarDayIn } from '../common/calendar/working-days';
import { Clock } from '../common/clock';
import { frenchLongDate } from '../common/french';
import { AppConfig } from '../config/env';
import { invitationIcs, uidHost } from '../calendar/ics';
import { Company } from '../companies/company.entity';
import { Contact } from '../contacts/contact.entity';
import { normaliseAddress, suppressedEmails } from '../mail/email-suppression';
import { MailService } from '../mail/mail.service';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { Structure } from '../structures/structure.entity';
import { User } from '../users/user.entity';
import { MeetingInvitation } from './meeting-invitation.entity';
import { ContactReach, invitationState, InvitationState, invitationSteps, PlannedMeeting, plannedMeeting } from './meeting-plan';

type Change = 'new' | 'move' | 'cancel';

export interface MeetingContactView {
  contact: { id: string; name: string } | null;
  invitation: InvitationState | null;
}

/**
 * The calendar invitation of a meeting booked with a company contact (« Rendez-vous fixé »): sent
 * when the next action becomes a meeting with a day, a time and a contact who can be e-mailed,
 * re-sent with the same UID and a raised SEQUENCE when it moves, cancelled when the next action
 * becomes something else, is cleared or names another contact (who gets their own). Written in
 * the transaction that changes the next action, by whoever changes it (the company page, logging
 * an activity); the caller dispatches the outbox rows once it commits.
 */
@Injectable()
export class MeetingInvitations {
  constructor(
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  uid(invitationId: string): string {
    return `meeting-${invitationId}@${uidHost(this.config.APP_BASE_URL)}`;
  }

  /** Brings the company's invitation in line with its next action (as stored, after the change). */
  async sync(manager: EntityManager, company: Company): Promise<OutboxMessage[]> {
    const invitations = manager.getRepository(MeetingInvitation);
    const live = await invitations.findOne({ where: { companyId: company.id, structureId: company.structureId, status: 'sent' }, lock: { mode: 'pessimistic_write' } });
    const meeting = plannedMeeting(company, this.config.BUSINESS_TIME_ZONE);
    const contact = meeting ? await this.contact(manager, company.structureId, meeting.contactId) : null;
    const reach = contact ? await this.reach(manager, company.structureId, contact) : null;
    const messages: OutboxMessage[] = [];
    for (const step of invitationSteps(live, meeting, reach)) {
      if (step === 'cancel' && live) {
        live.sequence += 1;
        live.status = 'cancelled';
        await invitations.save(live);
        const previous = live.contactId === contact?.id ? contact : await this.contact(manager, company.structureId, live.contactId);
        messages.push(await this.send(manager, company, live, previous, 'cancel'));
      } else if (step === 'move' && live && meeting && contact) {
        live.sequence += 1;
        live.startsAt = meeting.startsAt;
        live.endsAt = meeting.endsAt;
        live.recipient = contact.email as string;
        await invitations.save(live);
        messages.push(await this.send(manager, company, live, contact, 'move'));
      } else if (step === 'invite' && meeting && contact) {
        const created = await invitations.save(this.newInvitation(company, meeting, contact));
        messages.push(await this.send(manager, company, created, contact, 'new'));
      }
    }
    return messages;
  }

  /** Queues the rows `sync` wrote; call after the transaction commits. */
  dispatch(messages: OutboxMessage[]): Promise<void> {
    return messages.length ? this.outbox.dispatch(messages) : Promise.resolve();
  }

  /** The planned meeting's contact and what became of its invitation, for the next action view. */
  async describe(manager: EntityManager, company: Company): Promise<MeetingContactView> {
    const contact = company.nextActionContactId ? await this.contact(manager, company.structureId, company.nextActionContactId) : null;
    const meeting = plannedMeeting(company, this.config.BUSINESS_TIME_ZONE);
    const live = meeting ? await manager.getRepository(MeetingInvitation).existsBy({ companyId: company.id, structureId: company.structureId, status: 'sent' }) : false;
    const reach = meeting && contact && !live ? await this.reach(manager, company.structureId, contact) : null;
    return {
      contact: contact ? { id: contact.id, name: contactName(contact) } : null,
      invitation: invitationState(live, meeting, reach),
    };
  }

  private contact(manager: EntityManager, structureId: string, id: string): Promise<Contact | null> {
    return manager.getRepository(Contact).findOneBy({ id, structureId });
  }

  private async reach(manager: EntityManager, structureId: string, contact: Contact): Promise<ContactReach> {
    if (!contact.email || contact.erasedAt) return 'no_email';
    if (contact.emailOptOut) return 'opted_out';
    const suppressed = await suppressedEmails(manager, this.config.SUPPRESSION_HASH_SECRET, structureId, [contact.email]);
    return suppressed.has(normaliseAddress(contact.email)) ? 'opted_out' : 'ok';
  }

  private newInvitation(company: Company, meeting: PlannedMeeting, contact: Contact): MeetingInvitation {
    return Object.assign(new MeetingInvitation(), {
      structureId: company.structureId,
      companyId: company.id,
      contactId: contact.id,
      recipient: contact.email as string,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      sequence: 0,
      status: 'sent' as const,
    });
  }

  private async send(manager: EntityManager, company: Company, invitation: MeetingInvitation, contact: Contact | null, change: Change): Promise<OutboxMessage> {
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const structure = await manager.getRepository(Structure).findOneByOrFail({ id: company.structureId });
    const organiserId = company.nextActionOwnerId ?? company.ownerId;
    const organiser = organiserId ? await manager.getRepository(User).findOneBy({ id: organiserId }) : null;
    const organiserName = organiser ? `${organiser.firstName} ${organiser.lastName}` : structure.name;
    const place = companyPlace(company);
    const method = change === 'cancel' ? 'CANCEL' : 'REQUEST';
    const name = contact ? contactName(contact) : '';
    const ics = invitationIcs(
      method,
      {
        uid: this.uid(invitation.id),
        sequence: invitation.sequence,
        start: invitation.startsAt,
        end: invitation.endsAt,
        summary: `Rendez-vous ${structure.name} — ${company.name}`,
        location: place,
        organizer: organiser ? { name: organiserName, email: organiser.email } : null,
        attendees: [{ name, email: invitation.recipient }],
        stamp: this.clock.now(),
      },
      timeZone,
    );
    return this.mail.meetingInvitation(manager, {
      structureId: company.structureId,
      recipient: invitation.recipient,
      context: {
        firstName: contact?.erasedAt ? null : (contact?.firstName ?? null),
        structureName: structure.name,
        organiserName,
        companyName: company.name,
        dayLabel: frenchLongDate(calendarDayIn(timeZone, invitation.startsAt)),
        time: wallTimeOf(timeZone, invitation.startsAt),
        place,
        isNew: change === 'new',
        isMove: change === 'move',
        isCancel: change === 'cancel',
      },
      calendar: { method, ics },
    });
  }
}

function contactName(contact: Pick<Contact, 'firstName' | 'lastName'>): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}

/** Where the meeting is: the company's address. */
export function companyPlace(company: Pick<Company, 'name' | 'address' | 'postcode' | 'commune'>): string | null {
  const town = [company.postcode, company.commune].filter(Boolean).join(' ');
  const parts = [company.address, town].filter(Boolean);
  return parts.length ? [company.name, ...parts].join(', ') : null;
}
