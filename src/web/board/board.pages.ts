import { BOARD_MOVE_FAILURES_FR, BOARD_MOVE_REFUSALS_FR } from '../../refusals/fr/contexts/board-move';
import { embeddedJson } from '../kit/embedded-json';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { BoardService } from '../../prospection/board.service';
import { BoardQuery, ColumnQuery } from '../../prospection/dto/board.dto';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { Raw } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { columnCursor, parseBoardFilters } from './board.form';
import { cardView, columnView, ownerFilterOptions } from './board.view';

const CARDS_PER_COLUMN = 20;

/** The prospection board and the next cards of a column. */
@ApiExcludeController()
@Controller()
export class BoardPagesController {
  constructor(
    private readonly board: BoardService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
  ) {}

  @Get('prospection')
  async boardPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const filters = parseBoardFilters(raw);
    const query: BoardQuery = Object.assign(new BoardQuery(), filters.filter, { limit: CARDS_PER_COLUMN });
    const [board, team] = await Promise.all([this.board.board(actor, query), this.users.list(actor, { limit: 200, offset: 0 })]);
    const context = await this.pages.build(actor, session, '/prospection', {
      title: 'Prospection',
      styles: ['/static/board.css'],
      scripts: ['/static/vendor/sortablejs/Sortable.min.js', '/static/board.js'],
      filters,
      owners: ownerFilterOptions(team.items, filters.values.owner),
      stages: board.columns.map((column) => ({ id: column.stage.id, name: column.stage.name })),
      columns: board.columns.map(columnView),
      today: board.today,
      isManager: actor.role === 'manager' || actor.role === 'admin',
      exportHref: `/api/board/export.csv${filters.query ? `?${filters.query}` : ''}`,
      refusalsJson: embeddedJson({ refusals: BOARD_MOVE_REFUSALS_FR, failures: BOARD_MOVE_FAILURES_FR }),
    });
    return response.render('board/board', context);
  }

  /** The next cards of one column, as HTML for the board's "Voir plus" button. */
  @Get('prospection/colonnes/:stageId')
  async columnFragment(
    @CurrentActor() actor: Actor,
    @Param('stageId', ParseIdPipe) stageId: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    const filters = parseBoardFilters(raw);
    const query: ColumnQuery = Object.assign(new ColumnQuery(), filters.filter, {
      limit: CARDS_PER_COLUMN,
      cursor: columnCursor(raw),
    });
    const page = await this.board.column(actor, stageId, query);
    return response.render('partials/board-cards', { layout: false, cards: page.cards.map(cardView), nextCursor: page.nextCursor });
  }
}
