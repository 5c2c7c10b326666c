import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
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
import { activityFormState, companyPageView, NOTICES, placeOf, scriptPanelView, TIMELINE_PAGE_SIZE, timelineQueryOf } from './company.view';

interface CompanyPageState {
  forms?: Partial<Record<CompanyForm, FormState>>;
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
  ) {}

  @Get('entreprises/:id')
  async companyPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Query() raw: Raw, @Res() response: Response) {
    return this.renderCompany(actor, session, response, id, 200, { notice: NOTICES.read(raw), query: raw });
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
      return this.renderCompany(actor, session, response, id, error.getStatus(), { forms: { edit: state } });
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
      return this.renderCompany(actor, session, response, id, error.getStatus(), { forms: { stage: refusal(error, form.values, ['stageId']) } });
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
      return this.renderCompany(actor, session, response, id, error.getStatus(), { forms: { next: refusal(error, form.values, NEXT_ACTION_FIELDS) } });
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
      return this.renderCompany(actor, session, response, id, error.getStatus(), { forms: { contact: refusal(error, form.values, CONTACT_FIELDS) } });
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
      return this.renderCompany(actor, session, response, id, error.getStatus(), { forms: { contacts: refusal(error, {}, []) } });
    }
  }

  @Post('entreprises/:id/activites')
  async logActivity(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(ACTIVITY_FORM)) form: PostedForm<LogActivityDto>,
    @Res() response: Response,
  ) {
    try {
      await this.activities.log(actor, id, form.valid());
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'activite', 'historique'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const objections = activityObjections(form.values, form.raw);
      return this.renderCompany(actor, session, response, id, error.getStatus(), {
        forms: { activity: { ...refusal(error, form.values, ACTIVITY_FIELDS, ACTIVITY_INPUT_NAMES), objections } },
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
    const forms = state.forms ?? {};
    const now = this.clock.now();
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const activity = activityFormState(forms.activity, now, timeZone, contacts.map((contact) => contact.id), text(query.contact));
    const scriptPanel = await this.scriptPanel(actor, id, activity, text(query.script));
    const context = await this.pages.build(actor, session, '/entreprises', {
      ...companyPageView({ id, company, contacts, stages, team: team.items, timeline, timelineQuery, duplicates, candidates, forms, activity, scriptPanel, now, timeZone, notice: state.notice }),
    });
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
