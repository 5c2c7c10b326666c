import { Body, Controller, Get, HttpCode, Patch, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppConfig } from '../config/env';
import { StructuresService } from '../structures/structures.service';
import { Actor } from '../tenancy/actor';
import { UserView } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { CurrentActor, CurrentSession, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { ChangePasswordDto, LoginDto } from './dto/login.dto';
import { Session } from './session.entity';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

export const LOGIN_THROTTLE = { login: { limit: 10, ttl: 60_000 } };

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly structures: StructuresService,
    private readonly config: AppConfig,
  ) {}

  /** Opens a session: an httpOnly cookie, plus the CSRF token to send back on every write. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @Throttle(LOGIN_THROTTLE)
  async login(@Body() input: LoginDto, @Res({ passthrough: true }) response: Response) {
    const { token, session, user } = await this.auth.login(input.email, input.password);
    setSessionCookie(response, this.config, token);
    return { user: UserView.of(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentSession() session: Session, @Res({ passthrough: true }) response: Response) {
    await this.auth.logout(session.id);
    clearSessionCookie(response, this.config);
  }

  @Get('me')
  async me(@CurrentActor() actor: Actor, @CurrentSession() session: Session) {
    return {
      user: UserView.of(await this.users.get(actor, actor.userId)),
      structure: await this.structures.current(actor),
      csrfToken: session.csrfToken,
    };
  }

  @Patch('password')
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() input: ChangePasswordDto) {
    await this.auth.changePassword(actor, input.currentPassword, input.newPassword, session.id);
  }
}
