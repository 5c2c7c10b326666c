import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/env';
import { Structure } from '../structures/structure.entity';
import { Actor } from '../tenancy/actor';
import { CAP_WARNING_PERCENT, capWarningRearmed } from './sms-cap';
import { capWarnedFor, resetCapWarning, textsSentSince } from './sms-outbox.queries';
import { monthStart } from './sms-outbox.service';

export interface SmsCapView {
  monthlyCap: number;
  /** Texts counted this Paris month (each part). */
  usedThisMonth: number;
  /** Managers are warned from this many. */
  warningAt: number;
  /** The month ('YYYY-MM') managers were last warned for, if any. */
  warnedFor: string | null;
}

/** A structure's monthly SMS cap: everyone reads it with this month's use, managers change it. */
@Injectable()
export class SmsCapService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  get(actor: Actor): Promise<SmsCapView> {
    return this.dataSource.transaction(async (manager) => {
      const { smsMonthlyCap } = await manager.getRepository(Structure).findOneByOrFail({ id: actor.structureId });
      return this.view(manager, actor.structureId, smsMonthlyCap);
    });
  }

  /**
   * Sets the cap. A cap raised above the warning mark re-arms the month's warning, so that
   * managers are told again before the new cap is reached. Journaled, as the other settings.
   */
  update(actor: Actor, monthlyCap: number): Promise<SmsCapView> {
    return this.dataSource.transaction(async (manager) => {
      const structures = manager.getRepository(Structure);
      const before = await structures.findOneOrFail({ where: { id: actor.structureId }, lock: { mode: 'pessimistic_write' } });
      await structures.update({ id: actor.structureId }, { smsMonthlyCap: monthlyCap });
      await this.audit.record(manager, actor, { entity: 'structure', entityId: actor.structureId, action: 'update', before, after: { ...before, smsMonthlyCap: monthlyCap } });
      if (capWarningRearmed(await this.used(manager, actor.structureId), monthlyCap)) await resetCapWarning(manager, actor.structureId);
      return this.view(manager, actor.structureId, monthlyCap);
    });
  }

  private used(manager: EntityManager, structureId: string): Promise<number> {
    return textsSentSince(manager, structureId, monthStart(this.config.BUSINESS_TIME_ZONE, this.clock.now()));
  }

  private async view(manager: EntityManager, structureId: string, monthlyCap: number): Promise<SmsCapView> {
    return {
      monthlyCap,
      usedThisMonth: await this.used(manager, structureId),
      warningAt: Math.ceil((monthlyCap * CAP_WARNING_PERCENT) / 100),
      warnedFor: await capWarnedFor(manager, structureId),
    };
  }
}
