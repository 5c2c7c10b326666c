import { Body, Controller, Get, Param, Post, Query, Redirect, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AlertListService } from '../../alerts/alert-list.service';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { PageContext } from '../kit/page-context';
import { remindersInput } from './home.form';
import { alertRows, answeredDifficulties, remindersForm } from './home.view';

/** The home page: the follow-up alerts to handle and the reader's own reminders. */
@ApiExcludeController()
@Controller()
export class HomePagesController {
  constructor(
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly alerts: AlertListService,
  ) {}

  @Get()
  @Render('home/home')
  async home(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query('rappels') saved?: string) {
    // Follow-up alerts to handle: staff see theirs, managers the structure's.
    const alerts = await this.alerts.list(actor, { resolved: false, limit: 20, offset: 0 });
    // E-mails only say « signale des difficultés »: which ones, and the person's words, are here,
    // and showing them is a recorded read of those people.
    const answered = answeredDifficulties(alerts.items);
    await this.alerts.recordAnswersRead(actor, answered, { via: 'page', path: 'GET /' });
    const me = await this.users.get(actor, actor.userId);
    return this.pages.build(actor, session, '/', {
      title: 'Accueil',
      alerts: { ...alerts, items: alertRows(alerts.items, answered) },
      reminders: remindersForm(me, saved),
    });
  }

  /** Each person's own reminders: the daily digest (on or off, at what time) and meeting reminders. */
  @Post('mes-rappels')
  async saveReminders(@CurrentActor() actor: Actor, @Body() form: Record<string, unknown>, @Res() response: Response) {
    const input = remindersInput(form);
    if (!input) return response.redirect(303, '/?rappels=heure#rappels');
    await this.users.updateReminders(actor, input);
    return response.redirect(303, '/?rappels=ok#rappels');
  }

  @Post('alertes/:id/traitee')
  @Redirect('/#alertes', 303)
  async resolveAlert(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    await this.alerts.resolve(actor, id);
  }
}
