import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Repository } from 'typeorm';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { BusinessDay } from '../../common/calendar/business-day';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { LeadsService } from '../../leads/leads.service';
import { Proposal } from '../../leads/proposal.entity';
import { ProposalsService } from '../../leads/proposals.service';
import { CONTRACT_TYPE_LABELS, CONTRACT_TYPES } from '../../placements/contract-types';
import { CreatePlacementDto, EndPlacementDto, StartPlacementDto } from '../../placements/dto/placement.dto';
import { PlacementsService } from '../../placements/placements.service';
import { Actor } from '../../tenancy/actor';
import { ScopedRepository } from '../../tenancy/scoped-repository';
import { UsersService } from '../../users/users.service';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, option, Raw, text, UUID } from '../kit/forms';
import { isConfirmed, renderConfirmation } from '../kit/confirm';
import { PageContext } from '../kit/page-context';
import { FormState, NOTICES, ownerOptions, PAGE_SIZE, pageNumberOf, pager, refusal, STYLES } from '../leads/lead.view';
import { RecordPickers } from '../search/record-pickers';
import { END_FIELDS, END_FORM, NEW_PLACEMENT_FORM, newPlacementValues, PLACEMENT_FIELDS, START_FORM, withLead } from './placement.form';
import { endFormModel, placementRow, placementsBack, placementStatusOf, placementTabs } from './placement.view';

interface PlacementsPageState {
  /** The route showing the page (a refused form shows it again): recorded with the rupture reasons it shows. */
  path: string;
  notice?: string;
  rowForms?: Record<string, FormState & { open?: boolean }>;
  rowAlerts?: Record<string, string>;
}

/** Pages of placements and their follow-up: the list (start, end, cancel in its rows) and creation. */
@ApiExcludeController()
@Controller()
export class PlacementsPagesController {
  private readonly proposalRows: ScopedRepository<Proposal>;

  constructor(
    private readonly placements: PlacementsService,
    private readonly leads: LeadsService,
    private readonly proposals: ProposalsService,
    private readonly pickers: RecordPickers,
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly businessDay: BusinessDay,
    @InjectRepository(Proposal) proposalRepository: Repository<Proposal>,
  ) {
    this.proposalRows = new ScopedRepository(proposalRepository, 'proposal');
  }

  @Get('placements')
  async placementsList(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    return this.renderPlacements(actor, session, response, raw, 200, { path: 'GET /placements', notice: NOTICES.read(raw) });
  }

