import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { calendarDayIn } from '../common/calendar/working-days';
import { wallTimeOf } from '../common/calendar/time-zone';
import { Clock } from '../common/clock';
import { frenchLongDate } from '../common/french';
import { AppConfig } from '../config/env';
import { invitationIcs, uidHost } from '../calendar/ics';
import { suppressedEmails } from '../mail/email-suppression';
import { EncounterMailContext, MailService } from '../mail/mail.service';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { Company } from '../companies/company.entity';
import { Structure } from '../structures/structure.entity';
import { User } from '../users/user.entity';
import { Encounter, ENCOUNTER_KIND_LABELS, EncounterParticipant, InvitationSkip } from './encounter.entity';
import { ParticipantRow } from './encounters.queries';

export type InvitationChange = 'new' | 'update' | 'cancel';

/** The place as invitees read it: the address given, or the host company's. */
export function encounterPlace(encounter: Pick<Encounter, 'place'>, host: Pick<Company, 'name' | 'address' | 'postcode' | 'commune'> | null): string | null {
  if (encounter.place) return encounter.place;
  if (!host) return null;
  const town = [host.postcode, host.commune].filter(Boolean).join(' ');
  return [host.name, host.address, town].filter(Boolean).join(', ');
}

/**
 * The e-mailed invitations of an encounter: one per candidate and company contact, each with its
 * own calendar event (UID stable per encounter and person, SEQUENCE the encounter's), written to
 * the outbox in the caller's transaction. Staff are not e-mailed: their calendar feed carries it.
 */
@Injectable()
export class EncounterInvitations {
  constructor(
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  uid(participantId: string): string {
    return `encounter-${participantId}@${uidHost(this.config.APP_BASE_URL)}`;
  }

  /**
   * Records the e-mails of `change` for `people` (rows of the encounter's participants) and marks
   * what each was sent; returns the outbox rows to dispatch after commit. A person without an
   * address, or whose address is on the structure's suppression list (or a contact who opted out),
   * is skipped and flagged; a cancellation only goes to those who were sent an invitation.
   */
  async send(
    manager: EntityManager,
    encounter: Encounter,
    people: ParticipantRow[],
    change: InvitationChange,
  ): Promise<OutboxMessage[]> {
    const invitees = people.filter((person) => person.party !== 'staff' && (change === 'new' || person.invited_sequence !== null));
    if (!invitees.length) return [];
    const addresses = invitees.map((person) => person.email).filter((email): email is string => !!email);
    const suppressed = await suppressedEmails(manager, this.config.SUPPRESSION_HASH_SECRET, encounter.structureId, addresses);
    const { context, organiser } = await this.mailContext(manager, encounter, change);
    const method = change === 'cancel' ? 'CANCEL' : 'REQUEST';

    const messages: OutboxMessage[] = [];
    for (const person of invitees) {
      const skipped: InvitationSkip | null = !person.email
        ? 'no_email'
        : person.email_opt_out || suppressed.has(person.email.trim().toLowerCase())
          ? 'opted_out'
          : null;
      if (skipped) {
        if (change !== 'cancel') await manager.update(EncounterParticipant, { id: person.id }, { invitationSkipped: skipped });
        continue;
      }
      const name = [person.first_name, person.last_name].filter(Boolean).join(' ');
      const ics = invitationIcs(
        method,
        {
          uid: this.uid(person.id),
          sequence: encounter.sequence,
          start: encounter.startsAt,
          end: encounter.endsAt,
          summary: `${encounter.title} — ${context.structureName}`,
          location: context.place,
          description: encounter.description,
          organizer: organiser,
          attendees: [{ name, email: person.email as string }],
          stamp: this.clock.now(),
        },
        this.config.BUSINESS_TIME_ZONE,
      );
      messages.push(
        await this.mail.encounterInvitation(manager, {
          structureId: encounter.structureId,
          recipient: person.email as string,
          context: { ...context, firstName: person.first_name },
          calendar: { method, ics },
        }),
      );
      await manager.update(EncounterParticipant, { id: person.id }, { invitedSequence: encounter.sequence, invitationSkipped: null });
    }
    return messages;
  }

  /**
   * What every e-mail about the encounter says (its invitations and reminders), read once: the
   * structure, the organiser (also the invitation's ORGANIZER, if any) and the place.
   */
  async mailContext(
    manager: EntityManager,
    encounter: Encounter,
    change: InvitationChange,
  ): Promise<{ context: EncounterMailContext; organiser: { name: string; email: string } | null }> {
    const structure = await manager.getRepository(Structure).findOneByOrFail({ id: encounter.structureId });
    const organiser = encounter.organiserId ? await manager.getRepository(User).findOneBy({ id: encounter.organiserId }) : null;
    const host = encounter.hostCompanyId ? await manager.getRepository(Company).findOneBy({ id: encounter.hostCompanyId }) : null;
    const organiserName = organiser ? `${organiser.firstName} ${organiser.lastName}` : structure.name;
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    return {
      organiser: organiser ? { name: organiserName, email: organiser.email } : null,
      context: {
        firstName: null,
        structureName: structure.name,
        organiserName,
        title: encounter.title,
        kindLabel: ENCOUNTER_KIND_LABELS[encounter.kind],
        dayLabel: frenchLongDate(calendarDayIn(timeZone, encounter.startsAt)),
        startTime: wallTimeOf(timeZone, encounter.startsAt),
        endTime: wallTimeOf(timeZone, encounter.endsAt),
        place: encounterPlace(encounter, host),
        description: encounter.description,
        isNew: change === 'new',
        isUpdate: change === 'update',
        isCancel: change === 'cancel',
      },
    };
  }
}
