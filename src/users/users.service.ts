import { asSystem } from '../tenancy/tenant-scope';
import { Injectable } from '@nestjs/common';
import { FieldConflictException } from '../common/validation';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Session } from '../auth/session.entity';
import { hashPassword } from '../auth/password';
import { Page, PageQuery } from '../common/pagination';
import { rejectNulls } from '../common/validation';
import { MailService } from '../mail/mail.service';
import { OutboxService } from '../mail/outbox.service';
import { Structure } from '../structures/structure.entity';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { userForUpdate } from './users.queries';
import { User } from './user.entity';
import { USER } from '../refusals/index';
import { because, UnprocessableRefusal } from '../refusals/refused';

/** The refusal of an e-mail some account already has, in this structure or another. */
export const EMAIL_UNAVAILABLE = 'email: this address cannot be used for a new account';

@Injectable()
export class UsersService {
  private readonly users: ScopedRepository<User>;

  constructor(
    @InjectRepository(User) repository: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {
    this.users = new ScopedRepository(repository, 'user');
  }

  async list(actor: Actor, page: PageQuery): Promise<Page<User>> {
    const [items, total] = await this.users.findAndCount(actor, {
      order: { lastName: 'ASC', firstName: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total, limit: page.limit, offset: page.offset };
  }

  get(actor: Actor, id: string): Promise<User> {
    return this.users.get(actor, id);
  }

  /** Creates the account and, in the same transaction, the welcome e-mail to send. */
  async create(actor: Actor, input: CreateUserDto): Promise<User> {
    const { password, ...fields } = input;
    const passwordHash = await hashPassword(password);
    // E-mails are unique across structures (they are the login), so a taken one must be refused;
    // the answer is the same whichever structure holds it, and names none. Looking across
    // structures is the identification path; two creations racing meet the unique index instead.
    const unavailable = () => new FieldConflictException([{ field: 'email', message: EMAIL_UNAVAILABLE, ...because(USER.emailUnavailable) }]);
    const taken = await asSystem('identify', () => this.dataSource.getRepository(User).exist({ where: { email: fields.email } }));
    if (taken) throw unavailable();
    const { user, welcome } = await this.dataSource.transaction(async (manager) => {
      const users = this.users.withManager(manager);
      const user = await users.save(actor, users.create(actor, { ...fields, phone: fields.phone ?? null, passwordHash })).catch((error: unknown) => {
        throw (error as { code?: string }).code === '23505' ? unavailable() : error;
      });
      // The trail tells that a password was set, never the hash.
      await this.audit.record(manager, actor, {
        entity: 'user',
        entityId: user.id,
        action: 'create',
        before: null,
        after: user,
        extra: { password: { changed: true } },
      });
      const structure = await manager.getRepository(Structure).findOneByOrFail({ id: actor.structureId });
      const author = await users.get(actor, actor.userId);
      const welcome = await this.mail.welcome(manager, user, structure, author);
      return { user, welcome };
    });
    await this.outbox.dispatch([welcome]);
    return user;
  }

  /** A person's own reminder settings. */
  async updateReminders(
    actor: Actor,
    settings: Pick<User, 'digestEnabled' | 'digestTime' | 'meetingRemindersEnabled'>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const users = this.users.withManager(manager);
      const before = await this.locked(users, actor, actor.userId);
      await manager.getRepository(User).update({ id: actor.userId, structureId: actor.structureId }, settings);
      const after = await users.get(actor, actor.userId);
      await this.audit.record(manager, actor, { entity: 'user', entityId: actor.userId, action: 'update', before, after });
    });
  }

  /** Edits an account; `active: false` deactivates it and ends its sessions at once. */
  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<User> {
    rejectNulls(input, ['firstName', 'lastName', 'role', 'active']);
    if (id === actor.userId && (input.active === false || (input.role && input.role !== 'admin'))) {
      throw new UnprocessableRefusal(because(USER.selfDeactivation), 'You cannot deactivate yourself or remove your own admin role');
    }
    return this.dataSource.transaction(async (manager) => {
      const users = this.users.withManager(manager);
      const user = await this.locked(users, actor, id);
      const before = { ...user };
      // Only the fields sent: an absent one (undefined on the DTO) keeps its value.
      Object.assign(user, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)));
      await users.save(actor, user);
      const saved = await users.get(actor, id);
      const action = before.active && !saved.active ? 'deactivate' : 'update';
      await this.audit.record(manager, actor, { entity: 'user', entityId: id, action, before, after: saved });
      if (input.active === false) await manager.getRepository(Session).delete({ userId: id });
      return saved;
    });
  }

  /** The account, row-locked for the transaction, so the trail's « before » is what was really replaced. */
  private async locked(users: ScopedRepository<User>, actor: Actor, id: string): Promise<User> {
    await users.get(actor, id); // 404 for a missing account or another structure's
    return userForUpdate(users, actor, id);
  }
}
