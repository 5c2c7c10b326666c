import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Public } from '../auth/auth.decorators';
import { Actor } from '../tenancy/actor';
import { CalendarFeedService } from './calendar-feed.service';

/** The reader's own calendar subscription: make (or replace) its address, revoke it. */
@ApiTags('calendar')
@Controller('api/me/calendar-feed')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  /** A new subscription address, replacing the previous one. The answer is the only time it is shown. */
  @Post()
  async create(@CurrentActor() actor: Actor): Promise<{ url: string; createdAt: Date }> {
    return this.feeds.create(actor);
  }

  /** Revokes the address: it then answers 404. Revoking when there is none changes nothing. */
  @Delete()
  @HttpCode(204)
  async revoke(@CurrentActor() actor: Actor): Promise<void> {
    await this.feeds.revoke(actor);
  }
}

/**
 * The subscription itself, read by Outlook, Google Calendar or a phone without any session: the
 * secret in the address is the credential (README, « Agenda »). Not throttled: calendar clients
 * poll, and 256 random bits are not guessed.
 */
@ApiExcludeController()
@Controller('agenda')
@Public()
export class CalendarFeedPublicController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get(':secret.ics')
  async feed(@Param('secret') secret: string, @Res() response: Response) {
    const ics = await this.feeds.ics(secret);
    response.status(200).set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store' }).send(ics);
  }
}
