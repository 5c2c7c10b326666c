import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { CompaniesService } from '../../companies/companies.service';
import { CreateCompanyDto } from '../../companies/dto/company.dto';
import { CompanyLookupService } from '../../companies/lookup/company-lookup.service';
import { CompanyBulkService } from '../../prospection/company-bulk.service';
import { BulkCompaniesDto } from '../../prospection/dto/bulk.dto';
import { StagesService } from '../../prospection/stages.service';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { parseBoardFilters } from '../board/board.form';
import { ownerFilterOptions } from '../board/board.view';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, Raw, text, UUID, validated, Values } from '../kit/forms';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { PageContext } from '../kit/page-context';
import { COMPANY_FIELDS, companyInput, FormState, refusal } from './company.form';
import { BulkState, bulkFormValues, bulkFormView, bulkInput, bulkRefusal } from './company-bulk.form';
import { bulkStageOptions, changedHref, changedNotice, listHref, listQueryOf, listReturn, listSortOf, sortHeaders } from './company-list.view';
import { companyFormModel, NOTICES, LIST_PAGE_SIZE, listPageNumber, placeOf } from './company.view';
import { choiceGone, directoryUnavailable, filledFrom, lookupAskedOf, lookupQueryOf, LookupView, lookupView } from './company-lookup.view';

/** The creation form's fields: the company's, and the stage it starts in (the board's « + »). */
const NEW_COMPANY_FIELDS = [...COMPANY_FIELDS, 'stageId'] as const;

function newCompanyInput(values: Values): Record<string, unknown> {
  return { ...companyInput(values), stageId: values.stageId ? values.stageId : undefined };
}

/** An empty creation form: the person creating it owns it, found by prospection. */
function blankValues(actor: Actor): Values {
  const values: Values = Object.fromEntries(NEW_COMPANY_FIELDS.map((field) => [field, '']));
  values.ownerId = actor.userId;
  values.source = 'cold_prospection';
  return values;
}

