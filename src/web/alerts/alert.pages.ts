import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AlertListService } from '../../alerts/alert-list.service';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { Actor } from '../../tenancy/actor';
import { refusal } from '../companies/company.form';
import { isFormRefusal, Raw, text } from '../kit/forms';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { PageContext } from '../kit/page-context';
import { ALERT_NOTICES, alertPage } from './alert.view';

const STYLES = ['/static/company.css'];

/**
 * An alert's page (linked from its e-mail and from « Ma journée »): the alert, the answer behind it
 * (a sensitive read, journaled), the placement, and its resolution with what was done.
 */
@ApiExcludeController()
@Controller()
export class AlertPagesController {
  constructor(
    private readonly alerts: AlertListService,
    private readonly pages: PageContext,
  ) {}

  @Get('alertes/:id')
  async alertPage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: Raw,
    @Res() response: Response,
  ) {
    return this.render(actor, session, response, id, 200, 'GET /alertes/:id', { notice: ALERT_NOTICES.read(query) });
  }

  /**
   * Marked handled, with a note when the alert page's form gives one. From « Ma journée » with htmx,
   * its row becomes a short confirmation; otherwise back to where the form was.
   */
  @Post('alertes/:id/traitee')
  async resolve(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() raw: Raw,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const note = text(raw.note);
    const fromAlertPage = text(raw.retour) === 'alerte';
    try {
      await this.alerts.resolve(actor, id, note || null);
    } catch (error) {
      if (!isFormRefusal(error) || !fromAlertPage) throw error;
      const state = refusal(error, { note }, ['note']);
      return this.render(actor, session, response, id, error.getStatus(), 'POST /alertes/:id/traitee', { note, error: state.errors.note ?? state.alert });
    }
    variesOnHtmx(response);
    if (fromAlertPage) return response.redirect(303, ALERT_NOTICES.to(`/alertes/${id}`, 'traitee'));
    if (!isHtmx(request)) return response.redirect(303, '/#alertes');
    return response.render('partials/alert-resolved', { layout: false });
  }

  private async render(
    actor: Actor,
    session: Session,
    response: Response,
    id: string,
    status: number,
    path: string,
    form: { notice?: string; note?: string; error?: string },
  ) {
    const alert = await this.alerts.get(actor, id);
    await this.alerts.recordAnswersRead(actor, [alert], { via: 'page', path });
    const context = await this.pages.build(actor, session, '/', {
      title: `Alerte : ${alert.kindLabel}`,
      styles: STYLES,
      notice: form.notice,
      problem: form.error ? 'Certaines informations sont à corriger : voir les messages à côté des champs.' : undefined,
      ...alertPage(alert, form),
    });
    return response.status(status).render('alerts/alert', context);
  }
}
