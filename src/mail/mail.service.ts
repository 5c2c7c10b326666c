import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/env';
import { DigestContent, digestMailContext } from '../reminders/digest';
import { Structure } from '../structures/structure.entity';
import { User } from '../users/user.entity';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxService } from './outbox.service';

/** One method per e-mail Tremplin sends; each records an outbox row in the caller's transaction. */
@Injectable()
export class MailService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  welcome(
    manager: EntityManager,
    user: User,
    structure: Structure,
    invitedBy: Pick<User, 'firstName' | 'lastName'>,
  ): Promise<OutboxMessage> {
    return this.outbox.record(manager, {
      structureId: structure.id,
      template: 'welcome',
      recipient: user.email,
      context: {
        firstName: user.firstName,
        email: user.email,
        structureName: structure.name,
        invitedBy: `${invitedBy.firstName} ${invitedBy.lastName}`,
        loginUrl: `${this.config.APP_BASE_URL}/login`,
      },
    });
  }

  /** A single-use link to choose a new password, sent by an admin; the link carries the secret. */
  passwordReset(
    manager: EntityManager,
    user: Pick<User, 'email' | 'firstName'>,
    structure: Pick<Structure, 'id' | 'name'>,
    sentBy: Pick<User, 'firstName' | 'lastName'>,
    token: string,
    expiresAt: Date,
  ): Promise<OutboxMessage> {
    return this.outbox.record(manager, {
      structureId: structure.id,
      template: 'password-reset',
      recipient: user.email,
      context: {
        firstName: user.firstName,
        structureName: structure.name,
        sentBy: `${sentBy.firstName} ${sentBy.lastName}`,
        resetUrl: `${this.config.APP_BASE_URL}/mot-de-passe/${token}`,
        expiresAt: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: this.config.BUSINESS_TIME_ZONE }).format(expiresAt),
      },
    });
  }

  /**
   * A follow-up alert for a staff member. The message names the person, the company, the party
   * and at most the difficulty categories; free-text answers stay in the app, never in an e-mail.
   */
  staffAlert(
    manager: EntityManager,
    recipient: Pick<User, 'email' | 'firstName'>,
    structure: Pick<Structure, 'id' | 'name'>,
    alert: { id: string; kindLabel: string; message: string },
  ): Promise<OutboxMessage> {
    return this.outbox.record(manager, {
      structureId: structure.id,
      template: 'staff-alert',
      recipient: recipient.email,
      context: {
        firstName: recipient.firstName,
        structureName: structure.name,
        kindLabel: alert.kindLabel,
        message: alert.message,
        alertUrl: `${this.config.APP_BASE_URL}/alertes/${alert.id}`,
      },
    });
  }

  /** The daily digest of a staff member's follow-ups (see src/reminders/digest.ts for its content). */
  digest(
    manager: EntityManager,
    recipient: Pick<User, 'email' | 'firstName' | 'digestTime'>,
    structure: Pick<Structure, 'id' | 'name'>,
    day: string,
    content: DigestContent,
  ): Promise<OutboxMessage> {
    return this.outbox.record(manager, {
      structureId: structure.id,
      template: 'digest',
      recipient: recipient.email,
      context: digestMailContext(
        this.config.APP_BASE_URL,
        { firstName: recipient.firstName, structureName: structure.name, day, digestTime: recipient.digestTime },
        content,
      ),
    });
  }

  meetingReminder(
    manager: EntityManager,
    meeting: {
      structureId: string;
      structureName: string;
      recipient: string;
      firstName: string;
      companyId: string;
      companyName: string;
      commune: string | null;
      note: string | null;
      time: string;
    },
  ): Promise<OutboxMessage> {
    return this.outbox.record(manager, {
      structureId: meeting.structureId,
      template: 'meeting-reminder',
      recipient: meeting.recipient,
      context: {
        firstName: meeting.firstName,
        structureName: meeting.structureName,
        companyName: meeting.companyName,
        commune: meeting.commune,
        note: meeting.note,
        time: meeting.time,
        companyUrl: `${this.config.APP_BASE_URL}/entreprises/${meeting.companyId}`,
      },
    });
  }
  /**
   * An encounter's invitation, change or cancellation to one invitee, with its calendar part
   * (stored with the row: what is sent is what was decided when the change was made).
   */
  encounterInvitation(
    manager: EntityManager,
    message: { structureId: string; recipient: string; context: EncounterMailContext; calendar: { method: 'REQUEST' | 'CANCEL'; ics: string } },
  ): Promise<OutboxMessage> {
    return this.outbox.record(manager, {
      structureId: message.structureId,
      template: 'encounter-invitation',
      recipient: message.recipient,
      context: { ...message.context, calendar: message.calendar },
    });
  }

  /**
   * A meeting's invitation, move or cancellation to the company contact it is with, with its
   * calendar part (stored with the row, as for encounters).
   */
  meetingInvitation(
    manager: EntityManager,
    message: { structureId: string; recipient: string; context: MeetingMailContext; calendar: { method: 'REQUEST' | 'CANCEL'; ics: string } },
  ): Promise<OutboxMessage> {
    return this.outbox.record(manager, {
      structureId: message.structureId,
      template: 'meeting-invitation',
      recipient: message.recipient,
      context: { ...message.context, calendar: message.calendar },
    });
  }

  /** A reminder of an encounter to one invitee: two working days before (« après-demain ») or the same day. */
  encounterReminder(
    manager: EntityManager,
    message: { structureId: string; recipient: string; context: EncounterMailContext & { whenLabel: string } },
  ): Promise<OutboxMessage> {
    return this.outbox.record(manager, {
      structureId: message.structureId,
      template: 'encounter-reminder',
      recipient: message.recipient,
      context: { ...message.context },
    });
  }
}

/** What a meeting's invitation, move or cancellation shows the company contact. */
export interface MeetingMailContext {
  firstName: string | null;
  structureName: string;
  organiserName: string;
  companyName: string;
  dayLabel: string;
  time: string;
  place: string | null;
  isNew: boolean;
  isMove: boolean;
  isCancel: boolean;
}

/** What the encounter e-mails show: everything an invitee needs, nothing of the other invitees. */
export interface EncounterMailContext {
  firstName: string | null;
  structureName: string;
  organiserName: string;
  title: string;
  kindLabel: string;
  dayLabel: string;
  startTime: string;
  endTime: string;
  place: string | null;
  description: string | null;
  isNew: boolean;
  isUpdate: boolean;
  isCancel: boolean;
}
