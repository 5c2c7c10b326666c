import { inStructureOf } from '../tenancy/structure-of';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { answerAlert, CheckInContext } from './check-in-alerts';
import { loadCheckInContext } from './check-in-alerts.queries';
import { Clock } from '../common/clock';
import { FieldProblem } from '../common/validation';
import { AppConfig } from '../config/env';
import { CheckIn, DIFFICULTIES, Difficulty } from './check-in.entity';
import { TokenCheck, verifyCheckInToken } from './check-in-token';
import { CHECKIN, Refusal } from '../refusals/index';
import { because } from '../refusals/refused';
import { frenchOf } from '../refusals/french';

const MAX_TEXT = 2000;

/** Why a link cannot show the form, with the French words the page shows. */
export type RefusalReason = 'malformed' | 'forged' | 'expired' | 'answered' | 'cancelled';

export class CheckInLinkRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly status: HttpStatus,
    readonly title: string,
    readonly refusal: Refusal,
    /** For API clients. */
    readonly english: string,
  ) {
    super(title);
  }

  /** What the page explains, in French. */
  get explanation(): string {
    return frenchOf(this.refusal);
  }
}

/** The form could not be accepted; `problems` name the fields, in French. */
export class CheckInAnswerInvalid extends Error {
  constructor(
    readonly problems: FieldProblem[],
    readonly values: AnswerForm,
  ) {
    super(`Invalid answer: ${problems.map((problem) => problem.field).join(', ')}`);
  }
}

/** What the public page may show: the structure, and for the employer the employee's first name. */
export interface CheckInPageView {
  structureName: string;
  party: CheckIn['party'];
  employeeFirstName: string | null;
}

export interface AnswerForm {
  rating: number | null;
  goingWell: string;
  difficulties: Difficulty[];
  difficultyDetails: string;
  wantsCall: boolean;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** Reads the raw form (urlencoded or JSON) into an answer and the French problems it has. */
export function parseAnswerForm(body: Record<string, unknown>): { form: AnswerForm; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const rawRating = typeof body.rating === 'number' ? String(body.rating) : text(body.rating);
  const rating = /^[1-4]$/.test(rawRating) ? Number(rawRating) : null;
  if (rating === null) problems.push({ field: 'rating', message: 'rating must be 1 to 4', ...because(CHECKIN.ratingRequired) });
  const given = list(body.difficulties);
  const difficulties = DIFFICULTIES.filter((difficulty) => given.includes(difficulty));
  if (given.some((value) => !DIFFICULTIES.includes(value as Difficulty))) {
    problems.push({ field: 'difficulties', message: `difficulties must be among ${DIFFICULTIES.join(', ')}`, ...because(CHECKIN.difficultyUnknown) });
  }
  const goingWell = text(body.goingWell);
  if (goingWell.length > MAX_TEXT) problems.push({ field: 'goingWell', message: `goingWell must be at most ${MAX_TEXT} characters`, ...because(CHECKIN.textTooLong, { max: MAX_TEXT }) });
  const difficultyDetails = text(body.difficultyDetails);
  if (difficultyDetails.length > MAX_TEXT) {
    problems.push({
      field: 'difficultyDetails',
      message: `difficultyDetails must be at most ${MAX_TEXT} characters`,
      ...because(CHECKIN.textTooLong, { max: MAX_TEXT }),
    });
  }
  const wantsCall = ['on', 'true', '1', 'yes'].includes(String(body.wantsCall ?? '').toLowerCase());
  return { form: { rating, goingWell, difficulties, difficultyDetails, wantsCall }, problems };
}

/**
 * Answers to check-in e-mails, through the signed link, without login. The answer, the check-in's
 * status and the alerts it raises are written in one transaction, under a lock on the check-in
 * row, so a double submit records one answer and raises each alert once.
 */
/** The check-in a link names: when its signature holds, even expired; null for a forged or malformed one. */
function checkInIdOf(token: string, check: TokenCheck): string | null {
  return check.ok ? check.checkInId : check.reason === 'expired' ? token.split('.')[0] : null;
}

@Injectable()
export class CheckInAnswersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alerts: AlertsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async open(token: string): Promise<CheckInPageView> {
    return this.inScopeOf(token, async () => this.view(await this.answerable(this.dataSource.manager, token, false)));
  }

