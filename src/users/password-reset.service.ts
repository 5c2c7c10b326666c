import { asSystem, withStructure } from '../tenancy/tenant-scope';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashToken } from '../auth/auth.service';
import { hashPassword, isCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/validation';
import { MailService } from '../mail/mail.service';
import { OutboxService } from '../mail/outbox.service';
import { AUTH, USER } from '../refusals/index';
import { because, StatusRefusal, UnprocessableRefusal } from '../refusals/refused';
import { Structure } from '../structures/structure.entity';
import { Actor } from '../tenancy/actor';
import { findResetLink, insertResetLink, spendResetLink } from './password-reset.queries';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** How long a reset link opens: a working day, long enough to read the e-mail, short enough to go stale. */
export const RESET_LINK_HOURS = 24;

/**
 * Password-reset links an admin sends to a member of the structure: single-use (the link's row is
 * locked while it is spent), expiring after RESET_LINK_HOURS, replaced by a newer one. The e-mail
 * carries the secret; the database only its hash (the outbox drops it once the e-mail has left).
 * Spending it ends every session of the account.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Sends a new link to the account `userId` of the admin's structure (404 for another's). */
  async send(actor: Actor, userId: string): Promise<{ expiresAt: Date }> {
    const user = await this.users.get(actor, userId);
    if (!user.active) throw new UnprocessableRefusal(because(USER.resetInactive), 'This account is deactivated: reactivate it first');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + RESET_LINK_HOURS * 3_600_000);
    const token = randomBytes(32).toString('base64url');
    const message = await this.dataSource.transaction(async (manager) => {
      await insertResetLink(manager, { structureId: actor.structureId, userId, tokenHash: hashToken(token), expiresAt, createdBy: actor.userId, now });
      const structure = await manager.getRepository(Structure).findOneByOrFail({ id: actor.structureId });
      const author = await manager.getRepository(User).findOneByOrFail({ id: actor.userId });
      // The trail says a link was sent, never the link.
      await this.audit.record(manager, actor, { entity: 'user', entityId: userId, action: 'update', extra: { passwordResetLink: { to: 'envoyé' } } });
      return this.mail.passwordReset(manager, user, structure, author, token, expiresAt);
    });
    await this.outbox.dispatch([message]);
    return { expiresAt };
  }

  /** Whom an unspent link is for (their first name, for the page), or a 410 that says nothing more. */
  async open(token: string): Promise<{ firstName: string }> {
    return { firstName: (await this.usableLink(token)).firstName };
  }

  /** The unspent link behind `token`, or the 410. The link is the credential: it is found before anyone's structure is known. */
  private async usableLink(token: string) {
    return this.usable(await asSystem('identify', () => findResetLink(this.dataSource.manager, hashToken(token))));
  }

  /** Sets the new password through the link, once: a second use, or a concurrent one, gets a 410. */
  async reset(token: string, password: string, confirmation: string): Promise<void> {
    const problems = [];
    if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH || isCommonPassword(password)) {
      problems.push({ field: 'password', message: `password must be ${PASSWORD_MIN_LENGTH} characters or more and not a common one`, ...because(AUTH.passwordWeak, { min: PASSWORD_MIN_LENGTH }) });
    } else if (password !== confirmation) {
      problems.push({ field: 'confirmation', message: 'confirmation must repeat password', ...because(AUTH.passwordsDiffer) });
    }
    // The link is checked first: a form on a dead link says so, not that the password is short.
    const { structureId } = await this.usableLink(token);
    if (problems.length) throw new ValidationFailedException(problems);
    const passwordHash = await hashPassword(password);
    await withStructure(structureId, () => this.dataSource.transaction(async (manager) => {
      const link = this.usable(await findResetLink(manager, hashToken(token), true));
      await spendResetLink(manager, link, passwordHash, this.clock.now());
      const self: Actor = { userId: link.userId, structureId: link.structureId, role: link.role };
      await this.audit.record(manager, self, { entity: 'user', entityId: link.userId, action: 'update', extra: { password: { changed: true } } });
    }));
  }

  private usable<T extends { usedAt: Date | null; expiresAt: Date; active: boolean }>(link: T | null): T {
    if (!link || link.usedAt || !link.active || link.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new StatusRefusal(HttpStatus.GONE, because(AUTH.resetLinkInvalid), 'This reset link is used, expired, replaced or unknown');
    }
    return link;
  }
}
