import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessDay } from '../../common/calendar/business-day';
import { Actor } from '../../tenancy/actor';

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
    const rows = (await this.dataSource.query(
      `SELECT c.id,
              COALESCE((SELECT p.phone FROM contact p
                         WHERE p.company_id = c.id AND p.structure_id = c.structure_id AND p.erased_at IS NULL
                           AND NULLIF(btrim(p.phone), '') IS NOT NULL
                         ORDER BY p.decision_maker DESC, p.created_at ASC, p.id ASC LIMIT 1),
                       NULLIF(btrim(c.phone), '')) AS phone
         FROM company c
        WHERE c.structure_id = $1 AND c.id = ANY($2::uuid[])`,
      [actor.structureId, companyIds],
    )) as Array<{ id: string; phone: string | null }>;
    return new Map(rows.filter((row) => row.phone).map((row) => [row.id, row.phone!]));
  }

  /** Today's work of one person: their next actions due today or overdue, on the Paris calendar day. */
  async dueCount(actor: Actor): Promise<number> {
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM company
        WHERE structure_id = $1 AND next_action_owner_id = $2 AND next_action_due <= $3`,
      [actor.structureId, actor.userId, this.businessDay.today()],
    )) as Array<{ count: number }>;
    return count;
  }
}
