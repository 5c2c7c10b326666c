import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Repository } from 'typeorm';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CreateLeadDto, CreateProposalDto, LeadStatusDto, ProposalOutcomeDto } from '../../leads/dto/lead.dto';
import { LEAD_TRANSITIONS } from '../../leads/lead-rules';
import { LeadsService } from '../../leads/leads.service';
import { MatchingService } from '../../leads/matching.service';
import { Proposal } from '../../leads/proposal.entity';
import { ProposalsService } from '../../leads/proposals.service';
import { CONTRACT_TYPE_LABELS, CONTRACT_TYPES, SHIFT_LABELS, SHIFT_PATTERNS } from '../../placements/contract-types';
import { Actor } from '../../tenancy/actor';
import { ScopedRepository } from '../../tenancy/scoped-repository';
import { UsersService } from '../../users/users.service';
import { CandidatePage } from '../candidates/candidate.page';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, option, Raw, text, UUID } from '../kit/forms';
import { isConfirmed, renderConfirmation } from '../kit/confirm';
import { PageContext } from '../kit/page-context';
import { CandidatesService } from '../../candidates/candidates.service';
import { LEAD_FIELDS, LEAD_STATUS_FORM, NEW_LEAD_FORM, newLeadValues, OUTCOME_FIELDS, OUTCOME_FORM, PROPOSAL_FORM, STATUS_FIELDS } from './lead.form';
import {
  FormState,
  fullName,
  leadFilterOf,
  leadRow,
  leadTabOf,
  leadTabs,
  NOTICES,
  ownerOptions,
  PAGE_SIZE,
  pageNumberOf,
  pager,
  proposalBack,
  proposalRow,
  refusal,
  statusFormModel,
  STYLES,
  wantedJobsView,
  WITHDRAW_SENTENCE,
} from './lead.view';
import { RecordPickers } from '../search/record-pickers';
import { teamNames } from './pick-lists';

interface LeadPageState {
  notice?: string;
  statusForm?: FormState;
  proposalAlert?: string;
  outcomeForms?: Record<string, FormState>;
}

/** Pages of job leads (pistes): the list, creation, the lead's page (status, proposals and their outcome). */
@ApiExcludeController()
@Controller()
export class LeadsPagesController {
  private readonly proposalRows: ScopedRepository<Proposal>;

  constructor(
    private readonly leads: LeadsService,
    private readonly matching: MatchingService,
    private readonly proposals: ProposalsService,
    private readonly pickers: RecordPickers,
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly candidatePage: CandidatePage,
    private readonly candidates: CandidatesService,
    @InjectRepository(Proposal) proposalRepository: Repository<Proposal>,
  ) {
    this.proposalRows = new ScopedRepository(proposalRepository, 'proposal');
  }

  @Get('pistes')
  async leadsList(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const tab = leadTabOf(raw);
    const pageNumber = pageNumberOf(raw);
    const [result, names] = await Promise.all([
      this.leads.list(actor, leadFilterOf(tab), { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE }),
      teamNames(this.users, actor),
    ]);
    const params = new URLSearchParams();
    if (tab !== 'ouvertes') params.set('statut', tab);
    const tabs = leadTabs(tab);
    const context = await this.pages.build(actor, session, '/pistes', {
      title: 'Pistes',
      styles: STYLES,
      notice: NOTICES.read(raw),
      tabs,
      tabLabel: tabs.find((entry) => entry.current)?.label,
      leads: result.items.map((lead) => leadRow(lead, names)),
      total: result.total,
      ...pager('/pistes', params, pageNumber, result.total),
    });
    return response.render('leads/leads', context);
  }