/** The companies: the list and search, its changes to several at once, and the creation form. */
@ApiExcludeController()
@Controller()
export class CompaniesPagesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly users: UsersService,
    private readonly stages: StagesService,
    private readonly bulkChanges: CompanyBulkService,
    private readonly pages: PageContext,
    private readonly lookups: CompanyLookupService,
  ) {}

  @Get('entreprises')
  async list(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Req() request: Request, @Res() response: Response) {
    variesOnHtmx(response);
    return this.renderList(actor, session, request, response, raw, 200, { notice: changedNotice(raw) });
  }

  /**
   * One change to the companies ticked in the list (assign, tag, move): back to the same list with
   * how many changed, or the list again with the refusal beside the bulk form and nothing written.
   */
  @Post('entreprises/groupe')
  async bulk(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() body: Raw, @Req() request: Request, @Res() response: Response) {
    const listRaw = listQueryOf(body.liste);
    const form = bulkFormValues(body);
    variesOnHtmx(response);
    try {
      const { updated } = await this.bulkChanges.apply(actor, await validated(BulkCompaniesDto, bulkInput(form)));
      if (!isHtmx(request)) return response.redirect(303, changedHref(this.listAddress(listRaw), updated));
      return this.renderList(actor, session, request, response, listRaw, 200, { notice: changedNotice({ modifiees: String(updated) }) });
    } catch (error) {
      const refused = bulkRefusal(error);
      if (!refused) throw error;
      return this.renderList(actor, session, request, response, listRaw, refused.status, { form, error: refused.message });
    }
  }

  private listAddress(raw: Raw): string {
    return listHref(parseBoardFilters(raw).query, listSortOf(raw).key, listPageNumber(raw));
  }

  /** The whole list page, or (htmx) its region under the filters: count, bulk form, table, pager. */
  private async renderList(actor: Actor, session: Session, request: Request, response: Response, raw: Raw, status: number, bulk: BulkState) {
    const filters = parseBoardFilters(raw);
    const pageNumber = listPageNumber(raw);
    const order = listSortOf(raw);
    const [result, team, stages] = await Promise.all([
      this.companies.list(actor, filters.filter, { limit: LIST_PAGE_SIZE, offset: (pageNumber - 1) * LIST_PAGE_SIZE }, order.sort),
      this.users.list(actor, { limit: 200, offset: 0 }),
      this.stages.list(actor),
    ]);
    const pageCount = Math.max(1, Math.ceil(result.total / LIST_PAGE_SIZE));
    const ticked = new Set(bulk.form?.ids ?? []);
    const view = {
      filters,
      owners: ownerFilterOptions(team.items, filters.values.owner),
      companies: result.items.map((card) => ({ ...card, place: placeOf(card), ticked: ticked.has(card.id) })),
      total: result.total,
      pageNumber,
      pageCount,
      sortKey: order.key,
      headers: sortHeaders(filters.query, order.key),
      previousHref: pageNumber > 1 ? listHref(filters.query, order.key, pageNumber - 1) : null,
      nextHref: pageNumber < pageCount ? listHref(filters.query, order.key, pageNumber + 1) : null,
      bulk: bulkFormView(bulk, listReturn(filters.query, order.key, pageNumber), ownerFilterOptions(team.items, ''), bulkStageOptions(stages)),
    };
    if (isHtmx(request)) return response.status(status).render('companies/company-list', { layout: false, ...view, csrfToken: session.csrfToken });
    const context = await this.pages.build(actor, session, '/entreprises', {
      title: 'Entreprises',
      styles: ['/static/company.css', '/static/lists.css'],
      scripts: ['/static/lists.js'],
      ...view,
    });
    return response.status(status).render('companies/companies', context);
  }

  /** The creation form; `?etape=` (the board's « + » of a column) starts the company in that open stage. */
  @Get('entreprises/nouvelle')
  async newPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const values = blankValues(actor);
    const asked = text(raw.etape);
    if (UUID.test(asked)) values.stageId = asked.toLowerCase();
    return this.renderNew(actor, session, response, 200, { values, errors: {} });
  }

  /**
   * The directory's proposals for the name being typed (htmx, under the name field); opened without
   * htmx, the whole form with them.
   */
  @Get('entreprises/nouvelle/annuaire')
  async lookup(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Req() request: Request, @Res() response: Response) {
    variesOnHtmx(response);
    const asked = lookupAskedOf(raw);
    const lookup = await this.lookupFor(actor, asked);
    if (isHtmx(request)) return response.render('companies/company-lookup', { layout: false, lookup });
    const values = { ...blankValues(actor), name: asked.name, postcode: asked.postcode, commune: asked.commune };
    return this.renderNew(actor, session, response, 200, { values, errors: {} }, { lookup });
  }

  /**
   * The form's directory buttons, which work without JavaScript: « Rechercher dans l’annuaire »
   * shows the form again with the proposals; « Choisir » fills it from the chosen establishment (or
   * opens the company it already is). What was typed elsewhere is kept.
   */
  @Post('entreprises/nouvelle/annuaire')
  async lookupPost(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() body: Raw, @Res() response: Response) {
    const values: Values = Object.fromEntries(NEW_COMPANY_FIELDS.map((field) => [field, text(body[field])]));
    const choice = text(body.choix).replace(/\s/g, '');
    if (!/^\d{14}$/.test(choice)) {
      return this.renderNew(actor, session, response, 200, { values, errors: {} }, { lookup: await this.lookupFor(actor, lookupAskedOf(values)) });
    }
    const proposal = await this.lookups.proposal(actor, choice);
    if (proposal === 'unavailable' || proposal === null) {
      const lookup = proposal === null ? choiceGone() : directoryUnavailable();
      return this.renderNew(actor, session, response, 200, { values, errors: {} }, { lookup });
    }
    if (proposal.existing) return response.redirect(303, NOTICES.to(`/entreprises/${proposal.existing.id}`, 'existe'));
    const filled = proposal.closed
      ? 'Fiche remplie depuis l’annuaire. Attention : l’annuaire indique que cet établissement est fermé.'
      : 'Fiche remplie depuis l’annuaire des entreprises : vérifiez-la, puis créez l’entreprise.';
    return this.renderNew(actor, session, response, 200, { values: filledFrom(values, proposal), errors: {} }, { filled });
  }

  private async lookupFor(actor: Actor, asked: ReturnType<typeof lookupAskedOf>): Promise<LookupView | null> {
    const query = lookupQueryOf(asked);
    return lookupView(asked, query ? await this.lookups.lookup(actor, query) : null);
  }

  @Post('entreprises/nouvelle')
  async create(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Body(new FormBody({ fields: NEW_COMPANY_FIELDS, dto: CreateCompanyDto, toInput: newCompanyInput })) form: PostedForm<CreateCompanyDto>,
    @Res() response: Response,
  ) {
    const { values } = form;
    try {
      const input = form.valid();
      // The same SIRET, or the same name and postcode, is the company already there: open it rather than make a twin.
      const existing = await this.lookups.existing(actor, { siret: input.siret, name: input.name, postcode: input.postcode });
      if (existing) return response.redirect(303, NOTICES.to(`/entreprises/${existing.id}`, 'existe'));
      const created = await this.companies.create(actor, input);
      const duplicates = created.likelyDuplicates.map((duplicate) => duplicate.id).join(',');
      return response.redirect(303, `${NOTICES.to(`/entreprises/${created.id}`, 'creee')}${duplicates ? `&doublons=${duplicates}` : ''}`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderNew(actor, session, response, error.getStatus(), refusal(error, values, NEW_COMPANY_FIELDS));
    }
  }

  private async renderNew(actor: Actor, session: Session, response: Response, status: number, form: FormState, found: { lookup?: LookupView | null; filled?: string } = {}) {
    const [team, stages] = await Promise.all([this.users.list(actor, { limit: 200, offset: 0 }), this.stages.list(actor)]);
    const stage = stages.find((candidate) => candidate.id === form.values.stageId && candidate.kind === 'open');
    const context = await this.pages.build(actor, session, '/entreprises', {
      title: 'Nouvelle entreprise',
      styles: ['/static/company.css'],
      form: companyFormModel('nouvelle', form, team.items),
      stage: stage ? { id: stage.id, name: stage.name } : null,
      lookupUrl: this.lookups.enabled ? '/entreprises/nouvelle/annuaire' : undefined,
      lookup: found.lookup ?? null,
      filled: found.filled,
    });
    return response.status(status).render('companies/company-new', context);
  }
}
