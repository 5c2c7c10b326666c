import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/env';
import { AuditService } from '../audit/audit.service';
import { asSystem, withStructure } from '../tenancy/tenant-scope';
import { Actor } from '../tenancy/actor';
import { User } from '../users/user.entity';
import { hashPassword, verifyPassword } from './password';
import { Session } from './session.entity';
import { activeSessionByTokenHash, countLoginFailure, endSessionsBut, userWithPasswordByEmail, userWithPasswordById } from './auth.queries';
import { AUTH } from '../refusals/index';
import { because, StatusRefusal } from '../refusals/refused';

const INVALID_CREDENTIALS = 'Invalid e-mail or password';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class AccountLockedException extends StatusRefusal {
  constructor(until: Date, now: Date) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    super(HttpStatus.LOCKED, because(AUTH.locked, { minutes }), `Too many failed attempts: this account is locked for ${minutes} more minute(s)`);
  }
}

const invalidCredentials = () => new StatusRefusal(HttpStatus.UNAUTHORIZED, because(AUTH.invalidCredentials), INVALID_CREDENTIALS);

export interface LoginResult {
  token: string;
  session: Session;
  user: User;
}

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so timing does not reveal which accounts exist. */
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const now = this.clock.now();
    // Nobody's structure is known before the e-mail finds its account.
    const user = await asSystem('identify', () => userWithPasswordByEmail(this.users.manager, email.trim().toLowerCase()));
    if (!user) {
      await verifyPassword(await this.decoyHash, password);
      throw invalidCredentials();
    }
    return withStructure(user.structureId, () => this.openSession(user, password, now));
  }

  private async openSession(user: User, password: string, now: Date): Promise<LoginResult> {
    if (user.lockedUntil && user.lockedUntil > now) throw new AccountLockedException(user.lockedUntil, now);
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.recordFailure(user, now);
      throw invalidCredentials();
    }
    if (!user.active) throw invalidCredentials();

    await this.users.update(user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    const token = randomBytes(32).toString('base64url');
    const session = await this.sessions.save(
      this.sessions.create({
        tokenHash: hashToken(token),
        userId: user.id,
        structureId: user.structureId,
        csrfToken: randomBytes(24).toString('base64url'),
        expiresAt: new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3_600_000),
      }),
    );
    return { token, session, user };
  }

  /** Counted in one UPDATE so that parallel guesses cannot slip past the limit. */
  private async recordFailure(user: User, now: Date): Promise<void> {
    const lockUntil = new Date(now.getTime() + this.config.LOGIN_LOCK_MINUTES * 60_000);
    const lockedUntil = await countLoginFailure(this.users.manager, user.id, this.config.LOGIN_MAX_FAILURES, lockUntil);
    if (lockedUntil && lockedUntil > now) throw new AccountLockedException(lockedUntil, now);
  }

  /** The session and actor behind a token, or null when unknown, expired or deactivated. */
  async authenticate(token: string): Promise<{ session: Session; actor: Actor } | null> {
    // Every request comes through here: one round trip, no entity hydration.
    const row = await asSystem('identify', () => activeSessionByTokenHash(this.sessions.manager, hashToken(token)));
    if (!row || row.expires_at <= this.clock.now()) return null;
    const session = this.sessions.create({
      id: row.id,
      tokenHash: hashToken(token),
      userId: row.user_id,
      structureId: row.session_structure_id,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    });
    return { session, actor: { userId: row.user_id, structureId: row.structure_id, role: row.role } };
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
  }

  /** Changes the password and ends the person's other sessions (a stolen session dies with the old password). */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, keepSessionId?: string): Promise<void> {
    const user = await userWithPasswordById(this.users.manager, actor.userId);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new StatusRefusal(HttpStatus.UNAUTHORIZED, because(AUTH.wrongCurrentPassword), 'currentPassword is not your current password', 'currentPassword');
    }
    const passwordHash = await hashPassword(newPassword);
    await this.users.manager.transaction(async (manager) => {
      await manager.getRepository(User).update(user.id, { passwordHash });
      await endSessionsBut(manager, user.id, keepSessionId ?? null);
      // The trail says the password changed, never what it is.
      await this.audit.record(manager, actor, { entity: 'user', entityId: user.id, action: 'update', extra: { password: { changed: true } } });
    });
  }
}
