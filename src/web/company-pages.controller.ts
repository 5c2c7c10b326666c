import { Body, ConflictException, Controller, Get, HttpException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession } from '../auth/auth.decorators';
import { Session } from '../auth/session.entity';
import { Clock } from '../common/clock';
import { FieldProblem, ValidationFailedException } from '../common/validation';
import { COMPANY, PROSPECTION } from '../refusals/index';
import { because, isCodedRefusal } from '../refusals/refused';
import { CompaniesService } from '../companies/companies.service';
import { RenderedScriptView, ScriptView } from '../pitches/dto/pitch-script-view.dto';
import { SCRIPT_KIND_LABELS, SCRIPT_KINDS } from '../pitches/pitch-script.entity';
import { PitchScriptsService } from '../pitches/pitch-scripts.service';
import { COMPANY_SOURCE_LABELS, COMPANY_SOURCES } from '../companies/company.entity';
import { CreateCompanyDto, SetNextActionDto, UpdateCompanyDto } from '../companies/dto/company.dto';
import { CompanyView } from '../companies/dto/company-view.dto';
import { HEADCOUNT_BANDS, headcountLabel } from '../companies/headcount';
import { SIRENE_COLUMNS, TEMPLATE_COLUMNS } from '../companies/import/import-rows';
import { nafLabel } from '../companies/naf';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, ContactChannel } from '../contacts/contact.entity';
import { ContactsService } from '../contacts/contacts.service';
import { CreateContactDto, UpdateContactDto } from '../contacts/dto/contact.dto';
import { AppConfig } from '../config/env';
import { ActivitiesService } from '../prospection/activities.service';
import { ACTIVITY_LABELS, ACTIVITY_TYPES, CALL_OUTCOME_LABELS, CALL_OUTCOMES } from '../prospection/activity.entity';
import { NEXT_ACTION_LABELS, NEXT_ACTION_TYPES } from '../prospection/cadence';
import { LogActivityDto, TIMELINE_KINDS, TimelineKind, TimelineQuery } from '../prospection/dto/activity.dto';
import { StageChangesService } from '../prospection/stage-changes.service';
import { StagesService } from '../prospection/stages.service';
import { Actor } from '../tenancy/actor';
import { UsersService } from '../users/users.service';
import { parseBoardFilters } from './board-pages.controller';
import {
  conflictFr,
  fromLocalInput,
  problemsFr,
  TIMELINE_FILTERS,
  toLocalInput,
  websiteHref,
} from './company-view-helpers';
import { isFormRefusal, option, pick, Raw, text, UUID, validated, Values } from './kit/forms';
import { PageContext } from './kit/page-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { importRefusals, refusalSentences } from './kit/refusal-sentences';
import { embeddedJson } from './dashboard/dashboard.view';
import { MAX_IMPORT_BYTES } from '../companies/import/company-import.service';
import { FormBody, PostedForm } from './kit/form-body.pipe';

const LIST_PAGE_SIZE = 25;
const TIMELINE_PAGE_SIZE = 20;


/** What a form shows again after a refused post: what was typed, and the French problems. */
interface FormState {
  values: Values;
  errors: Record<string, string>;
  alert?: string;
  alertLink?: { href: string; label: string };
  /** Checked objection keys (activity form). */
  objections?: string[];
}

type CompanyForm = 'edit' | 'stage' | 'next' | 'contact' | 'activity' | 'contacts';

interface CompanyPageState {
  forms?: Partial<Record<CompanyForm, FormState>>;
  notice?: string;
  query?: Raw;
}

const COMPANY_FIELDS = [
  'name',
  'siret',
  'nafCode',
  'sectorLabel',
  'headcountBand',
  'address',
  'postcode',
  'commune',
  'territory',
  'website',
  'phone',
  'source',
  'ownerId',
  'tags',
  'notes',
] as const;