  @Get('pistes/nouvelle')
  async newLeadPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const companyId = text(raw.entreprise);
    const values = newLeadValues(actor.userId, UUID.test(companyId) ? companyId : null);
    return this.renderNewLead(actor, session, response, 200, { values, errors: {} });
  }

  @Post('pistes/nouvelle')
  async createLead(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Body(new FormBody(NEW_LEAD_FORM)) form: PostedForm<CreateLeadDto>,
    @Res() response: Response,
  ) {
    if (text(form.raw.chercher)) return this.renderNewLead(actor, session, response, 200, { values: form.values, errors: {} }, form.raw);
    try {
      const created = await this.leads.create(actor, form.valid());
      return response.redirect(303, NOTICES.to(`/pistes/${created.id}`, 'creee'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderNewLead(actor, session, response, error.getStatus(), refusal(error, form.values, LEAD_FIELDS));
    }
  }

  private async renderNewLead(actor: Actor, session: Session, response: Response, status: number, form: FormState, search?: Raw) {
    const values = form.values;
    const [companyPicker, team] = await Promise.all([
      this.pickers.build(actor, { type: 'entreprise', name: 'companyId', prefix: 'piste', label: 'Entreprise', selected: values.companyId, none: '— Choisir une entreprise —', search }),
      this.users.list(actor, { limit: 200, offset: 0 }),
    ]);
    const companyId = companyPicker.chosen?.id ?? null;
    const contactPicker = await this.pickers.build(actor, {
      type: 'contact',
      name: 'contactId',
      prefix: 'piste',
      label: 'Contact',
      selected: values.contactId,
      none: '— Aucun —',
      search,
      companyId,
      companyField: 'piste-companyId',
    });
    const context = await this.pages.build(actor, session, '/pistes', {
      title: 'Nouvelle piste',
      styles: [...STYLES, '/static/picker.css'],
      scripts: ['/static/leads.js', '/static/picker.js'],
      form,
      companyPicker,
      contactPicker,
      contractTypes: CONTRACT_TYPES.map((type) => option(type, CONTRACT_TYPE_LABELS[type], values.contractType)),
      shifts: SHIFT_PATTERNS.map((shift) => option(shift, SHIFT_LABELS[shift], values.shiftPattern)),
      owners: ownerOptions(team.items, values.ownerId),
      checks: {
        requiresLicence: values.requiresLicence === 'true',
        requiresVehicle: values.requiresVehicle === 'true',
        hiddenMarket: values.hiddenMarket === 'true',
      },
    });
    return response.status(status).render('leads/lead-new', context);
  }

  @Get('pistes/:id')
  async leadPage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    return this.renderLead(actor, session, response, id, 200, { notice: NOTICES.read(raw) });
  }

  @Post('pistes/:id/statut')
  async leadStatus(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(LEAD_STATUS_FORM)) form: PostedForm<LeadStatusDto>,
    @Res() response: Response,
  ) {
    try {
      await this.leads.setStatus(actor, id, form.valid());
      return response.redirect(303, NOTICES.to(`/pistes/${id}`, 'statut'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderLead(actor, session, response, id, error.getStatus(), { statusForm: refusal(error, form.values, STATUS_FIELDS) });
    }
  }

  /** Proposes a candidate; `retour=candidat` comes back to the candidate's page. */
  @Post('pistes/:id/propositions')
  async propose(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(PROPOSAL_FORM)) form: PostedForm<CreateProposalDto>,
    @Res() response: Response,
  ) {
    const { values } = form;
    const back = proposalBack(id, values);
    try {
      if (!isConfirmed(form.raw)) {
        // Asked once the form is valid and names records of the structure (else refused as before).
        const input = form.valid();
        const [lead, candidate] = await Promise.all([this.leads.get(actor, id), this.candidates.get(actor, input.candidateId)]);
        return await renderConfirmation(this.pages, actor, session, response, back.startsWith('/candidats') ? '/candidats' : '/pistes', {
          title: `Proposer ${candidate.firstName} ${candidate.lastName} pour « ${lead.jobTitle} » ?`,
          sentence: `La proposition sera enregistrée sur la piste${lead.companyName ? ` de ${lead.companyName}` : ''} et suivie jusqu’à son issue.`,
          action: `/pistes/${id}/propositions`,
          confirmLabel: 'Proposer',
          backHref: back,
          fields: values,
        });
      }
      await this.proposals.propose(actor, id, form.valid());
      return response.redirect(303, NOTICES.to(back, 'propose', back.startsWith('/pistes') ? 'propositions' : 'pistes-compatibles'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const alert = refusal(error, values, []).alert;
      if (back.startsWith('/candidats')) {
        const path = 'POST /pistes/:id/propositions';
        return this.candidatePage.render(actor, session, response, values.candidateId, error.getStatus(), { proposalAlert: alert }, path);
      }
      return this.renderLead(actor, session, response, id, error.getStatus(), { proposalAlert: alert });
    }
  }

  @Post('propositions/:id/issue')
  async proposalOutcome(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(OUTCOME_FORM)) form: PostedForm<ProposalOutcomeDto>,
    @Res() response: Response,
  ) {
    const proposal = await this.proposalRows.get(actor, id);
    try {
      await this.proposals.setOutcome(actor, id, form.valid());
      return response.redirect(303, NOTICES.to(`/pistes/${proposal.leadId}`, 'issue', 'propositions'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderLead(actor, session, response, proposal.leadId, error.getStatus(), {
        outcomeForms: { [id]: refusal(error, form.values, OUTCOME_FIELDS) },
      });
    }
  }

  /** Withdraws a proposal made by mistake, once confirmed (the confirmation page without JavaScript). */
  @Post('propositions/:id/retrait')
  async withdrawProposal(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() raw: Raw,
    @Res() response: Response,
  ) {
    const proposal = await this.proposalRows.get(actor, id);
    const back = `/pistes/${proposal.leadId}#propositions`;
    try {
      if (!isConfirmed(raw)) {
        const [lead, candidate] = await Promise.all([this.leads.get(actor, proposal.leadId), this.candidates.get(actor, proposal.candidateId)]);
        return await renderConfirmation(this.pages, actor, session, response, '/pistes', {
          title: `Retirer la proposition de ${candidate.firstName} ${candidate.lastName} pour « ${lead.jobTitle} » ?`,
          sentence: WITHDRAW_SENTENCE,
          action: `/propositions/${id}/retrait`,
          confirmLabel: 'Retirer',
          backHref: back,
        });
      }
      await this.proposals.withdraw(actor, id);
      return response.redirect(303, NOTICES.to(`/pistes/${proposal.leadId}`, 'retiree', 'propositions'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderLead(actor, session, response, proposal.leadId, error.getStatus(), { proposalAlert: refusal(error, {}, []).alert });
    }
  }

  /** A proposal's own address (the journal links to it) and a reloaded confirmation: its lead's page. */
  @Get(['propositions/:id', 'propositions/:id/retrait'])
  async proposalPage(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    const proposal = await this.proposalRows.get(actor, id);
    return response.redirect(303, `/pistes/${proposal.leadId}#propositions`);
  }

  private async renderLead(actor: Actor, session: Session, response: Response, id: string, status: number, state: LeadPageState) {
    const lead = await this.leads.get(actor, id);
    const [proposals, matches, names] = await Promise.all([
      this.proposals.list(actor, id),
      this.matching.matchesForLead(actor, id, 30),
      teamNames(this.users, actor),
    ]);
    const live = proposals.filter((proposal) => proposal.outcome !== 'withdrawn');
    const proposed = new Set(live.map((proposal) => proposal.candidate?.id));
    const closed = lead.status === 'filled' || lead.status === 'abandoned';
    const transitions = LEAD_TRANSITIONS[lead.status].filter((next) => next !== 'candidate_proposed' || live.length > 0);
    const context = await this.pages.build(actor, session, '/pistes', {
      title: `${lead.jobTitle} · ${lead.companyName ?? 'Piste'}`,
      styles: STYLES,
      scripts: ['/static/confirm.js'],
      notice: state.notice,
      lead: leadRow(lead, names),
      canPropose: !closed,
      statusForm: statusFormModel(transitions, state.statusForm),
      proposalAlert: state.proposalAlert,
      proposals: proposals.map((proposal) => proposalRow(proposal, lead.id, state.outcomeForms?.[proposal.id])),
      matches: matches.matches.map((match, index) => ({
        rank: index + 1,
        candidate: { id: match.candidate.id, name: fullName(match.candidate) },
        wantedJobs: wantedJobsView(match.candidate.wantedJobs),
        strengths: match.candidate.strengths,
        score: match.score,
        reasons: match.reasons,
        proposed: proposed.has(match.candidate.id),
      })),
      totalMatches: matches.totalMatches,
      excluded: matches.excluded.map((entry) => ({
        candidate: { id: entry.candidate.id, name: fullName(entry.candidate) },
        conflicts: entry.conflicts,
        proposed: proposed.has(entry.candidate.id),
      })),
      totalExcluded: matches.totalExcluded,
    });
    return response.status(status).render('leads/lead', context);
  }
}
