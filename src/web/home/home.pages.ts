import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AlertListService } from '../../alerts/alert-list.service';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { remindersInput } from './home.form';
import { HomePage } from './home.page';

/** « Ma journée », the home page (./home.page.ts), the reader's own reminders, and alerts marked handled. */
@ApiExcludeController()
@Controller()
export class HomePagesController {
  constructor(
    private readonly users: UsersService,
    private readonly alerts: AlertListService,
    private readonly homePage: HomePage,
  ) {}

  @Get()
  async home(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query('rappels') saved: string | undefined, @Query('ok') ok: string | undefined, @Res() response: Response) {
    return this.homePage.render(actor, session, response, 200, { saved, ok });
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