const NEXT_ACTION_FIELDS = ['type', 'dueOn', 'time', 'ownerId', 'note'] as const;
const CONTACT_FIELDS = ['firstName', 'lastName', 'jobTitle', 'email', 'phone', 'preferredChannel', 'decisionMaker', 'emailOptOut', 'notes'] as const;
const ACTIVITY_FIELDS = [
  'type',
  'outcome',
  'occurredAt',
  'contactId',
  'candidateId',
  'text',
  'stageId',
  'nextType',
  'nextDueOn',
  'nextOwnerId',
  'scriptVersionId',
  'noScript',
  'refusalReason',
  'objections',
] as const;

/** Activity types that have an outcome (and may use a script); "no answer" is for calls only. */
const OUTCOME_TYPES = ['call', 'meeting'];

/** A posted field that may be repeated (checkboxes), as a list. */
function many(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

const NOTICES: Record<string, string> = {
  creee: 'L’entreprise a été créée.',
  fiche: 'La fiche a été enregistrée.',
  etape: 'L’étape a été changée.',
  action: 'La prochaine action a été enregistrée.',
  contact: 'Le contact a été ajouté.',
  optout: 'Le choix du contact sur les e-mails a été enregistré.',
  activite: 'L’activité a été notée.',
};

/** The company fields of a form as the DTOs take them: blanks clear, '' owner means unassigned. */
function companyInput(values: Values): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of COMPANY_FIELDS) input[field] = values[field];
  input.ownerId = values.ownerId ? values.ownerId : null;
  if (!values.source) delete input.source;
  return input;
}

function companyValues(company: CompanyView): Values {
  return {
    name: company.name,
    siret: company.siret ?? '',
    nafCode: company.nafCode ?? '',
    sectorLabel: company.sectorLabel ?? '',
    headcountBand: company.headcountBand ?? '',
    address: company.address ?? '',
    postcode: company.postcode ?? '',
    commune: company.commune ?? '',
    territory: company.territory ?? '',
    website: company.website ?? '',
    phone: company.phone ?? '',
    source: company.source,
    ownerId: company.owner?.id ?? '',
    tags: company.tags.join(', '),
    notes: company.notes ?? '',
    version: String(company.version),
  };
}

/** A refused post as a form state: French messages next to the fields, or one alert, from the refusal's code. */
function refusal(error: HttpException, values: Values, shown: readonly string[], names: Record<string, string> = {}): FormState {
  if (error instanceof ValidationFailedException) {
    const { errors, others } = problemsFr(error.problems, shown, names);
    return {
      values,
      errors,
      alert: others.length ? others.join(' ') : 'Certaines informations sont à corriger : voir les messages à côté des champs.',
    };
  }
  const conflict = conflictFr(error);
  // A conflict is put next to the field it concerns too; a refused state change only as the alert.
  const nextToField = error instanceof ConflictException && conflict.field && shown.includes(conflict.field);
  return {
    values,
    errors: nextToField ? { [conflict.field!]: conflict.message } : {},
    alert: conflict.message,
    alertLink: conflict.link,
  };
}

