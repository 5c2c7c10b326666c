import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditService } from '../../audit/audit.service';
import { CheckIn } from '../../checkins/check-in.entity';
import { LeadsService } from '../../leads/leads.service';
import { ProposalsService } from '../../leads/proposals.service';
import { PlacementsService } from '../../placements/placements.service';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { Clock } from '../../common/clock';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ValidationFailedException } from '../../common/validation';
import { CompaniesService } from '../../companies/companies.service';
import { SetNextActionDto, UpdateCompanyDto } from '../../companies/dto/company.dto';
import { AppConfig } from '../../config/env';
import { ContactsService } from '../../contacts/contacts.service';
import { CreateContactDto, UpdateContactDto } from '../../contacts/dto/contact.dto';
import { RenderedScriptView } from '../../pitches/dto/pitch-script-view.dto';
import { PitchScriptsService } from '../../pitches/pitch-scripts.service';
import { ActivitiesService } from '../../prospection/activities.service';
import { LogActivityDto, TimelineQuery } from '../../prospection/dto/activity.dto';
import { MoveCompanyDto } from '../../prospection/dto/move.dto';
import { StageChangesService } from '../../prospection/stage-changes.service';
import { StagesService } from '../../prospection/stages.service';
import { COMPANY, PROSPECTION } from '../../refusals/index';
import { because, isCodedRefusal } from '../../refusals/refused';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, Raw, text, UUID } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_INPUT_NAMES,
  ACTIVITY_FORM,
  activityObjections,
  COMPANY_EDIT_FIELDS,
  COMPANY_FIELDS,
  CompanyForm,
  companyEditInput,
  CONTACT_FIELDS,
  contactInput,
  contactOptOutInput,
  FormState,
  NEXT_ACTION_FIELDS,
  NEXT_ACTION_FORM_FIELDS,
  nextActionInput,
  refusal,
  STAGE_MOVE_FORM,
} from './company.form';
import { activityFormState, nextFieldsView, proposalQueryOf, scriptPanelView } from './company-call.view';
import { belongingsView, placementsWithAnswerText } from './company-related.view';
import { companyPageView, NOTICES, placeOf, TIMELINE_PAGE_SIZE, timelineQueryOf } from './company.view';
import { ContactPressureService } from '../../prospection/contact-pressure.service';
import { PRESSURE_FIELDS, PRESSURE_FORM_FIELDS, pressureInput, pressureView } from './company-pressure.view';

/** How many of the company's leads and placements its page lists. */
const BELONGINGS_LIMIT = 50;

interface CompanyPageState {
  /** The route showing the page: recorded with the answers' free text it shows. */
  path: string;
  forms?: Partial<Record<CompanyForm, FormState>>;
  /** Rendered as the activity section's fragment (htmx), with the timeline and next action when saved. */
  fragment?: { saved: boolean };
  notice?: string;
  query?: Raw;
}

