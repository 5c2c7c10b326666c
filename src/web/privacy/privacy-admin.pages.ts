import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ValidationFailedException } from '../../common/validation';
import {
  INACTIVITY_RETENTION_MONTHS_MAX,
  INACTIVITY_RETENTION_MONTHS_MIN,
  RETENTION_MONTHS_MAX,
  RETENTION_MONTHS_MIN,
  RetentionSettingsDto,
} from '../../privacy/privacy.dto';
import { PrivacyService } from '../../privacy/privacy.service';
import { Actor } from '../../tenancy/actor';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { Raw } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { RETENTION_SETTINGS_FORM, refusedSettings, SettingsForm, SettingsValues } from './privacy.form';
import { NOTICES, PRIVACY_STYLES, requestsView, upcomingView } from './privacy.view';

/** The structure's RGPD settings (/administration/rgpd): the retention setting, what comes next, and the requests' log. */
@ApiExcludeController()
@Controller()
export class PrivacyAdminPagesController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly pages: PageContext,
  ) {}

  @Get('administration/rgpd')
  @Roles('manager')
  async settingsPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const settings = await this.privacy.settings(actor);
    const form: SettingsForm = {
      retentionMonths: { value: String(settings.retentionMonths) },
      inactivityRetentionMonths: { value: String(settings.inactivityRetentionMonths) },
    };
    return this.renderSettings(actor, session, response, 200, form, NOTICES.read(raw));
  }

  @Post('administration/rgpd')
  @Roles('manager')
  async saveSettings(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Body(new FormBody(RETENTION_SETTINGS_FORM)) form: PostedForm<RetentionSettingsDto, SettingsValues>,
    @Res() response: Response,
  ) {
    try {
      const input = form.valid();
      await this.privacy.updateSettings(actor, input.retentionMonths, input.inactivityRetentionMonths);
      return response.redirect(303, NOTICES.to('/administration/rgpd', 'reglage'));
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      const page = refusedSettings(form.values, error.problems.map((problem) => problem.field));
      return this.renderSettings(actor, session, response, 400, page);
    }
  }

  private async renderSettings(actor: Actor, session: Session, response: Response, status: number, form: SettingsForm, notice?: string) {
    const [settings, upcoming, requests] = await Promise.all([
      this.privacy.settings(actor),
      this.privacy.upcoming(actor),
      this.privacy.requests(actor, 100, 0),
    ]);
    const context = await this.pages.build(actor, session, '/administration', {
      title: 'Données personnelles (RGPD)',
      styles: PRIVACY_STYLES,
      notice,
      // Not `settings`: Express reads that key of the render options as the app's own settings.
      retention: settings,
      form,
      limits: {
        retention: { min: RETENTION_MONTHS_MIN, max: RETENTION_MONTHS_MAX },
        inactivity: { min: INACTIVITY_RETENTION_MONTHS_MIN, max: INACTIVITY_RETENTION_MONTHS_MAX },
      },
      upcoming: upcomingView(upcoming),
      requests: requestsView(requests.items),
      requestsTotal: requests.total,
    });
    return response.status(status).render('privacy/admin', context);
  }
}
