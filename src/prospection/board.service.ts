import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessDay } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination';
import { ValidationFailedException } from '../common/validation';
import { CardRow, CompanyCard, fetchCards, toCard } from '../companies/company-card';
import { cardQuery } from '../companies/company-card.queries';
import { applyCompanyFilter, narrowsCompanies } from '../companies/company-query';
import { CompanyFilterDto } from '../companies/dto/company.dto';
import { Actor } from '../tenancy/actor';
import { ActionsQuery, BoardQuery, BoardView, ColumnPage, ColumnQuery } from './dto/board.dto';
import { StageView } from './dto/stage.dto';
import { StagesService } from './stages.service';
import { CALLABLE_COMPANY } from './contact-pressure';
import { filteredStageCounts, keptStageCounts } from './board.queries';
import { because } from '../refusals/refused';
import { PROSPECTION } from '../refusals/index';

interface Cursor {
  due: string;
  id: string;
}

function encodeCursor(card: { id: string }, due: string): string {
  return Buffer.from(JSON.stringify([due, card.id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const [due, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const realDay = (day: unknown) =>
      typeof day === 'string' && (day === 'infinity' || (/^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)));
    if (realDay(due) && typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
      return { due: due as string, id };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new ValidationFailedException([{ field: 'cursor', message: 'cursor must be a cursor returned by the board', ...because(PROSPECTION.cursorInvalid) }]);
}

/**
 * The prospection board and the follow-up lists. Columns are read in next-action order (undated
 * last) with keyset pagination, so a column's second page stays cheap however long the column.
 */
@Injectable()
export class BoardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stages: StagesService,
    private readonly clock: Clock,
    private readonly businessDay: BusinessDay,
  ) {}

  async board(actor: Actor, query: BoardQuery): Promise<BoardView> {
    const today = this.businessDay.today();
    const stages = await this.stages.list(actor);
    const counts = await this.columnCounts(actor, query, today);
    const columns = await Promise.all(
      stages.map(async (stage) => {
        const count = counts.get(stage.id) ?? 0;
        const page = count ? await this.columnPage(actor, stage.id, query, undefined, query.limit, today) : { cards: [], nextCursor: null };
        return { stage: StageView.of(stage), count, ...page };
      }),
    );
    return { columns, today };
  }

  /**
   * Companies per column. Unfiltered, from the counts the triggers keep (a few rows, however large
   * the structure); filtered, counted on the companies the filter selects.
   */
  private async columnCounts(actor: Actor, filter: CompanyFilterDto, today: string): Promise<Map<string, number>> {
    const rows = narrowsCompanies(filter)
      ? await filteredStageCounts(this.dataSource, actor.structureId, filter, today)
      : await keptStageCounts(this.dataSource, actor.structureId);
    return new Map(rows.map((row) => [row.stage_id, row.count]));
  }

  async column(actor: Actor, stageId: string, query: ColumnQuery): Promise<ColumnPage> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    await this.stages.get(actor, stageId);
    return this.columnPage(actor, stageId, query, cursor, query.limit, this.businessDay.today());
  }

  private async columnPage(
    actor: Actor,
    stageId: string,
    filter: CompanyFilterDto,
    cursor: Cursor | undefined,
    limit: number,
    today: string,
  ): Promise<ColumnPage> {
    const query = applyCompanyFilter(cardQuery(this.dataSource, actor.structureId, this.clock.now()), actor.structureId, filter, today)
      .andWhere('c.stage_id = :stageId', { stageId })
      .addSelect('c.board_due', 'board_due')
      .orderBy('c.board_due', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit + 1);
    if (cursor) query.andWhere('(c.board_due, c.id) > (CAST(:cursorDue AS date), CAST(:cursorId AS uuid))', { cursorDue: cursor.due, cursorId: cursor.id });
    const rows = await query.getRawMany<CardRow & { board_due: string }>();
    const cards = rows.slice(0, limit).map((row) => toCard(row, today));
    const last = rows[limit - 1];
    return { cards, nextCursor: rows.length > limit && last ? encodeCursor(last, last.board_due) : null };
  }

  /** My actions for today, overdue ones, stalled companies, unassigned companies. */
  async actions(actor: Actor, query: ActionsQuery): Promise<Page<CompanyCard>> {
    const today = this.businessDay.today();
    const list = cardQuery(this.dataSource, actor.structureId, this.clock.now());
    const owner = query.owner === 'me' ? actor.userId : query.owner;
    if (query.view === 'today' || query.view === 'overdue') {
      list.andWhere(query.view === 'today' ? 'c.next_action_due = :today' : 'c.next_action_due < :today', { today });
      // A resting company, or one that asked never to be contacted, is not on anyone's list to call.
      list.andWhere(CALLABLE_COMPANY, { today });
      if (owner !== 'all') list.andWhere('c.next_action_owner_id = :owner', { owner });
      list.orderBy('c.next_action_due', 'ASC');
    } else if (query.view === 'stalled') {
      list
        .andWhere(`s.kind = 'open' AND s.stalled_after_days IS NOT NULL`)
        .andWhere('c.stage_entered_at < CAST(:now AS timestamptz) - make_interval(days => s.stalled_after_days)')
        .orderBy('c.stage_entered_at', 'ASC');
    } else {
      list.andWhere('c.owner_id IS NULL').andWhere(`s.kind = 'open'`).orderBy('c.created_at', 'ASC');
    }
    const total = await list.clone().getCount();
    const items = await fetchCards(list.addOrderBy('c.id', 'ASC').offset(query.offset).limit(query.limit), today);
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
