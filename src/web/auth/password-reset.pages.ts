import { Body, Controller, Get, HttpException, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { LOGIN_THROTTLE } from '../../auth/auth.controller';
import { LoginThrottlerGuard } from '../../auth/login-throttler.guard';
import { PASSWORD_MIN_LENGTH } from '../../auth/password';
import { ValidationFailedException } from '../../common/validation';
import { frenchOf } from '../../refusals/french';
import { isCodedRefusal } from '../../refusals/refused';
import { PasswordResetService } from '../../users/password-reset.service';
import { fieldMessageFr } from '../companies/company.view';
import { Raw, text } from '../kit/forms';
import { LOGIN_NOTICES } from './login.view';

/**
 * The page behind a password-reset link (no login: the link is the credential, and public routes
 * skip the session and CSRF checks). Throttled like the login form.
 */
@ApiExcludeController()
@Controller('mot-de-passe')
@Public()
export class PasswordResetPagesController {
  constructor(private readonly resets: PasswordResetService) {}

  @Get(':token')
  async form(@Param('token') token: string, @Res() response: Response) {
    response.setHeader('Cache-Control', 'no-store');
    try {
      const { firstName } = await this.resets.open(token);
      return this.page(response, 200, { token, firstName });
    } catch (error) {
      return this.page(response, this.statusOf(error), { gone: this.sentence(error) });
    }
  }

  @Post(':token')
  @UseGuards(LoginThrottlerGuard)
  @Throttle(LOGIN_THROTTLE)
  async reset(@Param('token') token: string, @Body() body: Raw, @Res() response: Response) {
    response.setHeader('Cache-Control', 'no-store');
    try {
      await this.resets.reset(token, text(body.password), text(body.confirmation));
      return response.redirect(303, LOGIN_NOTICES.to('/login', 'motdepasse'));
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) return this.page(response, this.statusOf(error), { gone: this.sentence(error) });
      const errors = Object.fromEntries(error.problems.map((problem) => [problem.field, fieldMessageFr(problem)]));
      const { firstName } = await this.resets.open(token);
      return this.page(response, 400, { token, firstName, errors });
    }
  }

  private page(response: Response, status: number, view: { token?: string; firstName?: string; errors?: Record<string, string>; gone?: string }) {
    return response.status(status).render('auth/password-reset', {
      layout: 'layouts/bare',
      title: 'Choisir un nouveau mot de passe',
      minLength: PASSWORD_MIN_LENGTH,
      ...view,
    });
  }

  private statusOf(error: unknown): number {
    if (error instanceof HttpException) return error.getStatus();
    throw error;
  }

  private sentence(error: unknown): string {
    if (isCodedRefusal(error)) return frenchOf(error.refusal);
    throw error;
  }
}
