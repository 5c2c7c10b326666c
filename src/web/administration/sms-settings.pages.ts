import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { Clock } from '../../common/clock';
import { calendarDayIn } from '../../common/calendar/working-days';
import { AppConfig } from '../../config/env';
import { SmsCapDto } from '../../sms/dto/sms-cap.dto';
import { SmsCapService } from '../../sms/sms-cap.service';
import { SmsSettings } from '../../sms/sms-settings';
import { frenchMonth } from '../../refusals/french';
import { Actor } from '../../tenancy/actor';
import { FormBody, FormSpec, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, Raw } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { FormState, refusal } from '../leads/lead.view';
import { capForm, SMS_SETTINGS_NOTICES, smsUsage } from './sms-settings.view';

const CAP_FORM: FormSpec<SmsCapDto> = {
  fields: ['monthlyCap'],
  dto: SmsCapDto,
  // An empty or non-numeric entry stays what it is, so the validation names the field.
  toInput: (values) => ({ monthlyCap: /^\s*\d+\s*$/.test(values.monthlyCap ?? '') ? Number(values.monthlyCap) : values.monthlyCap }),
};

/** The structure's SMS settings for managers (/administration/sms): whether SMS is on, this month's use, the monthly cap. */
@ApiExcludeController()
@Controller('administration/sms')
export class SmsSettingsPagesController {
  constructor(
    private readonly caps: SmsCapService,
    private readonly settings: SmsSettings,
    private readonly pages: PageContext,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('manager')
  async page(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() query: Raw, @Res() response: Response) {
    return this.render(actor, session, response, 200, { notice: SMS_SETTINGS_NOTICES.read(query) });
  }

  @Post()
  @Roles('manager')
  async saveCap(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Body(new FormBody(CAP_FORM)) form: PostedForm<SmsCapDto>,
    @Res() response: Response,
  ) {
    try {
      await this.caps.update(actor, form.valid().monthlyCap);
      return response.redirect(303, SMS_SETTINGS_NOTICES.to('/administration/sms', 'plafond', 'plafond'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.render(actor, session, response, error.getStatus(), { form: refusal(error, form.values, ['monthlyCap']) });
    }
  }

  private async render(actor: Actor, session: Session, response: Response, status: number, state: { notice?: string; form?: FormState }) {
    const cap = await this.caps.get(actor);
    const context = await this.pages.build(actor, session, '/administration/sms', {
      title: 'SMS',
      styles: ['/static/company.css'],
      notice: state.notice,
      sms: { enabled: this.settings.enabled, sender: this.settings.sender },
      usage: smsUsage(cap, frenchMonth(calendarDayIn(this.config.BUSINESS_TIME_ZONE, this.clock.now()))),
      form: capForm(cap, state.form),
    });
    return response.status(status).render('administration/sms', context);
  }
}
