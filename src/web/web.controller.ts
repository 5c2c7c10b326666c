import { Body, Controller, Get, HttpException, Param, Post, Query, Redirect, Render, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AuthenticatedRequest, CurrentActor, CurrentSession, Public, Roles } from '../auth/auth.decorators';
import { AlertListService } from '../alerts/alert-list.service';
import { LOGIN_THROTTLE } from '../auth/auth.controller';
import { AuthService } from '../auth/auth.service';
import { LoginThrottlerGuard } from '../auth/login-throttler.guard';
import { Session } from '../auth/session.entity';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie';
import { ValidationFailedException } from '../common/validation';
import { AppConfig } from '../config/env';
import { Actor } from '../tenancy/actor';
import { CreateUserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { FailedSendsService } from '../jobs/failed-sends.service';
import { QUEUE_BOARD_PATH } from '../jobs/queue-board';
import { DIGEST_TIME_FORMAT } from '../reminders/reminders.dto';
import { PageContext, ROLE_LABELS } from './kit/page-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { french, frenchOf } from '../refusals/french';
import { isCodedRefusal } from '../refusals/refused';


/** A local path to go back to after login; anything else (other hosts, //evil) goes home. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\w\-/?=&%.]*$/.test(next) ? next : '/';
}

/** What the login page says: the refusal's own sentence (locked, missing fields), else the one that names no cause. */
function loginError(error: unknown): string {
  if (isCodedRefusal(error)) return frenchOf(error.refusal);
  if (error instanceof ValidationFailedException) return french('auth.credentials_missing', {});
  return french('auth.invalid_credentials', {});
}

/**
 * Server-rendered pages. They call the same services as the JSON API; no business rule is
 * written twice.
 */
@ApiExcludeController()
@Controller()
export class WebController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly failedSends: FailedSendsService,
    private readonly config: AppConfig,
    private readonly alerts: AlertListService,
  ) {}

  private page(actor: Actor, session: Session, path: string, extra: Record<string, unknown> = {}) {
    return this.pages.build(actor, session, path, extra);
  }

  @Public()
  @Get('login')
  loginPage(@Req() request: AuthenticatedRequest, @Res() response: Response, @Query('next') next?: string) {
    if (request.actor) return response.redirect(303, safeNext(next));
    return response.render('login', { layout: 'layouts/bare', next: safeNext(next) });
  }

  @Public()
  @Post('login')
  @UseGuards(LoginThrottlerGuard)
  @Throttle(LOGIN_THROTTLE)
  async login(@Body() form: Record<string, unknown>, @Res() response: Response) {
    const email = typeof form.email === 'string' ? form.email : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const next = safeNext(form.next);
    try {
      if (!email || !password) throw new ValidationFailedException([]);
      const { token } = await this.auth.login(email, password);
      setSessionCookie(response, this.config, token);
      return response.redirect(303, next);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      return response
        .status(error instanceof ValidationFailedException ? 400 : error.getStatus())
        .render('login', { layout: 'layouts/bare', next, email, error: loginError(error) });
    }
  }

  @Post('logout')
  async logout(@CurrentSession() session: Session, @Res() response: Response) {
    await this.auth.logout(session.id);
    clearSessionCookie(response, this.config);
    return response.redirect(303, '/login');
  }

  @Get()
  @Render('home')
  async home(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query('rappels') saved?: string) {
    // Follow-up alerts to handle: staff see theirs, managers the structure's.
    const alerts = await this.alerts.list(actor, { resolved: false, limit: 20, offset: 0 });
    // E-mails only say « signale des difficultés »: which ones, and the person's words, are here,
    // and showing them is a recorded read of those people.
    const answered = alerts.items.filter((alert) => alert.kind === 'difficulty' && alert.checkIn?.answeredAt);
    await this.alerts.recordAnswersRead(actor, answered, { via: 'page', path: 'GET /' });
    const me = await this.users.get(actor, actor.userId);
    return this.page(actor, session, '/', {
      title: 'Accueil',
      alerts: {
        ...alerts,
        items: alerts.items.map((alert) => ({
          ...alert,
          answer: answered.includes(alert)
            ? { difficulties: alert.checkIn!.difficultyLabels.join(', '), details: alert.checkIn!.difficultyDetails }
            : null,
        })),
      },
      reminders: {
        digestEnabled: me.digestEnabled,
        digestTime: me.digestTime.slice(0, 5),
        meetingRemindersEnabled: me.meetingRemindersEnabled,
        saved: saved === 'ok',
        refused: saved === 'heure',
      },
    });
  }

  /** Each person's own reminders: the daily digest (on or off, at what time) and meeting reminders. */
  @Post('mes-rappels')
  async saveReminders(@CurrentActor() actor: Actor, @Body() form: Record<string, unknown>, @Res() response: Response) {
    const digestTime = typeof form.digestTime === 'string' ? form.digestTime : '';
    if (!DIGEST_TIME_FORMAT.test(digestTime)) return response.redirect(303, '/?rappels=heure#rappels');
    await this.users.updateReminders(actor, {
      digestEnabled: form.digestEnabled === 'on',
      digestTime,
      meetingRemindersEnabled: form.meetingRemindersEnabled === 'on',
    });
    return response.redirect(303, '/?rappels=ok#rappels');
  }

  @Post('alertes/:id/traitee')
  @Redirect('/#alertes', 303)
  async resolveAlert(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    await this.alerts.resolve(actor, id);
  }

  @Get('administration')
  @Roles('admin')
  @Render('administration')
  async administration(@CurrentActor() actor: Actor, @CurrentSession() session: Session) {
    const [users, failedSends] = await Promise.all([
      this.users.list(actor, { limit: 200, offset: 0 }),
      this.failedSends.list(actor),
    ]);
    return this.page(actor, session, '/administration', {
      title: 'Administration',
      failedSends,
      queueBoardPath: QUEUE_BOARD_PATH,
      users: users.items.map((user) => ({ ...user, roleLabel: ROLE_LABELS[user.role], isMe: user.id === actor.userId })),
    });
  }

  @Post('administration/utilisateurs')
  @Roles('admin')
  @Redirect('/administration', 303)
  async createUser(@CurrentActor() actor: Actor, @Body() input: CreateUserDto) {
    // A refusal reaches the error page as its French sentence (an address already used names no structure).
    await this.users.create(actor, input);
  }

  @Post('administration/utilisateurs/:id/desactiver')
  @Roles('admin')
  @Redirect('/administration', 303)
  async deactivateUser(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    await this.users.update(actor, id, { active: false });
  }
}
