import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BusinessDay, calendarDayIn } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { updateCompanyAtVersion } from '../companies/company-query';
import { Company } from '../companies/company.entity';
import { Contact } from '../contacts/contact.entity';
import { PRESSURE } from '../refusals/index';
import { french, frenchLongDay } from '../refusals/french';
import { because, ConflictRefusal } from '../refusals/refused';
import { Structure } from '../structures/structure.entity';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import type { Activity } from './activity.entity';
import { capWarningOf, isAnswered, isContact, isUnansweredAttempt, monthOf, restAfter, RestSettings } from './contact-pressure';
import { contactsBetween, noContactCompaniesOf, staffName, unansweredCallDays } from './contact-pressure.queries';

/** A warning a write carries back (the write went ahead): its code, and its French sentence. */
export interface PressureWarning {
  code: typeof PRESSURE.capReached.code;
  message: string;
  params: { max: number; count: number; by: string; on: string };
}

const DAY_MS = 86_400_000;

/**
 * Contact pressure: an employer's monthly cap and its wish never to be contacted, checked by every
 * call, e-mail and meeting request in the caller's transaction; and the automatic rest of a company
 * that never answers, started or ended in the transaction of the activity that decides it.
 */
@Injectable()
export class ContactPressureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly businessDay: BusinessDay,
    private readonly audit: AuditService,
  ) {}

  /**
   * Before a contact of `type` with the company at `at` (a logged activity, or a next action
   * booked): refused (409, nothing written) when the employer asked never to be contacted; the
   * cap's warning when this month already holds as many contacts as it accepts. Not a contact: nothing.
   */
  async check(manager: EntityManager, actor: Actor, company: Company, type: string, at: Date): Promise<PressureWarning[]> {
    if (!isContact(type)) return [];
    if (company.noContact) throw await this.noContactRefusal(manager, actor, company);
    const { start, end } = monthOf(this.businessDay.timeZone, at);
    const warning = capWarningOf(company.monthlyContactCap, await contactsBetween(manager, actor.structureId, company.id, start, end), this.businessDay.timeZone);
    return warning ? [{ code: PRESSURE.capReached.code, message: french(PRESSURE.capReached.code, warning), params: warning }] : [];
  }

  /**
   * Before e-mailing company contacts (an encounter's invitations): refused (409, nothing written)
   * when one of their companies asked never to be contacted.
   */
  async assertContactsReachable(manager: EntityManager, actor: Actor, contactIds: string[]): Promise<void> {
    if (!contactIds.length) return;
    const [company] = await noContactCompaniesOf(manager, actor.structureId, contactIds);
    if (company) {
      throw await this.noContactRefusal(manager, actor, {
        name: company.name,
        noContactSetBy: company.no_contact_set_by,
        noContactSetAt: company.no_contact_set_at,
      });
    }
  }

  /**
   * Before e-mailing company contacts an encounter's invitation (the invitations still go): the
   * cap's warning of each of their companies whose month already holds as many contacts as it accepts.
   */
  async invitationWarnings(manager: EntityManager, actor: Actor, contactIds: string[]): Promise<PressureWarning[]> {
    if (!contactIds.length) return [];
    const contacts = await manager.getRepository(Contact).findBy({ id: In(contactIds), structureId: actor.structureId });
    const companyIds = [...new Set(contacts.map((contact) => contact.companyId))];
    const companies = await manager.getRepository(Company).findBy({ id: In(companyIds), structureId: actor.structureId });
    const warnings: PressureWarning[] = [];
    for (const company of companies.filter((one) => one.monthlyContactCap !== null)) {
      warnings.push(...(await this.check(manager, actor, company, 'email', this.clock.now())));
    }
    return warnings;
  }

  /** The cap's warning the company's page shows now (this month), if any. */
  async currentWarning(actor: Actor, company: Pick<Company, 'id' | 'monthlyContactCap'>): Promise<PressureWarning | null> {
    if (company.monthlyContactCap === null) return null;
    const { start, end } = monthOf(this.businessDay.timeZone, this.clock.now());
    const warning = capWarningOf(company.monthlyContactCap, await contactsBetween(this.dataSource.manager, actor.structureId, company.id, start, end), this.businessDay.timeZone);
    return warning ? { code: PRESSURE.capReached.code, message: french(PRESSURE.capReached.code, warning), params: warning } : null;
  }

  /**
   * After an activity is saved (same transaction): an answer ends the company's rest; an unanswered
   * call that makes `attempts` of them within `months` months starts one, until that call's day +
   * `months` months. Returns whether the company changed (its version moved on).
   */
  async afterActivity(manager: EntityManager, actor: Actor, company: Company, activity: Pick<Activity, 'type' | 'outcome' | 'occurredAt'>): Promise<boolean> {
    if (isAnswered(activity.type, activity.outcome)) {
      if (company.restingUntil === null && company.restReason === null) return false;
      await this.save(manager, actor, company, { restingUntil: null, restReason: null });
      return true;
    }
    if (!isUnansweredAttempt(activity.type, activity.outcome)) return false;
    const settings = await this.restSettings(actor, manager);
    // Only the window before this call matters: a month of 31 days is the longest.
    const after = new Date(activity.occurredAt.getTime() - (settings.months + 1) * 31 * DAY_MS);
    const days = await unansweredCallDays(manager, actor.structureId, company.id, after, this.businessDay.timeZone);
    const rest = restAfter(days, settings);
    if (!rest || rest.until <= this.businessDay.today() || rest.until === company.restingUntil) return false;
    const restReason = `${rest.count} appels sans réponse en ${settings.months} mois (dernier le ${frenchLongDay(rest.lastDay)})`;
    await this.save(manager, actor, company, { restingUntil: rest.until, restReason });
    return true;
  }

  /** « Reprendre le contact »: ends the rest now; the unanswered calls before no longer count. */
  async endRest(actor: Actor, companyId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const company = await new ScopedRepository(manager.getRepository(Company), 'company').get(actor, companyId);
      await this.save(manager, actor, company, { restingUntil: null, restReason: null, restEndedAt: this.clock.now() });
    });
  }

  async restSettings(actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<RestSettings> {
    const structure = await manager.getRepository(Structure).findOneByOrFail({ id: actor.structureId });
    return { attempts: structure.restAfterAttempts, months: structure.restMonths };
  }

  /** Managers set how many unanswered calls, in how many months, put a company to rest. Journaled. */
  async updateRestSettings(actor: Actor, settings: RestSettings): Promise<RestSettings> {
    return this.dataSource.transaction(async (manager) => {
      const structures = manager.getRepository(Structure);
      const before = await structures.findOneOrFail({ where: { id: actor.structureId }, lock: { mode: 'pessimistic_write' } });
      const changes = { restAfterAttempts: settings.attempts, restMonths: settings.months };
      await structures.update({ id: actor.structureId }, changes);
      await this.audit.record(manager, actor, { entity: 'structure', entityId: actor.structureId, action: 'update', before, after: { ...before, ...changes } });
      return { attempts: settings.attempts, months: settings.months };
    });
  }

  /** Who recorded the employer's wish, when it is known: the fields a company update sets with it. */
  noContactChanges(actor: Actor, noContact: boolean): Partial<Company> {
    return noContact ? { noContact, noContactSetBy: actor.userId, noContactSetAt: this.clock.now() } : { noContact, noContactSetBy: null, noContactSetAt: null };
  }

  private async noContactRefusal(manager: EntityManager, actor: Actor, company: Pick<Company, 'name' | 'noContactSetBy' | 'noContactSetAt'>): Promise<ConflictRefusal> {
    const by = company.noContactSetBy ? await staffName(manager, actor.structureId, company.noContactSetBy) : null;
    const known = by && company.noContactSetAt ? 'yes' : 'no';
    const on = company.noContactSetAt ? calendarDayIn(this.businessDay.timeZone, company.noContactSetAt) : '';
    return new ConflictRefusal(
      because(PRESSURE.noContact, { name: company.name, known, by: by ?? '', on }),
      `company "${company.name}" asked never to be contacted: nothing was written`,
    );
  }

  private async save(manager: EntityManager, actor: Actor, company: Company, changes: Partial<Company>): Promise<void> {
    await updateCompanyAtVersion(manager, actor.structureId, company, company.version, changes);
    const after = await manager.getRepository(Company).findOneByOrFail({ id: company.id, structureId: actor.structureId });
    await this.audit.record(manager, actor, { entity: 'company', entityId: company.id, action: 'update', before: company, after });
  }
}
