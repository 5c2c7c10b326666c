import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/env';
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
}
