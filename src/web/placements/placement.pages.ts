import { AlertListService } from '../../alerts/alert-list.service';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { CheckInStepsService } from '../../checkins/check-in-steps.service';
import { CallDoneDto } from '../../checkins/dto/call-done.dto';
import { BusinessDay } from '../../common/calendar/business-day';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { AppConfig } from '../../config/env';
import { Contact } from '../../contacts/contact.entity';
import { EndPlacementDto, StartPlacementDto, UpdatePlacementDto } from '../../placements/dto/placement.dto';
import { PlacementView } from '../../placements/dto/placement-view.dto';
import { PlacementsService } from '../../placements/placements.service';
import { Actor } from '../../tenancy/actor';
import { User } from '../../users/user.entity';
import { isConfirmed, renderConfirmation } from '../kit/confirm';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, Raw, text } from '../kit/forms';
import { addMonths } from '../../common/calendar/working-days';
import { Clock } from '../../common/clock';
import { textsOfPlacement } from '../../sms/sms-history.queries';
import { textRow } from '../kit/text-messages.view';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { PageContext } from '../kit/page-context';
import { FormState, refusal, STYLES } from '../leads/lead.view';
import { END_FIELDS, END_FORM, START_FORM } from './placement.form';
import { endFormModel, placementRow } from './placement.view';
import { CALL_DONE_FORM, DATES_FIELDS, DATES_FORM } from './placement-page.form';
import { alertHistory, PARTY_LABELS, PLACEMENT_PAGE_NOTICES, planPreview, PreviewStep, showsFreeText, stepsCancelledByEnd, stepView, timelines } from './placement-page.view';

interface PlacementPageState {
  /** The route showing the page: recorded with the free text it shows. */
  path: string;
  notice?: string;
  alert?: string;
  stepForms?: Record<string, FormState>;
  endForm?: FormState;
  datesForm?: FormState;
  preview?: PreviewStep[];
  simulationForm?: FormState;
}

