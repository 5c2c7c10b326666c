import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { BusinessDay } from '../../common/calendar/business-day';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ValidationFailedException } from '../../common/validation';
import { CompaniesService } from '../../companies/companies.service';
import { ActivitiesService } from '../../prospection/activities.service';
import { BoardService } from '../../prospection/board.service';
import { LogActivityDto } from '../../prospection/dto/activity.dto';
import { COMPANY, PROSPECTION } from '../../refusals/index';
import { because } from '../../refusals/refused';
import { Actor } from '../../tenancy/actor';
import { refusal, version } from '../companies/company.form';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, Raw, text } from '../kit/forms';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { PageContext } from '../kit/page-context';
import { HomePage } from '../home/home.page';
import { FollowUpRows } from './follow-up-rows';
import { QUICK_LOG_FIELDS, QUICK_LOG_FORM } from './follow-ups.form';
import {
  FOLLOW_UP_NOTICES,
  FOLLOW_UP_SECTIONS,
  FollowUpReturn,
  followUpOwner,
  followUpReturn,
  followUpRow,
  followUpSection,
  followUpSort,
  rescheduledDay,
  returnAddress,
  RowState,
  sortLinks,
  sortRows,
} from './follow-ups.view';

const ROWS_PER_LIST = 50;

/**
 * The « Relances » page, a work list: today's actions, those overdue, companies stalled or without
 * an owner; each row can be done (its outcome logged), rescheduled, claimed or called.
 */
@ApiExcludeController()
@Controller()
export class FollowUpPagesController {
  constructor(
    private readonly board: BoardService,
    private readonly companies: CompaniesService,
    private readonly activities: ActivitiesService,
    private readonly rows: FollowUpRows,
    private readonly businessDay: BusinessDay,
    private readonly pages: PageContext,
    private readonly homePage: HomePage,
  ) {}

  @Get('relances')
  async followUps(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() query: Raw, @Res() response: Response) {
    return this.renderPage(actor, session, response, query, 200);
  }

  /** The row forms' addresses, reloaded after a refused post: back to the list (a company of the reader's structure only). */
  @Get(['relances/:id/fait', 'relances/:id/reporter', 'relances/:id/prendre'])
  async backToList(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.companies.get(actor, id);
    return response.redirect(303, `/relances#relance-${id}`);
  }

  @Post('relances/:id/fait')
  async done(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(QUICK_LOG_FORM)) form: PostedForm<LogActivityDto>,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const to = followUpReturn(form.values.retour);
    try {
      await this.activities.log(actor, id, form.valid());
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const state = refusal(error, form.values, QUICK_LOG_FIELDS);
      return this.refused(actor, session, request, response, id, to, error.getStatus(), { form: 'fait', ...state });
    }
    return this.answer(actor, request, response, id, to, 'fait');
  }

  @Post('relances/:id/reporter')
  async reschedule(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() raw: Raw,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const to = followUpReturn(raw.retour);
    const values = { dueOn: text(raw.dueOn), version: text(raw.version) };
    try {
      const company = await this.companies.get(actor, id);
      const day = rescheduledDay(values.dueOn, this.businessDay.today());
      if (day === 'invalid' || day === 'past') {
        throw new ValidationFailedException([
          day === 'past'
            ? { field: 'dueOn', message: 'dueOn must be today or later', ...because(PROSPECTION.rescheduleInPast) }
            : { field: 'dueOn', message: 'dueOn must be a calendar day', ...because(COMPANY.nextDueOnInvalid, { field: 'dueOn' }) },
        ]);
      }
      const next = company.nextAction;
      await this.companies.setNextAction(actor, id, {
        type: next?.type ?? 'call',
        dueOn: day,
        time: next?.time ?? null,
        note: next?.note ?? null,
        version: version(values.version),
      });
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.refused(actor, session, request, response, id, to, error.getStatus(), { form: 'reporter', ...refusal(error, values, ['dueOn']) });
    }
    return this.answer(actor, request, response, id, to, 'reportee');
  }

  @Post('relances/:id/prendre')
  async claim(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() raw: Raw,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const to = followUpReturn(raw.retour);
    try {
      await this.companies.update(actor, id, { ownerId: actor.userId, version: version(text(raw.version)) });
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.refused(actor, session, request, response, id, to, error.getStatus(), { form: 'prendre', ...refusal(error, {}, []) });
    }
    return this.answer(actor, request, response, id, to, 'prise');
  }

  /** A done post: the row again (htmx), or back to the list with its notice. */
  private async answer(actor: Actor, request: Request, response: Response, id: string, to: FollowUpReturn, key: 'fait' | 'reportee' | 'prise') {
    variesOnHtmx(response);
    if (!isHtmx(request)) return response.redirect(303, returnAddress(to, key, id));
    return this.renderRow(actor, request, response, id, to, 200, { notice: FOLLOW_UP_NOTICES.read(key) });
  }

  /** A refused post: the row with its errors (htmx), or the whole page with them in the row. */
  private async refused(actor: Actor, session: Session, request: Request, response: Response, id: string, to: FollowUpReturn, status: number, state: RowState) {
    variesOnHtmx(response);
    if (isHtmx(request)) return this.renderRow(actor, request, response, id, to, status, state);
    if (to === 'accueil') return this.homePage.render(actor, session, response, status, {}, { id, state });
    return this.renderPage(actor, session, response, {}, status, { id, state });
  }

  private async renderRow(actor: Actor, request: Request, response: Response, id: string, to: FollowUpReturn, status: number, state: RowState) {
    const company = await this.companies.get(actor, id);
    const phones = await this.rows.phones(actor, [id]);
    const session = (request as Request & { session?: Session }).session;
    // The row, and the menu's count of today's work updated out of band.
    return response.status(status).render('follow-ups/row', {
      layout: false,
      row: followUpRow(company, phones.get(id) ?? null, to, state),
      dueToday: await this.rows.dueCount(actor),
      csrfToken: session?.csrfToken,
    });
  }

  private async renderPage(actor: Actor, session: Session, response: Response, query: Raw, status: number, refused?: { id: string; state: RowState }) {
    const owner = followUpOwner(actor.role, query.owner);
    const sort = followUpSort(query.tri);
    const pages = await Promise.all(
      FOLLOW_UP_SECTIONS.map((section) => this.board.actions(actor, { view: section.view, owner, limit: ROWS_PER_LIST, offset: 0 })),
    );
    const phones = await this.rows.phones(actor, [...new Set(pages.flatMap((page) => page.items.map((item) => item.id)))]);
    const sections = FOLLOW_UP_SECTIONS.map((section, index) => {
      const page = pages[index];
      const items = sortRows(page.items, sort).map((card) =>
        followUpRow(card, phones.get(card.id) ?? null, 'relances', refused?.id === card.id ? refused.state : {}),
      );
      return followUpSection(section, { items, total: page.total });
    });
    const context = await this.pages.build(actor, session, '/relances', {
      title: 'Mes relances',
      styles: ['/static/board.css', '/static/follow-ups.css'],
      scripts: ['/static/follow-ups.js'],
      sections,
      sorts: sortLinks(sort, owner === 'all'),
      sort,
      notice: FOLLOW_UP_NOTICES.read(query),
      isManager: actor.role === 'manager' || actor.role === 'admin',
      everyone: owner === 'all',
    });
    return response.status(status).render('follow-ups/follow-ups', context);
  }
}
