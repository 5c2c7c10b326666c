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
}
