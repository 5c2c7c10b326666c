import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AlertListService } from '../../alerts/alert-list.service';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { BusinessDay } from '../../common/business-day';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { LeadFilterDto } from '../../leads/dto/lead.dto';
import { LeadsService } from '../../leads/leads.service';
import { BoardService } from '../../prospection/board.service';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { FollowUpRows } from '../follow-ups/follow-up-rows';
import { FOLLOW_UP_NOTICES, followUpRow } from '../follow-ups/follow-ups.view';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { PageContext } from '../kit/page-context';
import { remindersInput } from './home.form';
import { alertRows, answeredDifficulties, dailyActions, lateLeadRow, remindersForm } from './home.view';

const ROWS = 20;

/**
 * « Ma journée », the home page: the reader's actions due today or overdue (then the team's for a
 * manager), the follow-up alerts to handle, leads past their proposal target, companies to claim;
 * each row with its action in place. And the reader's own reminders.
 */
@ApiExcludeController()
@Controller()
export class HomePagesController {
  constructor(
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly alerts: AlertListService,
    private readonly board: BoardService,
    private readonly leads: LeadsService,
    private readonly rows: FollowUpRows,
    private readonly businessDay: BusinessDay,
  ) {}

  @Get()
  async home(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query('rappels') saved: string | undefined, @Query('ok') ok: string | undefined, @Res() response: Response) {
    const isManager = actor.role === 'manager' || actor.role === 'admin';
    const page = { limit: ROWS, offset: 0 };
    const [alerts, overdue, today, teamOverdue, teamToday, unassigned, lateLeads] = await Promise.all([
      // Follow-up alerts to handle: staff see theirs, managers the structure's.
      this.alerts.list(actor, { resolved: false, limit: ROWS, offset: 0 }),
      this.board.actions(actor, { view: 'overdue', owner: 'me', ...page }),
      this.board.actions(actor, { view: 'today', owner: 'me', ...page }),
      isManager ? this.board.actions(actor, { view: 'overdue', owner: 'all', ...page }) : null,
      isManager ? this.board.actions(actor, { view: 'today', owner: 'all', ...page }) : null,
      this.board.actions(actor, { view: 'unassigned', owner: 'all', limit: 10, offset: 0 }),
      this.leads.list(actor, Object.assign(new LeadFilterDto(), { overdue: true }), { limit: 10, offset: 0 }),
    ]);
    // E-mails only say « signale des difficultés »: which ones, and the person's words, are here,
    // and showing them is a recorded read of those people.
    const answered = answeredDifficulties(alerts.items);
    await this.alerts.recordAnswersRead(actor, answered, { via: 'page', path: 'GET /' });
    const actions = dailyActions([...overdue.items, ...today.items], [...(teamOverdue?.items ?? []), ...(teamToday?.items ?? [])], actor.userId);
    const cards = [...actions.mine, ...actions.team, ...unassigned.items];
    const phones = await this.rows.phones(actor, [...new Set(cards.map((card) => card.id))]);
    const row = (card: (typeof cards)[number]) => followUpRow(card, phones.get(card.id) ?? null, 'accueil');
    const me = await this.users.get(actor, actor.userId);
    const day = this.businessDay.today();
    const context = await this.pages.build(actor, session, '/', {
      title: 'Ma journée',
      styles: ['/static/board.css', '/static/follow-ups.css'],
      scripts: ['/static/follow-ups.js'],
      notice: FOLLOW_UP_NOTICES.read(ok),
      mine: { items: actions.mine.map(row), total: overdue.total + today.total, more: overdue.total + today.total > actions.mine.length },
      team: isManager ? { items: actions.team.map(row) } : null,
      unassigned: { items: unassigned.items.map(row), total: unassigned.total },
      lateLeads: { items: lateLeads.items.map((lead) => lateLeadRow(lead, day)), total: lateLeads.total, more: lateLeads.total > lateLeads.items.length },
      alerts: { ...alerts, items: alertRows(alerts.items, answered) },
      reminders: remindersForm(me, saved),
    });
    return response.render('home/home', context);
  }

  /** Each person's own reminders: the daily digest (on or off, at what time) and meeting reminders. */
  @Post('mes-rappels')
  async saveReminders(@CurrentActor() actor: Actor, @Body() form: Record<string, unknown>, @Res() response: Response) {
    const input = remindersInput(form);
    if (!input) return response.redirect(303, '/?rappels=heure#rappels');
    await this.users.updateReminders(actor, input);
    return response.redirect(303, '/?rappels=ok#rappels');
  }

  /** An alert marked handled: gone from the list (htmx swaps its row for a short confirmation), or back to the page. */
  @Post('alertes/:id/traitee')
  async resolveAlert(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    await this.alerts.resolve(actor, id);
    variesOnHtmx(response);
    if (!isHtmx(request)) return response.redirect(303, '/#alertes');
    return response.render('partials/alert-resolved', { layout: false });
  }
}