  private async renderPlacements(actor: Actor, session: Session, response: Response, raw: Raw, status: number, state: PlacementsPageState) {
    const filterStatus = placementStatusOf(raw);
    const pageNumber = pageNumberOf(raw);
    const result = await this.placements.list(actor, { status: filterStatus }, { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
    // The list shows why placements broke off: recorded before anything is rendered.
    await this.placements.recordRuptureReasonsRead(actor, result.items, { via: 'page', path: state.path });
    const params = new URLSearchParams();
    if (filterStatus) params.set('statut', filterStatus);
    const today = this.businessDay.today();
    const context = await this.pages.build(actor, session, '/placements', {
      title: 'Placements et suivis',
      styles: STYLES,
      scripts: ['/static/confirm.js'],
      notice: state.notice,
      tabs: placementTabs(filterStatus),
      placements: result.items.map((placement) => ({
        ...placementRow(placement),
        alert: state.rowAlerts?.[placement.id],
        endForm: endFormModel(placement, state.rowForms?.[placement.id], today),
      })),
      total: result.total,
      returnQuery: params.toString(),
      ...pager('/placements', params, pageNumber, result.total),
    });
    return response.status(status).render('placements/placements', context);
  }

  @Get('placements/nouveau')
  async newPlacementPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    let values = newPlacementValues(actor.userId);
    const proposalId = text(raw.proposition);
    let leadId = text(raw.piste);
    let candidateId = text(raw.candidat);
    if (UUID.test(proposalId)) {
      const proposal = await this.proposalRows.findOne(actor, { id: proposalId });
      if (proposal) {
        values.proposalId = proposal.id;
        leadId = proposal.leadId;
        candidateId = proposal.candidateId;
      }
    }
    if (UUID.test(candidateId)) values.candidateId = candidateId;
    if (UUID.test(leadId)) {
      const lead = await this.leads.get(actor, leadId).catch(() => null);
      if (lead) {
        values = withLead(values, lead);
        if (!values.proposalId && values.candidateId) {
          const proposals = await this.proposals.list(actor, lead.id);
          values.proposalId = proposals.find((proposal) => proposal.candidate?.id === values.candidateId)?.id ?? '';
        }
      }
    }
    return this.renderNewPlacement(actor, session, response, 200, { values, errors: {} });
  }

  @Post('placements/nouveau')
  async createPlacement(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Body(new FormBody(NEW_PLACEMENT_FORM)) form: PostedForm<CreatePlacementDto>,
    @Res() response: Response,
  ) {
    if (text(form.raw.chercher)) return this.renderNewPlacement(actor, session, response, 200, { values: form.values, errors: {} }, form.raw);
    try {
      await this.placements.create(actor, form.valid());
      return response.redirect(303, NOTICES.to('/placements', 'placement'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderNewPlacement(actor, session, response, error.getStatus(), refusal(error, form.values, PLACEMENT_FIELDS));
    }
  }

  private async renderNewPlacement(actor: Actor, session: Session, response: Response, status: number, form: FormState, search?: Raw) {
    const values = form.values;
    const [candidatePicker, companyPicker, team] = await Promise.all([
      this.pickers.build(actor, { type: 'candidat', name: 'candidateId', prefix: 'placement', label: 'Personne accompagnée', selected: values.candidateId, none: '— Choisir une personne —', search }),
      this.pickers.build(actor, { type: 'entreprise', name: 'companyId', prefix: 'placement', label: 'Entreprise', selected: values.companyId, none: '— Choisir une entreprise —', search }),
      this.users.list(actor, { limit: 200, offset: 0 }),
    ]);
    const lead = UUID.test(values.leadId) ? await this.leads.get(actor, values.leadId).catch(() => null) : null;
    const contactPicker = await this.pickers.build(actor, {
      type: 'contact',
      name: 'employerContactId',
      prefix: 'placement',
      label: 'Contact employeur pour le suivi',
      selected: values.employerContactId,
      none: '— Le contact de la piste —',
      search,
      companyId: companyPicker.chosen?.id ?? null,
      companyField: 'placement-companyId',
    });
    const context = await this.pages.build(actor, session, '/placements', {
      title: 'Nouveau placement',
      styles: [...STYLES, '/static/picker.css'],
      scripts: ['/static/leads.js', '/static/picker.js'],
      form,
      lead: lead ? { id: lead.id, jobTitle: lead.jobTitle, companyName: lead.companyName } : null,
      candidatePicker,
      companyPicker,
      contactPicker,
      contractTypes: CONTRACT_TYPES.map((type) => option(type, CONTRACT_TYPE_LABELS[type], values.contractType)),
      owners: ownerOptions(team.items, values.ownerId),
    });
    return response.status(status).render('placements/placement-new', context);
  }

  @Post('placements/:id/demarrer')
  async startPlacement(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(START_FORM)) form: PostedForm<StartPlacementDto>,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    try {
      await this.placements.start(actor, id, form.valid());
      return response.redirect(303, placementsBack(raw, 'demarre'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const rowAlerts = { [id]: refusal(error, {}, []).alert ?? '' };
      return this.renderPlacements(actor, session, response, raw, error.getStatus(), { path: 'POST /placements/:id/demarrer', rowAlerts });
    }
  }

  @Post('placements/:id/terminer')
  async endPlacement(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(END_FORM)) form: PostedForm<EndPlacementDto>,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    try {
      await this.placements.end(actor, id, form.valid());
      return response.redirect(303, placementsBack(raw, 'termine'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderPlacements(actor, session, response, raw, error.getStatus(), {
        path: 'POST /placements/:id/terminer',
        rowForms: { [id]: { ...refusal(error, form.values, END_FIELDS), open: true } },
      });
    }
  }

  @Post('placements/:id/annuler')
  async cancelPlacement(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Body() body: Raw,
    @Res() response: Response,
  ) {
    if (!isConfirmed(body)) {
      const placement = await this.placements.get(actor, id);
      const query = new URLSearchParams();
      const status = placementStatusOf(raw);
      if (status) query.set('statut', status);
      const suffix = query.toString() ? `?${query.toString()}` : '';
      const who = [placement.candidate?.name, placement.company?.name].filter(Boolean).join(' chez ');
      return renderConfirmation(this.pages, actor, session, response, '/placements', {
        title: `Annuler le placement « ${placement.jobTitle} » ?`,
        sentence: `${who ? `Le placement de ${who} ` : 'Ce placement '}ne pourra plus être démarré.`,
        action: `/placements/${id}/annuler${suffix}`,
        confirmLabel: 'Annuler le placement',
        backHref: `/placements${suffix}`,
      });
    }
    try {
      await this.placements.cancel(actor, id);
      return response.redirect(303, placementsBack(raw, 'annule'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const rowAlerts = { [id]: refusal(error, {}, []).alert ?? '' };
      return this.renderPlacements(actor, session, response, raw, error.getStatus(), { path: 'POST /placements/:id/annuler', rowAlerts });
    }
  }
}
