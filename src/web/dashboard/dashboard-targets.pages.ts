import { Flash } from '../kit/flash';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ValidationFailedException } from '../../common/validation';
import { REPORT_ACTIVITY_TYPES, TargetsView } from '../../reports/report-types';
import { ReportsService } from '../../reports/reports.service';
import { Actor } from '../../tenancy/actor';
import { Raw, text } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { isReportRefusal, parseTargets, TargetsFormState, targetsRefusal, targetValues } from './dashboard.form';
import { ACTIVITY_TYPE_LABELS, DASHBOARD_STYLES, targetFields } from './dashboard.view';

const TARGET_NOTICES = new Flash({
  defauts: 'Les objectifs par défaut ont été enregistrés.',
  personne: 'Les objectifs de la personne ont été enregistrés.',
  reinitialise: 'La personne suit de nouveau les objectifs par défaut.',
});

/** The weekly activity targets (/tableau-de-bord/objectifs): the defaults and each person's, for managers. */
@ApiExcludeController()
@Controller('tableau-de-bord')
export class DashboardTargetsPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pages: PageContext,
  ) {}

  @Get('objectifs')
  @Roles('manager')
  async targetsPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query('ok') ok: unknown, @Res() response: Response) {
    return this.renderTargets(actor, session, response, 200, { notice: TARGET_NOTICES.read(typeof ok === 'string' ? ok : undefined) });
  }

  @Post('objectifs')
  @Roles('manager')
  async saveDefaults(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    const parsed = parseTargets(form);
    try {
      if (Object.keys(parsed.errors).length) throw new ValidationFailedException([]);
      await this.reports.setTargets(actor, parsed.targets);
      return response.redirect(303, TARGET_NOTICES.to('/tableau-de-bord/objectifs', 'defauts'));
    } catch (error) {
      if (!isReportRefusal(error)) throw error;
      return this.renderTargets(actor, session, response, error.getStatus(), targetsRefusal(error, 'defaults', parsed));
    }
  }

  @Post('objectifs/:userId')
  @Roles('manager')
  async saveStaffTargets(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    if (text(form.reset) === 'true') {
      await this.reports.setStaffTargets(actor, userId, null);
      return response.redirect(303, TARGET_NOTICES.to('/tableau-de-bord/objectifs', 'reinitialise', `objectifs-${userId}`));
    }
    const parsed = parseTargets(form);
    try {
      if (Object.keys(parsed.errors).length) throw new ValidationFailedException([]);
      await this.reports.setStaffTargets(actor, userId, parsed.targets);
      return response.redirect(303, TARGET_NOTICES.to('/tableau-de-bord/objectifs', 'personne', `objectifs-${userId}`));
    } catch (error) {
      if (!isReportRefusal(error)) throw error;
      return this.renderTargets(actor, session, response, error.getStatus(), targetsRefusal(error, userId, parsed));
    }
  }

  private async renderTargets(actor: Actor, session: Session, response: Response, status: number, state: TargetsFormState) {
    const view: TargetsView = await this.reports.targets(actor);
    const context = await this.pages.build(actor, session, '/tableau-de-bord', {
      title: 'Objectifs d’activité',
      styles: DASHBOARD_STYLES,
      notice: state.notice,
      alert: state.alert,
      types: REPORT_ACTIVITY_TYPES.map((type) => ACTIVITY_TYPE_LABELS[type]),
      defaults: targetFields('defaults', targetValues(view.defaults), 'par défaut', state.refused),
      staff: view.staff.map((member) => ({
        ...member,
        formId: `objectifs-${member.userId}`,
        fields: targetFields(member.userId, targetValues(member.targets), member.name, state.refused),
      })),
    });
    return response.status(status).render('dashboard/targets', context);
  }
}
