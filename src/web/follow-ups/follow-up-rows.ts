import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessDay } from '../../common/calendar/business-day';
import { Actor } from '../../tenancy/actor';
import { callPhonesOf, dueActionCount } from './follow-ups.queries';

/** What the work lists read beside the company cards: phones to call, and the day's count for the menu. */
@Injectable()
export class FollowUpRows {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDay: BusinessDay,
  ) {}

  /**
   * The phone to call per company: its main contact's (decision maker first, then the oldest
   * contact with a phone, never an erased one), else the company's switchboard. One query.
   */
  async phones(actor: Actor, companyIds: string[]): Promise<Map<string, string>> {
    if (!companyIds.length) return new Map();
    const rows = await callPhonesOf(this.dataSource.manager, actor.structureId, companyIds);
    return new Map(rows.filter((row) => row.phone).map((row) => [row.id, row.phone!]));
  }

  /** Today's work of one person: their next actions due today or overdue, on the Paris calendar day. */
  async dueCount(actor: Actor): Promise<number> {
    return dueActionCount(this.dataSource.manager, actor.structureId, actor.userId, this.businessDay.today());
  }
}