/** The company page and its forms: the company's fields, stage, next action, contacts and activities. */
@ApiExcludeController()
@Controller()
export class CompanyPagesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
    private readonly activities: ActivitiesService,
    private readonly stages: StagesService,
    private readonly stageChanges: StageChangesService,
    private readonly users: UsersService,
    private readonly scripts: PitchScriptsService,
    private readonly pages: PageContext,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly leads: LeadsService,
    private readonly proposals: ProposalsService,
    private readonly placements: PlacementsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pressure: ContactPressureService,
  ) {}

  /** The addresses the page's forms post to: reloaded (or opened) they lead back to the page. */
  @Get([
    'entreprises/:id/modifier',
    'entreprises/:id/etape',
    'entreprises/:id/prochaine-action',
    'entreprises/:id/contacts',
    'entreprises/:id/contacts/:contactId/e-mails',
    'entreprises/:id/activites',
    'entreprises/:id/sollicitations',
    'entreprises/:id/reprendre',
  ])
  async backToPage(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    // Another structure's company (or none) answers 404 here too, not a redirect that says it exists.
    await this.companies.entity(actor, id);
    return response.redirect(303, `/entreprises/${id}`);
  }

  /**
   * The next action the cadence proposes after the activity being typed (`?type=&outcome=`), as the
   * activity form's next-action fields, filled in and editable (an htmx fragment).
   */
  @Get('entreprises/:id/prochaine-action/proposee')
  async proposedNext(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() raw: Raw, @Res() response: Response) {
    const asked = proposalQueryOf(raw);
    const proposed = asked ? await this.activities.proposeNext(actor, id, { type: asked.type, outcome: asked.outcome }) : null;
    if (!asked) await this.companies.get(actor, id);
    const team = await this.users.list(actor, { limit: 200, offset: 0 });
    const state: FormState = { values: { nextType: '', nextDueOn: '', nextOwnerId: text(raw.nextOwnerId) }, errors: {} };
    variesOnHtmx(response);
    return response.render('companies/company-next-fields', {
      layout: false,
      next: nextFieldsView(id, state, team.items, { asked: Boolean(asked), proposed }),
    });
  }

  @Get('entreprises/:id')
  async companyPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Query() raw: Raw, @Res() response: Response) {
    return this.renderCompany(actor, session, response, id, 200, { path: 'GET /entreprises/:id', notice: NOTICES.read(raw), query: raw });
  }

  @Post('entreprises/:id/modifier')
  async update(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody({ fields: COMPANY_EDIT_FIELDS, dto: UpdateCompanyDto, toInput: companyEditInput })) form: PostedForm<UpdateCompanyDto>,
    @Res() response: Response,
  ) {
    const { values } = form;
    try {
      await this.companies.update(actor, id, form.valid());
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'fiche'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const state = refusal(error, values, COMPANY_FIELDS);
      if (isCodedRefusal(error) && error.refusal.code === COMPANY.staleVersion.code) {
        // What was typed is kept, now based on the current version: saving again is a deliberate choice.
        state.values = { ...values, version: String((await this.companies.entity(actor, id)).version) };
      }
      return this.renderCompany(actor, session, response, id, error.getStatus(), { path: 'POST /entreprises/:id/modifier', forms: { edit: state } });
    }
  }

  @Post('entreprises/:id/etape')
  async moveStage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(STAGE_MOVE_FORM)) form: PostedForm<MoveCompanyDto>,
    @Res() response: Response,
  ) {
    try {
      await this.stageChanges.move(actor, id, form.valid());
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'etape', 'etape'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderCompany(actor, session, response, id, error.getStatus(), { path: 'POST /entreprises/:id/etape', forms: { stage: refusal(error, form.values, ['stageId']) } });
    }
  }

  @Post('entreprises/:id/prochaine-action')
  async setNextAction(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody({ fields: NEXT_ACTION_FORM_FIELDS, dto: SetNextActionDto, toInput: nextActionInput })) form: PostedForm<SetNextActionDto>,
    @Res() response: Response,
  ) {
    try {
      await this.companies.setNextAction(actor, id, form.valid());
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'action', 'prochaine-action'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderCompany(actor, session, response, id, error.getStatus(), { path: 'POST /entreprises/:id/prochaine-action', forms: { next: refusal(error, form.values, NEXT_ACTION_FIELDS) } });
    }
  }

  @Post('entreprises/:id/contacts')
  async addContact(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody({ fields: CONTACT_FIELDS, dto: CreateContactDto, toInput: contactInput })) form: PostedForm<CreateContactDto>,
    @Res() response: Response,
  ) {
    try {
      await this.contacts.create(actor, id, form.valid());
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'contact', 'contacts'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderCompany(actor, session, response, id, error.getStatus(), { path: 'POST /entreprises/:id/contacts', forms: { contact: refusal(error, form.values, CONTACT_FIELDS) } });
    }
  }

  @Post('entreprises/:id/contacts/:contactId/e-mails')
  async contactOptOut(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Param('contactId', ParseIdPipe) contactId: string,
    @Body(new FormBody({ fields: ['emailOptOut'], dto: UpdateContactDto, toInput: contactOptOutInput })) form: PostedForm<UpdateContactDto>,
    @Res() response: Response,
  ) {
    try {
      const contact = await this.contacts.get(actor, contactId);
      if (contact.companyId !== id) {
        throw new ValidationFailedException([
          { field: 'contactId', message: 'contactId must be a contact of this company', ...because(PROSPECTION.contactNotOfCompany) },
        ]);
      }
      await this.contacts.update(actor, contactId, form.valid());
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'optout', 'contacts'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderCompany(actor, session, response, id, error.getStatus(), { path: 'POST /entreprises/:id/contacts/:contactId/e-mails', forms: { contacts: refusal(error, {}, []) } });
    }
  }

  /** What the employer asked: a monthly cap on contacts, or never to be contacted. */
  @Post('entreprises/:id/sollicitations')
  async setPressure(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody({ fields: PRESSURE_FORM_FIELDS, dto: UpdateCompanyDto, toInput: pressureInput })) form: PostedForm<UpdateCompanyDto>,
    @Res() response: Response,
  ) {
    try {
      await this.companies.update(actor, id, form.valid());
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'sollicitations', 'sollicitations'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderCompany(actor, session, response, id, error.getStatus(), { path: 'POST /entreprises/:id/sollicitations', forms: { pressure: refusal(error, form.values, PRESSURE_FIELDS) } });
    }
  }

  /** « Reprendre le contact »: the company's rest ends now. */
  @Post('entreprises/:id/reprendre')
  async endRest(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.pressure.endRest(actor, id);
    return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'repos', 'sollicitations'));
  }

  /**
   * Logs an activity. With htmx the answer is the activity section (the form reset, or refused with
   * its errors) and, once saved, the timeline and the next action swapped out of band; without,
   * post/redirect/get.
   */
  @Post('entreprises/:id/activites')
  async logActivity(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(ACTIVITY_FORM)) form: PostedForm<LogActivityDto>,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const htmx = isHtmx(request);
    variesOnHtmx(response);
    try {
      await this.activities.log(actor, id, form.valid());
      if (htmx) return this.renderCompany(actor, session, response, id, 200, { path: 'POST /entreprises/:id/activites', fragment: { saved: true }, notice: NOTICES.read('activite') });
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'activite', 'historique'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const objections = activityObjections(form.values, form.raw);
      return this.renderCompany(actor, session, response, id, error.getStatus(), {
        path: 'POST /entreprises/:id/activites',
        forms: { activity: { ...refusal(error, form.values, ACTIVITY_FIELDS, ACTIVITY_INPUT_NAMES), objections } },
        fragment: htmx ? { saved: false } : undefined,
      });
    }
  }

  private async renderCompany(actor: Actor, session: Session, response: Response, id: string, status: number, state: CompanyPageState) {
    const query = state.query ?? {};
    const timelineQuery = timelineQueryOf(query);
    const company = await this.companies.get(actor, id);
    const [contacts, stages, team, timeline, duplicates, candidates] = await Promise.all([
      this.contacts.listForCompany(actor, id).then((rows) => this.contacts.views(actor, rows)),
      this.stages.list(actor),
      this.users.list(actor, { limit: 200, offset: 0 }),
      this.activities.timeline(
        actor,
        id,
        Object.assign(new TimelineQuery(), {
          limit: TIMELINE_PAGE_SIZE,
          offset: timelineQuery.offset,
          type: timelineQuery.kind ? [timelineQuery.kind] : undefined,
        }),
      ),
      this.duplicates(actor, id, text(query.doublons)),
      this.activities.candidatesAt(actor, id),
    ]);
    const belongings = state.fragment ? undefined : await this.belongings(actor, id, state.path);
    const forms = state.forms ?? {};
    const now = this.clock.now();
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const activity = activityFormState(forms.activity, now, timeZone, contacts.map((contact) => contact.id), text(query.contact));
    const scriptPanel = await this.scriptPanel(actor, id, activity, text(query.script));
    const capWarning = await this.pressure.currentWarning(actor, company);
    const context = await this.pages.build(actor, session, '/entreprises', {
      pressure: pressureView(company, capWarning?.message ?? null, team.items, this.config.BUSINESS_TIME_ZONE, forms.pressure),
      ...companyPageView({ id, company, contacts, stages, team: team.items, timeline, timelineQuery, duplicates, candidates, forms, activity, scriptPanel, belongings, now, timeZone, notice: state.fragment ? undefined : state.notice }),
    });
    if (state.fragment) {
      return response.status(status).render('companies/company-activity-saved', { ...context, layout: false, saved: state.fragment.saved, activitySaved: state.notice });
    }
    return response.status(status).render('companies/company', context);
  }

  /**
   * The script panel: the script asked for (`?script=`, or the version a refused post used), else
   * the best fitting one for the company's stage, filled in for the company and the activity's
   * contact; and every script in service to switch to.
   */
  private async scriptPanel(actor: Actor, companyId: string, activity: FormState, requested: string) {
    const [all, fitting] = await Promise.all([this.scripts.list(actor, {}), this.scripts.fitting(actor, companyId)]);
    let scriptId: string | undefined;
    let version: number | undefined;
    if (activity.values.scriptVersionId && UUID.test(activity.values.scriptVersionId)) {
      const used = await this.scripts.versionById(actor, activity.values.scriptVersionId).catch(() => null);
      if (used) {
        scriptId = used.scriptId;
        version = used.number;
      }
    }
    if (!scriptId && UUID.test(requested) && all.some((script) => script.id === requested)) scriptId = requested;
    scriptId ??= fitting.scripts[0]?.id;
    const contactId = UUID.test(activity.values.contactId) ? activity.values.contactId : undefined;
    let rendered: RenderedScriptView | null = null;
    if (scriptId) {
      rendered = await this.scripts
        .render(actor, scriptId, { companyId, contactId, version })
        .catch(() => this.scripts.render(actor, scriptId!, { companyId, version }));
    }
    return scriptPanelView(all, fitting.suggestedKind, scriptId, rendered, activity.objections ?? []);
  }

  /**
   * What belongs to the company: its leads, the proposals on them, its placements and the employer's
   * answered check-ins, all through the structure-scoped services. The answers' free text is about
   * the people placed: its showing is recorded before the page is rendered.
   */
  private async belongings(actor: Actor, companyId: string, path: string) {
    const page = { limit: BELONGINGS_LIMIT, offset: 0 };
    const [leads, placements] = await Promise.all([
      this.leads.listForCompany(actor, companyId, page),
      this.placements.list(actor, { company: companyId }, page),
    ]);
    // A withdrawn proposal was a mistake: it stays on its lead's page only.
    const proposals = (await Promise.all(leads.items.map((lead) => this.proposals.list(actor, lead.id))))
      .flat()
      .filter((proposal) => proposal.outcome !== 'withdrawn');
    const answered = placements.items.length
      ? await this.dataSource.getRepository(CheckIn).find({
          where: { structureId: actor.structureId, placementId: In(placements.items.map((placement) => placement.id)), party: 'employer', status: 'answered' },
          order: { answeredAt: 'DESC', id: 'ASC' },
          take: BELONGINGS_LIMIT,
        })
      : [];
    await this.audit.recordSensitiveReadOfPlacements(actor, placementsWithAnswerText(answered), { via: 'page', path });
    return belongingsView(companyId, { leads: leads.items, leadsTotal: leads.total, proposals, placements: placements.items, checkIns: answered });
  }

  /** The companies named in `?doublons=` (after a creation) that still exist in the structure. */
  private async duplicates(actor: Actor, id: string, list: string) {
    const ids = [...new Set(list.split(',').filter((candidate) => UUID.test(candidate) && candidate !== id))].slice(0, 10);
    const found = await Promise.all(
      ids.map((duplicateId) =>
        this.companies.get(actor, duplicateId).then(
          (company) => ({ id: company.id, name: company.name, place: placeOf(company) }),
          () => null,
        ),
      ),
    );
    return found.filter((company): company is NonNullable<typeof company> => company !== null);
  }
}
