import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { FollowUpSettingsService } from '../../checkins/follow-up-settings.service';
import { ValidationFailedException } from '../../common/validation';
import { Actor } from '../../tenancy/actor';
import { problemsFr } from '../companies/company.view';
import { Flash } from '../kit/flash';
import { isFormRefusal, Raw } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { postedSettings, refusedRows, settingsRows, settingsValues, StepRow, UNIT_LABELS, UNITS } from './follow-up-settings.form';

const NOTICES = new Flash({ enregistre: 'Réglages enregistrés : ils s’appliquent aux placements planifiés à partir de maintenant.' });
const FIELDS = ['noAnswerDays', 'proposalTargetDays', 'alertRecipients'];

/** The follow-up settings (managers): the check-in plan, the no-answer delay, the proposal target, the alert recipients. */
@ApiExcludeController()
@Controller()
export class FollowUpSettingsPagesController {
  constructor(
    private readonly settings: FollowUpSettingsService,
    private readonly pages: PageContext,
  ) {}

  @Get('reglages/suivi')
  @Roles('manager')
  async page(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() query: Raw, @Res() response: Response) {
    const saved = await this.settings.get(actor);
    return this.render(actor, session, response, 200, { rows: settingsRows(saved.steps), values: settingsValues(saved), errors: {}, notice: NOTICES.read(query) });
  }

  @Post('reglages/suivi')
  @Roles('manager')
  async save(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() raw: Raw, @Res() response: Response) {
    const posted = postedSettings(raw);
    try {
      if (!posted.input) throw new ValidationFailedException(posted.problems);
      await this.settings.update(actor, posted.input);
    } catch (error) {
      if (!isFormRefusal(error) || !(error instanceof ValidationFailedException)) throw error;
      const rowFields = posted.rows.map((row) => `count_${row.index}`);
      const { errors, others } = problemsFr(error.problems, [...rowFields, ...FIELDS, 'steps']);
      return this.render(actor, session, response, 400, {
        rows: refusedRows(posted.rows, errors),
        values: posted.values,
        errors,
        alert: others.length ? others.join(' ') : 'Certaines informations sont à corriger : voir les messages à côté des champs.',
      });
    }
    return response.redirect(303, NOTICES.to('/reglages/suivi', 'enregistre'));
  }

  private async render(
    actor: Actor,
    session: Session,
    response: Response,
    status: number,
    state: { rows: StepRow[]; values: Record<string, string>; errors: Record<string, string>; notice?: string; alert?: string },
  ) {
    const context = await this.pages.build(actor, session, '/placements', {
      title: 'Réglages du suivi dans l’emploi',
      styles: ['/static/company.css'],
      notice: state.notice,
      alert: state.alert,
      rowCount: state.rows.length,
      rows: state.rows.map((row) => ({ ...row, units: UNITS.map((unit) => ({ value: unit, label: UNIT_LABELS[unit], selected: unit === row.unit })) })),
      values: state.values,
      errors: state.errors,
      recipients: [
        { value: 'follower', label: 'La personne qui suit le placement (à défaut, les responsables)', checked: state.values.alertRecipients === 'follower' },
        { value: 'follower_and_managers', label: 'La personne qui suit le placement et tous les responsables', checked: state.values.alertRecipients === 'follower_and_managers' },
      ],
    });
    return response.status(status).render('placements/follow-up-settings', context);
  }
}
