import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { BoardService } from '../../prospection/board.service';
import { Actor } from '../../tenancy/actor';
import { PageContext } from '../kit/page-context';
import { FOLLOW_UP_SECTIONS, followUpOwner, followUpSection } from './follow-ups.view';

const ROWS_PER_LIST = 50;

/** The « Relances » page: today's actions, those overdue, companies stalled or without an owner. */
@ApiExcludeController()
@Controller()
export class FollowUpPagesController {
  constructor(
    private readonly board: BoardService,
    private readonly pages: PageContext,
  ) {}

  @Get('relances')
  async followUps(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query('owner') ownerParam: unknown, @Res() response: Response) {
    const owner = followUpOwner(actor.role, ownerParam);
    const sections = await Promise.all(
      FOLLOW_UP_SECTIONS.map(async (section) =>
        followUpSection(section, await this.board.actions(actor, { view: section.view, owner, limit: ROWS_PER_LIST, offset: 0 })),
      ),
    );
    const context = await this.pages.build(actor, session, '/relances', {
      title: 'Mes relances',
      styles: ['/static/board.css'],
      sections,
      isManager: actor.role === 'manager' || actor.role === 'admin',
      everyone: owner === 'all',
    });
    return response.render('follow-ups/follow-ups', context);
  }
}
