import { Body, Controller, Get, Injectable, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle, Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { LOGIN_ADDRESS_THROTTLER } from '../auth/login-throttler.guard';
import { Public } from '../auth/auth.decorators';
import { RATING_LABELS } from './check-in-alerts';
import { codedProblem, FieldProblem, ValidationFailedException } from '../common/validation';
import {
  AnswerForm,
  CheckInAnswerInvalid,
  CheckInAnswersService,
  CheckInLinkRefused,
  CheckInPageView,
} from './check-in-answers.service';
import { DIFFICULTIES, DIFFICULTY_LABELS } from './check-in.entity';
import { StatusRefusal } from '../refusals/refused';
import { frenchOf } from '../refusals/french';

/**
 * Counted per client address AND link: a household or office behind one address answering
 * several links is not blocked, while hammering one link (double submits, scripts) is. Guessing
 * links needs no limit of its own: a link without a valid signature is refused before any query.
 * The throttler `login` (AuthModule) counts here too, its counters keyed by controller and handler,
 * so these limits are independent of the login form's; `loginAddress` is skipped.
 */
@Injectable()
export class CheckInThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, any>): Promise<string> {
    const token = typeof request.params?.token === 'string' ? request.params.token.slice(0, 200) : '';
    return `${request.ip}|${token}`;
  }
}

const PAGE_THROTTLE = { login: { limit: 30, ttl: 60_000 } };
const ANSWER_THROTTLE = { login: { limit: 10, ttl: 60_000 } };

const EMPTY_FORM: AnswerForm = { rating: null, goingWell: '', difficulties: [], difficultyDetails: '', wantsCall: false };

/** Pages are the default; a client that asks for JSON only gets the usual error shape. */
function wantsJson(request: Request): boolean {
  return request.accepts(['html', 'json']) === 'json';
}

/**
 * The answer form behind the link of a check-in e-mail: no login, made for a phone, in French.
 * Public routes skip the session and CSRF checks (AuthGuard); the signed link is the credential.
 */
@ApiExcludeController()
@Controller('suivi')
@Public()
@UseGuards(CheckInThrottlerGuard)
// The per-address login budget is for logins only.
@SkipThrottle({ [LOGIN_ADDRESS_THROTTLER]: true })
export class CheckInAnswersController {
  constructor(private readonly answers: CheckInAnswersService) {}

  @Get(':token')
  @Throttle(PAGE_THROTTLE)
  async form(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    noStore(response);
    try {
      const view = await this.answers.open(token);
      return response.render('check-in-answer', this.formPage(token, view, EMPTY_FORM, []));
    } catch (error) {
      return this.refuse(error, request, response);
    }
  }

  @Post(':token')
  @Throttle(ANSWER_THROTTLE)
  async answer(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    noStore(response);
    try {
      await this.answers.answer(token, body ?? {});
      if (wantsJson(request)) return response.status(200).json({ status: 'answered' });
      return response.redirect(303, `/suivi/${encodeURIComponent(token)}/merci`);
    } catch (error) {
      if (!(error instanceof CheckInAnswerInvalid)) return this.refuse(error, request, response);
      if (wantsJson(request)) throw new ValidationFailedException(error.problems);
      // The link was checked before the form was: re-reading it is safe and shows the same names.
      const view = await this.answers.open(token);
      return response.status(400).render('check-in-answer', this.formPage(token, view, error.values, error.problems));
    }
  }

  @Get(':token/merci')
  @Throttle(PAGE_THROTTLE)
  async thanks(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    noStore(response);
    try {
      const view = await this.answers.thanks(token);
      if (!view) return response.redirect(303, `/suivi/${encodeURIComponent(token)}`);
      return response.render('check-in-thanks', { layout: 'layouts/bare', title: 'Merci pour votre réponse', ...view });
    } catch (error) {
      return this.refuse(error, request, response);
    }
  }

  private formPage(token: string, view: CheckInPageView, values: AnswerForm, problems: FieldProblem[]) {
    const said = problems.map((problem) => ({ field: problem.field, message: frenchOf(codedProblem(problem)) }));
    const errors = Object.fromEntries(said.map((problem) => [problem.field, problem.message]));
    return {
      layout: 'layouts/bare',
      title: 'Votre avis sur le suivi',
      token,
      ...view,
      isEmployer: view.party === 'employer',
      problems: said,
      errors,
      ratings: [1, 2, 3, 4].map((value) => ({ value, label: RATING_LABELS[value], checked: values.rating === value })),
      difficulties: DIFFICULTIES.map((value) => ({
        value,
        label: DIFFICULTY_LABELS[value],
        checked: values.difficulties.includes(value),
      })),
      goingWell: values.goingWell,
      difficultyDetails: values.difficultyDetails,
      wantsCall: values.wantsCall,
    };
  }

  private refuse(error: unknown, request: Request, response: Response) {
    if (!(error instanceof CheckInLinkRefused)) throw error;
    if (wantsJson(request)) throw new StatusRefusal(error.status, error.refusal, error.english);
    return response.status(error.status).render('check-in-gone', {
      layout: 'layouts/bare',
      title: error.title,
      explanation: error.explanation,
      answered: error.reason === 'answered',
    });
  }
}

function noStore(response: Response): void {
  // The page is reached through a personal link: no shared cache keeps it.
  response.setHeader('Cache-Control', 'no-store');
}
