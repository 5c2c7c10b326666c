import { Body, Controller, Get, HttpException, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AuthenticatedRequest, CurrentSession, Public } from '../../auth/auth.decorators';
import { LOGIN_THROTTLE } from '../../auth/auth.controller';
import { AuthService } from '../../auth/auth.service';
import { LoginThrottlerGuard } from '../../auth/login-throttler.guard';
import { Session } from '../../auth/session.entity';
import { clearSessionCookie, setSessionCookie } from '../../auth/session-cookie';
import { ValidationFailedException } from '../../common/validation';
import { AppConfig } from '../../config/env';
import { LOGIN_NOTICES, loginError, safeNext } from './login.view';

/** The login page and logging out. */
@ApiExcludeController()
@Controller()
export class LoginPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  loginPage(@Req() request: AuthenticatedRequest, @Res() response: Response, @Query('next') next?: string, @Query('ok') ok?: string) {
    if (request.actor) return response.redirect(303, safeNext(next));
    return response.render('auth/login', { layout: 'layouts/bare', next: safeNext(next), notice: LOGIN_NOTICES.read(ok) });
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
        .render('auth/login', { layout: 'layouts/bare', next, email, error: loginError(error) });
    }
  }

  @Post('logout')
  async logout(@CurrentSession() session: Session, @Res() response: Response) {
    await this.auth.logout(session.id);
    clearSessionCookie(response, this.config);
    return response.redirect(303, '/login');
  }
}
