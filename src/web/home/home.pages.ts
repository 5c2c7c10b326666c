import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { CalendarFeedService } from '../../calendar/calendar-feed.service';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { remindersInput } from './home.form';
import { HomePage } from './home.page';

/** « Ma journée », the home page (./home.page.ts), the reader's own reminders and calendar subscription (alerts: ../alerts/alert.pages.ts). */
@ApiExcludeController()
@Controller()
export class HomePagesController {
  constructor(
    private readonly users: UsersService,
    private readonly homePage: HomePage,
    private readonly calendarFeeds: CalendarFeedService,
  ) {}

  @Get()
  async home(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Query('rappels') saved: string | undefined,
    @Query('ok') ok: string | undefined,
    @Query('agenda') agenda: string | undefined,
    @Res() response: Response,
  ) {
    return this.homePage.render(actor, session, response, 200, { saved, ok, agenda });
  }

  /** Each person's own reminders: the daily digest (on or off, at what time) and meeting reminders. */
  @Post('mes-rappels')
  async saveReminders(@CurrentActor() actor: Actor, @Body() form: Record<string, unknown>, @Res() response: Response) {
    const input = remindersInput(form);
    if (!input) return response.redirect(303, '/?rappels=heure#rappels');
    await this.users.updateReminders(actor, input);
    return response.redirect(303, '/?rappels=ok#rappels');
  }

  /** The address the page was shown at after making a link, reloaded or bookmarked: back to the section. */
  @Get('mon-agenda')
  calendarFeedSection(@Res() response: Response) {
    return response.redirect(303, '/#agenda');
  }

  /**
   * A new calendar subscription address, replacing the previous one. The page is rendered here,
   * not redirected to: the address is shown this once and never travels in a URL.
   */
  @Post('mon-agenda')
  async createCalendarFeed(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Res() response: Response) {
    const { url } = await this.calendarFeeds.create(actor);
    response.set('Cache-Control', 'no-store');
    return this.homePage.render(actor, session, response, 200, {}, undefined, { feedUrl: url });
  }

  /** Revokes the reader's calendar subscription address: calendars reading it stop updating. */
  @Post('mon-agenda/revoquer')
  async revokeCalendarFeed(@CurrentActor() actor: Actor, @Res() response: Response) {
    await this.calendarFeeds.revoke(actor);
    return response.redirect(303, '/?agenda=revoque#agenda');
  }
}