  /**
   * The link names its check-in: once its signature holds (a forged or random link costs no query),
   * everything after runs in that check-in's structure.
   */
  private inScopeOf<T>(token: string, work: () => Promise<T>): Promise<T> {
    const checkInId = checkInIdOf(token, verifyCheckInToken(this.config.SESSION_SECRET, token, this.clock.now()));
    return checkInId ? inStructureOf(this.dataSource, 'check_in', checkInId, work) : work();
  }

  /** Stores the answer and raises its alerts; the e-mails leave once the transaction has committed. */
  async answer(token: string, body: Record<string, unknown>): Promise<void> {
    // A link we did not sign is refused before any database work: guessing costs us nothing and tells nothing.
    const check = verifyCheckInToken(this.config.SESSION_SECRET, token, this.clock.now());
    if (!check.ok) throw this.refusal(check.reason);
    return this.inScopeOf(token, () => this.store(token, body));
  }

  private async store(token: string, body: Record<string, unknown>): Promise<void> {
    const mails = await this.dataSource.transaction(async (manager) => {
      const context = await this.answerable(manager, token, true);
      const { form, problems } = parseAnswerForm(body);
      if (problems.length || form.rating === null) throw new CheckInAnswerInvalid(problems, form);
      await manager.getRepository(CheckIn).update(context.id, {
        status: 'answered',
        answeredAt: this.clock.now(),
        rating: form.rating,
        goingWell: form.goingWell || null,
        difficulties: form.difficulties,
        difficultyDetails: form.difficultyDetails || null,
        wantsCall: form.wantsCall,
      });
      const alert = answerAlert(context, { rating: form.rating, difficulties: form.difficulties, wantsCall: form.wantsCall });
      return alert ? (await this.alerts.raise(manager, alert)).mails : [];
    });
    await this.alerts.dispatch(mails);
  }

  /** The page after a successful answer (the answer itself is not shown back); null when not answered yet. */
  async thanks(token: string): Promise<CheckInPageView | null> {
    return this.inScopeOf(token, () => this.thanksPage(token));
  }

  private async thanksPage(token: string): Promise<CheckInPageView | null> {
    const check = verifyCheckInToken(this.config.SESSION_SECRET, token, this.clock.now());
    // The thank-you page stays reachable after the link expires: it shows nothing of the answer.
    const checkInId = checkInIdOf(token, check);
    if (!checkInId) throw this.refusal(check.ok ? 'forged' : check.reason);
    const context = await loadCheckInContext(this.dataSource.manager, checkInId);
    if (!context) throw this.refusal('forged');
    if (context.status !== 'answered') {
      if (check.ok) return null;
      throw this.refusal('expired');
    }
    return this.view(context);
  }

  view(context: CheckInContext): CheckInPageView {
    return {
      structureName: context.structureName,
      party: context.party,
      employeeFirstName: context.party === 'employer' ? context.candidateFirstName : null,
    };
  }

  private async answerable(manager: EntityManager, token: string, lock: boolean): Promise<CheckInContext> {
    const check = verifyCheckInToken(this.config.SESSION_SECRET, token, this.clock.now());
    if (!check.ok) throw this.refusal(check.reason);
    const context = await loadCheckInContext(manager, check.checkInId, lock);
    if (!context) throw this.refusal('forged');
    if (context.status === 'answered') throw this.refusal('answered');
    if (context.status === 'cancelled' || context.status === 'skipped') throw this.refusal('cancelled');
    return context;
  }

  private refusal(reason: RefusalReason): CheckInLinkRefused {
    switch (reason) {
      case 'malformed':
        return new CheckInLinkRefused(
          reason,
          HttpStatus.BAD_REQUEST,
          'Lien incomplet',
          because(CHECKIN.linkMalformed),
          'This link is incomplete',
        );
      case 'forged':
        return new CheckInLinkRefused(
          reason,
          HttpStatus.NOT_FOUND,
          'Lien introuvable',
          because(CHECKIN.linkForged),
          'This link matches no check-in',
        );
      case 'expired':
        return new CheckInLinkRefused(
          reason,
          HttpStatus.GONE,
          'Lien expiré',
          because(CHECKIN.linkExpired),
          'This link has expired',
        );
      case 'answered':
        return new CheckInLinkRefused(
          reason,
          HttpStatus.GONE,
          'Merci, votre réponse a déjà été enregistrée',
          because(CHECKIN.alreadyAnswered),
          'This check-in has already been answered',
        );
      case 'cancelled':
        return new CheckInLinkRefused(
          reason,
          HttpStatus.GONE,
          'Questionnaire annulé',
          because(CHECKIN.cancelled),
          'This check-in was cancelled',
        );
    }
  }
}
