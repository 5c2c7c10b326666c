import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AlertListService } from '../../alerts/alert-list.service';
import { Session } from '../../auth/session.entity';
import { CalendarFeedService } from '../../calendar/calendar-feed.service';
import { BusinessDay } from '../../common/calendar/business-day';
import { LeadFilterDto } from '../../leads/dto/lead.dto';
import { LeadsService } from '../../leads/leads.service';
import { BoardService } from '../../prospection/board.service';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { FollowUpRows } from '../follow-ups/follow-up-rows';
import { FOLLOW_UP_NOTICES, followUpRow, RowState } from '../follow-ups/follow-ups.view';
import { PageContext } from '../kit/page-context';
import { agendaSection, alertRows, answeredDifficulties, dailyActions, lateLeadRow, remindersForm } from './home.view';

const ROWS = 20;

/**
 * « Ma journée », the home page: the reader's actions due today or overdue (then the team's for a
 * manager), the follow-up alerts to handle, leads past their proposal target, companies to claim;
 * each row with its action in place. Rendered by its controller, and by a row's form refused
 * without JavaScript (the row then shows its errors).
 */
@Injectable()
export class HomePage {
  constructor(
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly alerts: AlertListService,
    private readonly board: BoardService,
    private readonly leads: LeadsService,
    private readonly rows: FollowUpRows,
    private readonly businessDay: BusinessDay,
    private readonly calendarFeeds: CalendarFeedService,
  ) {}

  async render(
    actor: Actor,
    session: Session,
    response: Response,
    status: number,
    query: { saved?: string; ok?: string; agenda?: string },
    refused?: { id: string; state: RowState },
    shown: { feedUrl?: string } = {},
  ) {
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
    const row = (card: (typeof cards)[number]) =>
      followUpRow(card, phones.get(card.id) ?? null, 'accueil', refused?.id === card.id ? refused.state : {});
    const me = await this.users.get(actor, actor.userId);
    const feed = await this.calendarFeeds.status(actor);
    const day = this.businessDay.today();
    const mineTotal = overdue.total + today.total;
    const context = await this.pages.build(actor, session, '/', {
      title: 'Ma journée',
      styles: ['/static/board.css', '/static/follow-ups.css'],
      scripts: ['/static/follow-ups.js'],
      notice: FOLLOW_UP_NOTICES.read(query.ok),
      mine: { items: actions.mine.map(row), total: mineTotal, more: mineTotal > actions.mine.length },
      team: isManager ? { items: actions.team.map(row) } : null,
      unassigned: { items: unassigned.items.map(row), total: unassigned.total },
      lateLeads: { items: lateLeads.items.map((lead) => lateLeadRow(lead, day)), total: lateLeads.total, more: lateLeads.total > lateLeads.items.length },
      alerts: { ...alerts, items: alertRows(alerts.items, answered) },
      reminders: remindersForm(me, query.saved),
      agenda: agendaSection(feed, shown.feedUrl ?? null, query.agenda, this.businessDay.timeZone),
    });
    return response.status(status).render('home/home', context);
  }
}