/** Pages of the companies: list and search, creation, the company page, CSV import. */
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
  ) {
  }

  // ---------------------------------------------------------------- list and search

  @Get('entreprises')
  async list(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const filters = parseBoardFilters(raw);
    const requested = Number(text(raw.page));
    const pageNumber = Number.isInteger(requested) && requested >= 1 && requested <= 100000 ? requested : 1;
    const [result, team] = await Promise.all([
      this.companies.list(actor, filters.filter, { limit: LIST_PAGE_SIZE, offset: (pageNumber - 1) * LIST_PAGE_SIZE }),
      this.users.list(actor, { limit: 200, offset: 0 }),
    ]);
    const pageCount = Math.max(1, Math.ceil(result.total / LIST_PAGE_SIZE));
    const pageHref = (n: number) => {
      const params = new URLSearchParams(filters.query);
      if (n > 1) params.set('page', String(n));
      const query = params.toString();
      return `/entreprises${query ? `?${query}` : ''}`;
    };
    const context = await this.pages.build(actor, session, '/entreprises', {
      title: 'Entreprises',
      styles: ['/static/company.css'],
      filters,
      owners: team.items
        .filter((user) => user.active || user.id === filters.values.owner)
        .map((user) => ({ id: user.id, name: `${user.firstName} ${user.lastName}`, selected: user.id === filters.values.owner })),
      companies: result.items.map((card) => ({ ...card, place: [card.postcode, card.commune].filter(Boolean).join(' ') })),
      total: result.total,
      pageNumber,
      pageCount,
      previousHref: pageNumber > 1 ? pageHref(pageNumber - 1) : null,
      nextHref: pageNumber < pageCount ? pageHref(pageNumber + 1) : null,
    });
    return response.render('companies', context);
  }

  // ---------------------------------------------------------------- creation

  @Get('entreprises/nouvelle')
  async newPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Res() response: Response) {
    const values: Values = Object.fromEntries(COMPANY_FIELDS.map((field) => [field, '']));
    values.ownerId = actor.userId;
    values.source = 'cold_prospection';
    return this.renderNew(actor, session, response, 200, { values, errors: {} });
  }

  @Post('entreprises/nouvelle')
  async create(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Body(new FormBody({ fields: COMPANY_FIELDS, dto: CreateCompanyDto, toInput: companyInput })) form: PostedForm<CreateCompanyDto>,
    @Res() response: Response,
  ) {
    const { values } = form;
    try {
      const input = form.valid();
      const created = await this.companies.create(actor, input);
      const duplicates = created.likelyDuplicates.map((duplicate) => duplicate.id).join(',');
      return response.redirect(303, `/entreprises/${created.id}?ok=creee${duplicates ? `&doublons=${duplicates}` : ''}`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderNew(actor, session, response, error.getStatus(), refusal(error, values, COMPANY_FIELDS));
    }
  }

  private async renderNew(actor: Actor, session: Session, response: Response, status: number, form: FormState) {
    const team = await this.users.list(actor, { limit: 200, offset: 0 });
    const context = await this.pages.build(actor, session, '/entreprises', {
      title: 'Nouvelle entreprise',
      styles: ['/static/company.css'],
      form: this.companyFormModel('nouvelle', form, team.items),
    });
    return response.status(status).render('company-new', context);
  }

  /** The view model of the company fields partial (creation and edit forms). */
  private companyFormModel(
    prefix: string,
    form: FormState,
    team: Array<{ id: string; firstName: string; lastName: string; active: boolean }>,
  ) {
    const values = form.values;
    return {
      prefix,
      values,
      errors: form.errors,
      alert: form.alert,
      alertLink: form.alertLink,
      bands: [
        option('', '— Non renseignée —', values.headcountBand ?? ''),
        ...HEADCOUNT_BANDS.map((band) => option(band.code, band.label, values.headcountBand ?? '')),
      ],
      sources: COMPANY_SOURCES.map((source) => option(source, COMPANY_SOURCE_LABELS[source], values.source ?? '')),
      owners: [
        option('', 'Personne (non attribuée)', values.ownerId ?? ''),
        ...team
          .filter((user) => user.active || user.id === values.ownerId)
          .map((user) => option(user.id, `${user.firstName} ${user.lastName}`, values.ownerId ?? '')),
      ],
    };
  }

  // ---------------------------------------------------------------- CSV import

  @Get('entreprises/import')
  async importPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Res() response: Response) {
    const context = await this.pages.build(actor, session, '/entreprises', {
      title: 'Importer des entreprises',
      styles: ['/static/company.css'],
      scripts: ['/static/company-import.js'],
      templateColumns: TEMPLATE_COLUMNS.join(' ; '),
      fileRetentionDays: this.config.IMPORT_FILE_RETENTION_DAYS,
      sireneColumns: SIRENE_COLUMNS,
      refusalsJson: embeddedJson(
        refusalSentences(
          importRefusals({
            maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
            perStructure: this.config.IMPORT_MAX_PER_STRUCTURE,
            retentionDays: this.config.IMPORT_FILE_RETENTION_DAYS,
          }),
        ),
      ),
    });
    return response.render('company-import', context);
  }

  // ---------------------------------------------------------------- company page

  @Get('entreprises/:id')
  async companyPage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    const ok = text(raw.ok);
    return this.renderCompany(actor, session, response, id, 200, { notice: NOTICES[ok], query: raw });
  }

  @Post('entreprises/:id/modifier')
  async update(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    const values = pick(form, [...COMPANY_FIELDS, 'version']);
    try {
      const input = await validated(UpdateCompanyDto, { ...companyInput(values), version: this.version(values.version) });
      await this.companies.update(actor, id, input);
      return response.redirect(303, `/entreprises/${id}?ok=fiche`);
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
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    const values = pick(form, ['stageId', 'version']);
    try {
      if (!UUID.test(values.stageId)) {
        throw new ValidationFailedException([{ field: 'stageId', message: 'stageId must be a stage id', ...because(PROSPECTION.stageInvalid, { field: 'stageId' }) }]);
      }
      await this.stageChanges.move(actor, id, { stageId: values.stageId, version: this.version(values.version) ?? 0 });
      return response.redirect(303, `/entreprises/${id}?ok=etape#etape`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderCompany(actor, session, response, id, error.getStatus(), { forms: { stage: refusal(error, values, ['stageId']) } });
    }
  }

  @Post('entreprises/:id/prochaine-action')
  async setNextAction(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    const values = pick(form, [...NEXT_ACTION_FIELDS, 'version']);
    try {
      const input = await validated(SetNextActionDto, {
        type: values.type,
        dueOn: values.dueOn,
        time: values.time ? values.time : null,
        ownerId: values.ownerId ? values.ownerId : null,
        note: values.note,
        version: this.version(values.version),
      });
      await this.companies.setNextAction(actor, id, input);
      return response.redirect(303, `/entreprises/${id}?ok=action#prochaine-action`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderCompany(actor, session, response, id, error.getStatus(), {
        forms: { next: refusal(error, values, NEXT_ACTION_FIELDS) },
      });
    }
  }

  @Post('entreprises/:id/contacts')
  async addContact(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    const values = pick(form, CONTACT_FIELDS);
    try {
      const input = await validated(CreateContactDto, {
        firstName: values.firstName,
        lastName: values.lastName,
        jobTitle: values.jobTitle,
        email: values.email,
        phone: values.phone,
        preferredChannel: values.preferredChannel ? values.preferredChannel : undefined,
        decisionMaker: values.decisionMaker === 'true',
        emailOptOut: values.emailOptOut === 'true',
        notes: values.notes,
      });
      await this.contacts.create(actor, id, input);
      return response.redirect(303, `/entreprises/${id}?ok=contact#contacts`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderCompany(actor, session, response, id, error.getStatus(), {
        forms: { contact: refusal(error, values, CONTACT_FIELDS) },
      });
    }
  }

  @Post('entreprises/:id/contacts/:contactId/e-mails')
  async contactOptOut(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Param('contactId', ParseIdPipe) contactId: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    try {
      const contact = await this.contacts.get(actor, contactId);
      if (contact.companyId !== id) {
        throw new ValidationFailedException([
          { field: 'contactId', message: 'contactId must be a contact of this company', ...because(PROSPECTION.contactNotOfCompany) },
        ]);
      }
      const input = await validated(UpdateContactDto, { emailOptOut: text(form.emailOptOut) === 'true' });
      await this.contacts.update(actor, contactId, input);
      return response.redirect(303, `/entreprises/${id}?ok=optout#contacts`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderCompany(actor, session, response, id, error.getStatus(), {
        forms: { contacts: refusal(error, {}, []) },
      });
    }
  }

  @Post('entreprises/:id/activites')
  async logActivity(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    const values = pick(form, [...ACTIVITY_FIELDS, 'version']);
    const hasOutcome = OUTCOME_TYPES.includes(values.type);
    const usesScript = hasOutcome && values.noScript !== 'true' && Boolean(values.scriptVersionId);
    const objections = usesScript ? many(form.objections) : [];
    try {
      const problems: FieldProblem[] = [];
      let occurredAt: Date | undefined;
      if (values.occurredAt.trim()) {
        occurredAt = fromLocalInput(values.occurredAt, this.config.BUSINESS_TIME_ZONE) ?? undefined;
        if (!occurredAt) {
          problems.push({ field: 'occurredAt', message: 'occurredAt must be a date and time', ...because(PROSPECTION.occurredAtInvalid, { field: 'occurredAt' }) });
        }
      }
      const overrides = Boolean(values.nextType || values.nextDueOn);
      if (overrides && !values.nextType) {
        problems.push({ field: 'nextAction.type', message: 'nextAction.type is required', ...because(COMPANY.nextActionTypeInvalid, { field: 'nextAction.type' }) });
      }
      if (overrides && !values.nextDueOn) {
        problems.push({ field: 'nextAction.dueOn', message: 'nextAction.dueOn is required', ...because(COMPANY.nextActionDueOnInvalid, { field: 'nextAction.dueOn' }) });
      }
      if (problems.length) throw new ValidationFailedException(problems);
      const input = await validated(LogActivityDto, {
        type: values.type,
        // The outcome menu belongs to calls and meetings; whatever it holds for another type is not an outcome.
        outcome: hasOutcome && values.outcome ? values.outcome : undefined,
        scriptVersionId: usesScript ? values.scriptVersionId : undefined,
        objections: objections.length ? objections : undefined,
        refusalReason: hasOutcome && values.outcome === 'refused' ? values.refusalReason : undefined,
        occurredAt,
        contactId: values.contactId ? values.contactId : undefined,
        candidateId: values.candidateId ? values.candidateId : undefined,
        text: values.text,
        stageId: values.stageId ? values.stageId : undefined,
        version: values.stageId ? this.version(values.version) : undefined,
        nextAction: overrides
          ? { type: values.nextType, dueOn: values.nextDueOn, ownerId: values.nextOwnerId ? values.nextOwnerId : undefined }
          : undefined,
      });
      await this.activities.log(actor, id, input);
      return response.redirect(303, `/entreprises/${id}?ok=activite#historique`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const names = { 'nextAction.type': 'nextType', 'nextAction.dueOn': 'nextDueOn', 'nextAction.ownerId': 'nextOwnerId' };
      return this.renderCompany(actor, session, response, id, error.getStatus(), {
        forms: { activity: { ...refusal(error, values, ACTIVITY_FIELDS, names), objections } },
      });
    }
  }

  private version(value: string | undefined): number | undefined {
    const version = Number(value);
    return value && Number.isInteger(version) && version >= 1 ? version : undefined;
  }

  private async renderCompany(
    actor: Actor,
    session: Session,
    response: Response,
    id: string,
    status: number,
    state: CompanyPageState,
  ) {
    const query = state.query ?? {};
    const kind = text(query.type);
    const timelineKind = (TIMELINE_KINDS as readonly string[]).includes(kind) ? (kind as TimelineKind) : undefined;
    const requestedOffset = Number(text(query.offset));
    const offset = Number.isInteger(requestedOffset) && requestedOffset > 0 ? requestedOffset : 0;
    const timelineQuery = Object.assign(new TimelineQuery(), {
      limit: TIMELINE_PAGE_SIZE,
      offset,
      type: timelineKind ? [timelineKind] : undefined,
    });

    const company = await this.companies.get(actor, id);
    const [contacts, stages, team, timeline, duplicates, candidates] = await Promise.all([
      this.contacts.listForCompany(actor, id).then((rows) => this.contacts.views(actor, rows)),
      this.stages.list(actor),
      this.users.list(actor, { limit: 200, offset: 0 }),
      this.activities.timeline(actor, id, timelineQuery),
      this.duplicates(actor, id, text(query.doublons)),
      this.activities.candidatesAt(actor, id),
    ]);
    const forms = state.forms ?? {};
    const activeTeam = team.items.filter((user) => user.active);
    const personOptions = (selected: string, empty: string) => [
      option('', empty, selected),
      ...team.items
        .filter((user) => user.active || user.id === selected)
        .map((user) => option(user.id, `${user.firstName} ${user.lastName}`, selected)),
    ];

    const timelineHref = (nextOffset: number) => {
      const params = new URLSearchParams();
      if (timelineKind) params.set('type', timelineKind);
      if (nextOffset > 0) params.set('offset', String(nextOffset));
      const queryString = params.toString();
      return `/entreprises/${id}${queryString ? `?${queryString}` : ''}#historique`;
    };

    const editState = forms.edit ?? { values: companyValues(company), errors: {} };
    const editValues = { ...editState.values, version: editState.values.version || String(company.version) };

    const nextState: FormState = forms.next ?? {
      values: {
        type: company.nextAction?.type ?? 'call',
        dueOn: company.nextAction?.dueOn ?? '',
        time: company.nextAction?.time ?? '',
        ownerId: company.nextAction?.owner?.id ?? company.owner?.id ?? '',
        note: company.nextAction?.note ?? '',
      },
      errors: {},
    };

    const now = this.clock.now();
    const activityState: FormState = forms.activity ?? {
      values: { type: 'call', outcome: '', occurredAt: toLocalInput(now, this.config.BUSINESS_TIME_ZONE), contactId: '', text: '', stageId: '', nextType: '', nextDueOn: '', nextOwnerId: '' },
      errors: {},
    };
    const contactState: FormState = forms.contact ?? { values: {}, errors: {} };
    // `?contact=` chooses the contact the script is filled in for (and the activity form's contact).
    const queryContact = text(query.contact);
    if (!forms.activity && contacts.some((contact) => contact.id === queryContact)) activityState.values.contactId = queryContact;
    const panel = await this.scriptPanel(actor, id, activityState, text(query.script));
    const outcomeType = activityState.values.type === 'meeting' ? 'meeting' : 'call';

    const context = await this.pages.build(actor, session, '/entreprises', {
      title: company.name,
      styles: ['/static/company.css'],
      scripts: ['/static/company.js'],
      notice: state.notice,
      company,
      place: [company.postcode, company.commune].filter(Boolean).join(' '),
      nafLabel: company.nafCode ? (nafLabel(company.nafCode) ?? null) : null,
      headcount: company.headcountBand ? (headcountLabel(company.headcountBand) ?? company.headcountBand) : null,
      sourceLabel: COMPANY_SOURCE_LABELS[company.source] ?? company.source,
      websiteHref: websiteHref(company.website),
      duplicates,
      edit: {
        ...this.companyFormModel('fiche', { ...editState, values: editValues }, team.items),
        open: Boolean(forms.edit),
      },
      stageForm: {
        alert: forms.stage?.alert,
        errors: forms.stage?.errors ?? {},
        options: stages.map((stage) => ({ value: stage.id, label: stage.name, selected: stage.id === company.stageId })),
      },
      nextForm: {
        ...nextState,
        types: NEXT_ACTION_TYPES.map((type) => option(type, NEXT_ACTION_LABELS[type], nextState.values.type)),
        owners: personOptions(nextState.values.ownerId, 'Personne'),
      },
      contacts: contacts.map((contact) => ({
        ...contact,
        fullName: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
        channelLabel: contact.preferredChannel ? CONTACT_CHANNEL_LABELS[contact.preferredChannel] : null,
      })),
      contactsAlert: forms.contacts?.alert,
      contactForm: {
        ...contactState,
        open: Boolean(forms.contact) || contacts.length === 0,
        channels: [
          option('', '— Aucun —', contactState.values.preferredChannel ?? ''),
          ...CONTACT_CHANNELS.map((channel: ContactChannel) =>
            option(channel, CONTACT_CHANNEL_LABELS[channel], contactState.values.preferredChannel ?? ''),
          ),
        ],
        decisionMaker: contactState.values.decisionMaker === 'true',
        emailOptOut: contactState.values.emailOptOut === 'true',
      },
      activityForm: {
        ...activityState,
        isCall: activityState.values.type === 'call',
        hasOutcome: OUTCOME_TYPES.includes(activityState.values.type),
        outcomeLabel: outcomeType === 'meeting' ? 'Issue du rendez-vous' : 'Issue de l’appel',
        isRefused: OUTCOME_TYPES.includes(activityState.values.type) && activityState.values.outcome === 'refused',
        types: ACTIVITY_TYPES.map((type) => option(type, ACTIVITY_LABELS[type], activityState.values.type)),
        outcomes: [
          option('', '— Non précisée —', activityState.values.outcome),
          ...CALL_OUTCOMES.map((outcome) => ({
            ...option(outcome, CALL_OUTCOME_LABELS[outcome], activityState.values.outcome),
            callsOnly: outcome === 'no_answer',
            hidden: outcome === 'no_answer' && outcomeType === 'meeting',
          })),
        ],
        noScript: activityState.values.noScript === 'true',
        contacts: [
          option('', '— Aucun —', activityState.values.contactId),
          ...contacts.map((contact) =>
            option(contact.id, [contact.firstName, contact.lastName].filter(Boolean).join(' '), activityState.values.contactId),
          ),
        ],
        candidates: candidates.length
          ? [
              option('', '— Aucun —', activityState.values.candidateId),
              ...candidates.map((candidate) => option(candidate.id, candidate.name, activityState.values.candidateId)),
            ]
          : null,
        stages: [
          option('', 'Ne pas changer d’étape', activityState.values.stageId),
          ...stages
            .filter((stage) => stage.id !== company.stageId)
            .map((stage) => option(stage.id, stage.name, activityState.values.stageId)),
        ],
        nextTypes: [
          option('', 'Selon la cadence', activityState.values.nextType),
          ...NEXT_ACTION_TYPES.map((type) => option(type, NEXT_ACTION_LABELS[type], activityState.values.nextType)),
        ],
        nextOwners: personOptions(activityState.values.nextOwnerId, 'Par défaut'),
        maxOccurredAt: toLocalInput(new Date(now.getTime() + 60 * 60 * 1000), this.config.BUSINESS_TIME_ZONE),
      },
      scriptPanel: panel,
      teamCount: activeTeam.length,
      timeline: {
        items: timeline.items.map((entry) => ({
          ...entry,
          isStageChange: entry.kind === 'stage_change',
          objectionsText: entry.objections?.length ? entry.objections.join(' ; ') : null,
        })),
        total: timeline.total,
        filters: [
          option('', 'Tout', timelineKind ?? ''),
          ...TIMELINE_FILTERS.map((filter) => option(filter.value, filter.label, timelineKind ?? '')),
        ],
        filtered: Boolean(timelineKind),
        olderHref: offset + TIMELINE_PAGE_SIZE < timeline.total ? timelineHref(offset + TIMELINE_PAGE_SIZE) : null,
        newerHref: offset > 0 ? timelineHref(Math.max(0, offset - TIMELINE_PAGE_SIZE)) : null,
      },
    });
    return response.status(status).render('company', context);
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
    const checked = new Set(activity.objections ?? []);
    const current = all.find((script) => script.id === scriptId);
    return {
      suggestedKindLabel: SCRIPT_KIND_LABELS[fitting.suggestedKind],
      script: rendered
        ? {
            ...rendered,
            kindLabel: SCRIPT_KIND_LABELS[rendered.kind],
            outdated: current ? current.currentVersion !== rendered.number : false,
            objections: rendered.sections.objections.map((objection) => ({ ...objection, checked: checked.has(objection.key) })),
          }
        : null,
      groups: SCRIPT_KINDS.map((kind) => ({
        label: SCRIPT_KIND_LABELS[kind],
        scripts: all
          .filter((script: ScriptView) => script.kind === kind)
          .map((script) => ({ id: script.id, title: script.title, selected: script.id === scriptId })),
      })).filter((group) => group.scripts.length > 0),
    };
  }

  /** The companies named in `?doublons=` (after a creation) that still exist in the structure. */
  private async duplicates(actor: Actor, id: string, list: string) {
    const ids = [...new Set(list.split(',').filter((candidate) => UUID.test(candidate) && candidate !== id))].slice(0, 10);
    const found = await Promise.all(
      ids.map((duplicateId) =>
        this.companies.get(actor, duplicateId).then(
          (company) => ({ id: company.id, name: company.name, place: [company.postcode, company.commune].filter(Boolean).join(' ') }),
          () => null,
        ),
      ),
    );
    return found.filter((company): company is NonNullable<typeof company> => company !== null);
  }
}