/** One placement's page: its contract, its two-sided follow-up plan, and the actions that steer it. */
@ApiExcludeController()
@Controller()
export class PlacementPageController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly steps: CheckInStepsService,
    private readonly alerts: AlertListService,
    private readonly audit: AuditService,
    private readonly pages: PageContext,
    private readonly businessDay: BusinessDay,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('placements/:id')
  async page(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Query() raw: Raw, @Res() response: Response) {
    return this.render(actor, session, response, id, 200, { path: 'GET /placements/:id', notice: PLACEMENT_PAGE_NOTICES.read(raw) });
  }

  /** The addresses the page's forms post to: reloaded (or opened) they lead back to the page (404 for another structure's). */
  @Get([
    'placements/:id/points/:checkInId/envoyer',
    'placements/:id/points/:checkInId/appel',
    'placements/:id/fiche/demarrer',
    'placements/:id/fiche/terminer',
    'placements/:id/dates',
    'placements/:id/simulation',
  ])
  async backToPage(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.placements.get(actor, id);
    return response.redirect(303, `/placements/${id}`);
  }

  /** Sends a planned step now (once): in place with htmx, else back to the page at the step. */
  @Post('placements/:id/points/:checkInId/envoyer')
  async sendNow(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Param('checkInId', ParseIdPipe) checkInId: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    variesOnHtmx(response);
    const placement = await this.placements.get(actor, id);
    try {
      const row = await this.steps.sendNow(actor, id, checkInId);
      if (isHtmx(request)) return this.renderStep(response, 200, session, id, stepView(row, this.config.BUSINESS_TIME_ZONE, placement.status === 'started'));
      return response.redirect(303, PLACEMENT_PAGE_NOTICES.to(`/placements/${id}`, 'envoye', `point-${checkInId}`));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const alert = refusal(error, {}, []).alert ?? '';
      if (isHtmx(request)) {
        const rows = await this.steps.steps(actor, id);
        const row = rows.find((entry) => entry.id === checkInId)!;
        return this.renderStep(response, error.getStatus(), session, id, stepView(row, this.config.BUSINESS_TIME_ZONE, placement.status === 'started'), alert);
      }
      return this.render(actor, session, response, id, error.getStatus(), { path: 'POST /placements/:id/points/:checkInId/envoyer', stepForms: { [checkInId]: { values: {}, errors: {}, alert } } });
    }
  }

  /** Development and demonstration only, admins: the plan walked forward to a day, through the real sending path. */
  @Post('placements/:id/simulation')
  @Roles('admin')
  async simulate(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Body() raw: Raw, @Res() response: Response) {
    const until = text(raw.until);
    try {
      await this.steps.simulateUntil(actor, id, until);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.render(actor, session, response, id, error.getStatus(), { path: 'POST /placements/:id/simulation', simulationForm: refusal(error, { until }, ['until']) });
    }
    return response.redirect(303, PLACEMENT_PAGE_NOTICES.to(`/placements/${id}`, 'simulation', 'suivi'));
  }

  @Post('placements/:id/points/:checkInId/appel')
  async callDone(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Param('checkInId', ParseIdPipe) checkInId: string,
    @Body(new FormBody(CALL_DONE_FORM)) form: PostedForm<CallDoneDto>,
    @Res() response: Response,
  ) {
    try {
      await this.steps.markCallDone(actor, id, checkInId, form.valid().note);
      return response.redirect(303, PLACEMENT_PAGE_NOTICES.to(`/placements/${id}`, 'appel', `point-${checkInId}`));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.render(actor, session, response, id, error.getStatus(), {
        path: 'POST /placements/:id/points/:checkInId/appel',
        stepForms: { [checkInId]: refusal(error, form.values, ['note']) },
      });
    }
  }

  @Post('placements/:id/fiche/demarrer')
  async start(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(START_FORM)) form: PostedForm<StartPlacementDto>,
    @Res() response: Response,
  ) {
    try {
      await this.placements.start(actor, id, form.valid());
      return response.redirect(303, PLACEMENT_PAGE_NOTICES.to(`/placements/${id}`, 'demarre'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.render(actor, session, response, id, error.getStatus(), { path: 'POST /placements/:id/fiche/demarrer', alert: refusal(error, {}, []).alert });
    }
  }

  /** Ends the placement once confirmed; the confirmation lists the steps the end cancels. */
  @Post('placements/:id/fiche/terminer')
  async end(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(END_FORM)) form: PostedForm<EndPlacementDto>,
    @Body() body: Raw,
    @Res() response: Response,
  ) {
    try {
      const input = form.valid();
      if (!isConfirmed(body)) {
        const placement = await this.placements.get(actor, id);
        const cancelled = stepsCancelledByEnd(await this.steps.steps(actor, id), input, this.config.BUSINESS_TIME_ZONE);
        const early = input.endKind === 'early';
        return renderConfirmation(this.pages, actor, session, response, '/placements', {
          title: early ? `Enregistrer la rupture de « ${placement.jobTitle} » ?` : `Terminer le placement « ${placement.jobTitle} » ?`,
          sentence: cancelled.length
            ? `${cancelled.length === 1 ? 'Ce point de suivi ne sera pas envoyé' : `Ces ${cancelled.length} points de suivi ne seront pas envoyés`} :`
            : 'Aucun point de suivi prévu n’est annulé.',
          items: cancelled,
          action: `/placements/${id}/fiche/terminer`,
          confirmLabel: early ? 'Enregistrer la rupture' : 'Terminer le placement',
          backHref: `/placements/${id}`,
          fields: Object.fromEntries([...END_FIELDS, 'version'].map((name) => [name, form.values[name] ?? ''])),
        });
      }
      await this.placements.end(actor, id, input);
      return response.redirect(303, PLACEMENT_PAGE_NOTICES.to(`/placements/${id}`, 'termine'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.render(actor, session, response, id, error.getStatus(), { path: 'POST /placements/:id/fiche/terminer', endForm: refusal(error, form.values, END_FIELDS) });
    }
  }

  /** New dates: `etape=apercu` shows the plan they make; `etape=enregistrer` saves them. */
  @Post('placements/:id/dates')
  async dates(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(DATES_FORM)) form: PostedForm<UpdatePlacementDto>,
    @Res() response: Response,
  ) {
    const path = 'POST /placements/:id/dates';
    try {
      const input = form.valid();
      if (form.values.etape !== 'enregistrer') {
        const placement = await this.placements.get(actor, id);
        const terms = { kind: placement.kind, startDate: input.startDate ?? placement.startDate, plannedEndDate: input.plannedEndDate ?? null };
        const preview = planPreview(await this.steps.steps(actor, id), await this.steps.preview(actor, terms), this.config.BUSINESS_TIME_ZONE);
        return this.render(actor, session, response, id, 200, { path, datesForm: { values: form.values, errors: {} }, preview });
      }
      await this.placements.update(actor, id, input);
      return response.redirect(303, PLACEMENT_PAGE_NOTICES.to(`/placements/${id}`, 'dates', 'suivi'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.render(actor, session, response, id, error.getStatus(), { path, datesForm: refusal(error, form.values, DATES_FIELDS) });
    }
  }

  private renderStep(response: Response, status: number, session: Session, placementId: string, step: ReturnType<typeof stepView>, alert?: string) {
    return response.status(status).render('partials/placement-step', { layout: false, ...step, alert, placementId, csrfToken: session.csrfToken });
  }

  private async render(actor: Actor, session: Session, response: Response, id: string, status: number, state: PlacementPageState) {
    const placement = await this.placements.get(actor, id);
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const [rows, owner, contact, raised, texts] = await Promise.all([
      this.steps.steps(actor, id),
      placement.ownerId ? this.dataSource.getRepository(User).findOneBy({ id: placement.ownerId, structureId: actor.structureId }) : null,
      placement.employerContactId ? this.dataSource.getRepository(Contact).findOneBy({ id: placement.employerContactId, structureId: actor.structureId }) : null,
      this.alerts.ofPlacement(actor, id),
      textsOfPlacement(this.dataSource.manager, actor.structureId, id),
    ]);
    const history = alertHistory(raised);
    const parties = timelines(rows, timeZone, placement.status === 'started').map((party) => ({
      ...party,
      steps: party.steps.map((step) => ({ ...step, placementId: id, form: state.stepForms?.[step.id] })),
    }));
    // Answers' free text, call notes and the rupture reason are about the person: recorded before rendering.
    if (showsFreeText(parties.flatMap((party) => party.steps)) || placement.ruptureReason || history.some((alert) => alert.note)) {
      await this.audit.recordSensitiveRead(actor, placement.candidateId, { via: 'page', path: state.path });
    }
    const context = await this.pages.build(actor, session, '/placements', {
      title: `Placement : ${placement.jobTitle}`,
      styles: STYLES,
      scripts: ['/static/confirm.js'],
      notice: state.notice,
      alert: state.alert,
      placement: placementRow(placement),
      owner: owner ? `${owner.firstName} ${owner.lastName}` : null,
      contact: contact ? { id: contact.id, name: [contact.firstName, contact.lastName].filter(Boolean).join(' ') } : null,
      parties,
      alerts: history,
      texts: texts.map((text) => textRow(text, timeZone, new Map(), this.clock.now())),
      partyLabels: PARTY_LABELS,
      endForm: endFormModel(placement, state.endForm ? { ...state.endForm, open: true } : undefined, this.businessDay.today()),
      datesForm: placement.status === 'ended' ? null : this.datesForm(placement, state),
      // A trainer's tool: admins, a started placement, never in production.
      simulation:
        actor.role === 'admin' && placement.status === 'started' && this.config.NODE_ENV !== 'production'
          ? state.simulationForm ?? { values: { until: addMonths(this.businessDay.today(), 6) }, errors: {} }
          : null,
    });
    return response.status(status).render('placements/placement', context);
  }

  private datesForm(placement: PlacementView, state: PlacementPageState) {
    const form = state.datesForm ?? {
      values: { startDate: placement.startDate, plannedEndDate: placement.plannedEndDate ?? '', trialEndDate: placement.trialEndDate ?? '' },
      errors: {},
    };
    return { ...form, open: Boolean(state.datesForm), preview: state.preview ?? null, version: placement.version };
  }
}
