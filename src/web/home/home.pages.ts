import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { remindersInput } from './home.form';
import { HomePage } from './home.page';

/** « Ma journée », the home page (./home.page.ts), and the reader's own reminders (alerts: ../alerts/alert.pages.ts). */
@ApiExcludeController()
@Controller()
export class HomePagesController {
  constructor(
    private readonly users: UsersService,
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
}
