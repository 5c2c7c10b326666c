import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Repository } from 'typeorm';
import { presentEvents } from '../audit/audit-presenter';
import { AuditService } from '../audit/audit.service';
import { AuditQuery } from '../audit/dto/audit.dto';
import { CurrentActor, CurrentSession } from '../auth/auth.decorators';
import { Session } from '../auth/session.entity';
import { CONSTRAINT_CATEGORIES, ConstraintCategory, REFERRER_LABELS, REFERRERS } from '../candidates/candidate.entity';
import { CandidatesService } from '../candidates/candidates.service';
import { CandidateFilterDto, CreateCandidateDto } from '../candidates/dto/candidate.dto';
import { CANDIDATE_STATUS_LABELS, CandidateListItem, CandidateView } from '../candidates/dto/candidate-view.dto';
import { BusinessDay } from '../common/business-day';
import { CompaniesService } from '../companies/companies.service';
import { ContactsService } from '../contacts/contacts.service';
import { CreateLeadDto, CreateProposalDto, LeadStatusDto, OPEN_LEAD_STATUSES, OUTCOME_INPUTS, ProposalOutcomeDto } from '../leads/dto/lead.dto';
import { LEAD_STATUS_LABELS, LEAD_STATUSES, LeadStatus } from '../leads/job-lead.entity';
import { LEAD_TRANSITIONS } from '../leads/lead-rules';
import { LeadView } from '../leads/lead-view';
import { LeadsService } from '../leads/leads.service';
import { MatchingService } from '../leads/matching.service';
import { Proposal, PROPOSAL_OUTCOME_LABELS } from '../leads/proposal.entity';
import { ProposalsService, ProposalView } from '../leads/proposals.service';
import { CONTRACT_TYPE_LABELS, CONTRACT_TYPES, ContractType, SHIFT_LABELS, SHIFT_PATTERNS, ShiftPattern } from '../placements/contract-types';
import { CreatePlacementDto, EndPlacementDto, StartPlacementDto } from '../placements/dto/placement.dto';
import { PLACEMENT_STATUS_LABELS, PlacementView } from '../placements/dto/placement-view.dto';
import { PLACEMENT_STATUSES, PlacementStatus } from '../placements/placement.entity';
import { PlacementsService } from '../placements/placements.service';
import { romeLabel } from '../reference/rome';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { UsersService } from '../users/users.service';
import {
  FormState,
  isFormRefusal,
  lines,
  listOf,
  many,
  option,
  optional,
  pick,
  Raw,
  refusal,
  text,
  UUID,
  validated,
  Values,
  version,
  wholeNumber,
} from './leads-view-helpers';
import { PageContext } from './kit/page-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { RECORD } from '../refusals/index';
import { because, NotFoundRefusal } from '../refusals/refused';

const PAGE_SIZE = 25;
const STYLES = ['/static/company.css', '/static/leads.css'];

const LEAD_FIELDS = [
  'companyId',
  'contactId',
  'jobTitle',
  'romeCode',
  'contractType',
  'hoursPerWeek',
  'shiftPattern',
  'startDate',
  'workCommune',
  'requiresLicence',
  'requiresVehicle',
  'requirements',
  'adaptations',
  'hiddenMarket',
  'ownerId',
] as const;

const WANTED_ROWS = 3;
const CANDIDATE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'referrer',
  'referrerName',
  'entryDate',
  ...Array.from({ length: WANTED_ROWS }, (_, index) => [`wantedLabel${index}`, `wantedRome${index}`]).flat(),
  'strengths',
  'skills',
  'drivingLicence',
  'hasVehicle',
  'homeCommune',
  'reachableCommunes',
  'mobilityRadiusKm',
  'hoursPerWeek',
  'availableFrom',
  'ownerId',
  ...CONSTRAINT_CATEGORIES.map((category) => `constraint_${category}`),
  'notes',
  'shifts',
];

const PLACEMENT_FIELDS = [
  'candidateId',
  'companyId',
  'leadId',
  'proposalId',
  'employerContactId',
  'contractType',
  'jobTitle',
  'startDate',
  'plannedEndDate',
  'hoursPerWeek',
  'trialEndDate',
  'ownerId',
] as const;

const END_FIELDS = ['endDate', 'endKind', 'ruptureReason', 'endedBy'] as const;

const CONSTRAINT_LABELS: Record<ConstraintCategory, string> = {
  mobility: 'Mobilité',
  childcare: 'Garde d’enfants',
  housing: 'Logement',
  health: 'Santé',
  language: 'Langue',
  administrative: 'Administratif',
};

/** Constraint problems (`constraints.health`) next to their textarea. */
const CONSTRAINT_NAMES = Object.fromEntries(CONSTRAINT_CATEGORIES.map((category) => [`constraints.${category}`, `constraint_${category}`]));

const ENDED_BY_LABELS = { employee: 'La personne salariée', employer: 'L’employeur', both: 'D’un commun accord' };

/** The status tabs of the leads list: open ones by default, all, overdue, then each status. */
const LEAD_TABS: Array<{ value: string; label: string }> = [
  { value: 'ouvertes', label: 'Ouvertes' },
  { value: 'en-retard', label: 'En retard' },
  ...LEAD_STATUSES.map((status) => ({ value: status, label: LEAD_STATUS_LABELS[status] })),
  { value: 'toutes', label: 'Toutes' },
];

const NOTICES: Record<string, string> = {
  creee: 'La piste a été créée.',
  statut: 'Le statut de la piste a été changé.',
  propose: 'La personne a été proposée : la mise en relation est enregistrée.',
  issue: 'L’issue de la mise en relation a été enregistrée.',
  candidat: 'La fiche de la personne a été créée.',
  placement: 'Le placement a été créé.',
  demarre: 'Le placement a démarré.',
  termine: 'Le placement est terminé.',
  annule: 'Le placement prévu a été annulé.',
};

function pageNumberOf(raw: Raw): number {
  const requested = Number(text(raw.page));
  return Number.isInteger(requested) && requested >= 1 && requested <= 100000 ? requested : 1;
}

function pager(base: string, params: URLSearchParams, pageNumber: number, total: number) {
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (n: number) => {
    const query = new URLSearchParams(params);
    if (n > 1) query.set('page', String(n));
    const string = query.toString();
    return `${base}${string ? `?${string}` : ''}`;
  };
  return {
    pageNumber,
    pageCount,
    several: pageCount > 1,
    previousHref: pageNumber > 1 ? href(pageNumber - 1) : null,
    nextHref: pageNumber < pageCount ? href(pageNumber + 1) : null,
  };
}

function fullName(person: { firstName: string; lastName: string } | null | undefined): string {
  return person ? `${person.firstName} ${person.lastName}` : '—';
}

function shiftsText(shifts: ShiftPattern[]): string {
  return shifts.map((shift) => SHIFT_LABELS[shift] ?? shift).join(', ');
}

function wantedJobsView(jobs: Array<{ label: string; romeCode?: string | null }>) {
  return jobs.map((job) => ({
    label: job.label,
    romeCode: job.romeCode ?? null,
    romeLabel: job.romeCode ? (romeLabel(job.romeCode) ?? null) : null,
  }));
}

interface LeadPageState {
  notice?: string;
  statusForm?: FormState;
  proposalAlert?: string;
  outcomeForms?: Record<string, FormState>;
}

interface PlacementsPageState {
  /** The route showing the page (a refused form shows it again): recorded with the rupture reasons it shows. */
  path: string;
  notice?: string;
  rowForms?: Record<string, FormState & { open?: boolean }>;
  rowAlerts?: Record<string, string>;
}

/** Pages of job leads (pistes), candidates and placements. */
@ApiExcludeController()
@Controller()
export class LeadsPagesController {
  private readonly proposalRows: ScopedRepository<Proposal>;

  constructor(
    private readonly leads: LeadsService,
    private readonly matching: MatchingService,
    private readonly proposals: ProposalsService,
    private readonly candidates: CandidatesService,
    private readonly placements: PlacementsService,
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly businessDay: BusinessDay,
    @InjectRepository(Proposal) proposalRepository: Repository<Proposal>,
    private readonly audit: AuditService,
  ) {
    this.proposalRows = new ScopedRepository(proposalRepository, 'proposal');
  }

  // ================================================================ leads (pistes)

  @Get('pistes')
  async leadsList(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const tab = LEAD_TABS.some((entry) => entry.value === text(raw.statut)) ? text(raw.statut) : 'ouvertes';
    const pageNumber = pageNumberOf(raw);
    const filter =
      tab === 'toutes'
        ? {}
        : tab === 'ouvertes'
          ? { status: [...OPEN_LEAD_STATUSES] }
          : tab === 'en-retard'
            ? { overdue: true }
            : { status: [tab as LeadStatus] };
    const [result, names] = await Promise.all([
      this.leads.list(actor, filter, { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE }),
      this.teamNames(actor),
    ]);
    const params = new URLSearchParams();
    if (tab !== 'ouvertes') params.set('statut', tab);
    const context = await this.pages.build(actor, session, '/pistes', {
      title: 'Pistes',
      styles: STYLES,
      notice: NOTICES[text(raw.ok)],
      tabs: LEAD_TABS.map((entry) => ({
        ...entry,
        href: entry.value === 'ouvertes' ? '/pistes' : `/pistes?statut=${entry.value}`,
        current: entry.value === tab,
      })),
      tabLabel: LEAD_TABS.find((entry) => entry.value === tab)?.label,
      leads: result.items.map((lead) => this.leadRow(lead, names)),
      total: result.total,
      ...pager('/pistes', params, pageNumber, result.total),
    });
    return response.render('leads', context);
  }

  @Get('pistes/nouvelle')
  async newLeadPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const values: Values = Object.fromEntries(LEAD_FIELDS.map((field) => [field, '']));
    values.ownerId = actor.userId;
    values.contractType = 'cdd';
    values.shiftPattern = 'day';
    values.hiddenMarket = 'true';
    const companyId = text(raw.entreprise);
    if (UUID.test(companyId)) values.companyId = companyId;
    return this.renderNewLead(actor, session, response, 200, { values, errors: {} });
  }

  @Post('pistes/nouvelle')
  async createLead(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    const values = pick(form, LEAD_FIELDS);
    try {
      const input = await validated(CreateLeadDto, {
        companyId: values.companyId,
        contactId: optional(values.contactId),
        jobTitle: values.jobTitle,
        romeCode: optional(values.romeCode),
        contractType: values.contractType,
        hoursPerWeek: wholeNumber(values.hoursPerWeek),
        shiftPattern: optional(values.shiftPattern),
        startDate: optional(values.startDate),
        workCommune: optional(values.workCommune),
        requiresLicence: values.requiresLicence === 'true',
        requiresVehicle: values.requiresVehicle === 'true',
        requirements: lines(values.requirements),
        adaptations: lines(values.adaptations),
        hiddenMarket: values.hiddenMarket === 'true',
        ownerId: values.ownerId ? values.ownerId : null,
      });
      const created = await this.leads.create(actor, input);
      return response.redirect(303, `/pistes/${created.id}?ok=creee`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderNewLead(actor, session, response, error.getStatus(), refusal(error, values, LEAD_FIELDS));
    }
  }

  private async renderNewLead(actor: Actor, session: Session, response: Response, status: number, form: FormState) {
    const values = form.values;
    const [companies, team] = await Promise.all([this.companyOptions(actor, values.companyId), this.users.list(actor, { limit: 200, offset: 0 })]);
    const company = companies.find((entry) => entry.value === values.companyId);
    const contacts = company ? await this.contacts.listForCompany(actor, company.value) : [];
    const context = await this.pages.build(actor, session, '/pistes', {
      title: 'Nouvelle piste',
      styles: STYLES,
      scripts: ['/static/leads.js'],
      form,
      fixedCompany: company && values.companyId && !form.errors.companyId ? company : null,
      companies: [option('', '— Choisir une entreprise —', values.companyId), ...companies],
      contacts: [
        option('', '— Aucun —', values.contactId),
        ...contacts.map((contact) => option(contact.id, [contact.firstName, contact.lastName].filter(Boolean).join(' '), values.contactId)),
      ],
      contractTypes: CONTRACT_TYPES.map((type) => option(type, CONTRACT_TYPE_LABELS[type], values.contractType)),
      shifts: SHIFT_PATTERNS.map((shift) => option(shift, SHIFT_LABELS[shift], values.shiftPattern)),
      owners: [
        option('', 'Personne', values.ownerId),
        ...team.items.filter((user) => user.active || user.id === values.ownerId).map((user) => option(user.id, fullName(user), values.ownerId)),
      ],
      checks: {
        requiresLicence: values.requiresLicence === 'true',
        requiresVehicle: values.requiresVehicle === 'true',
        hiddenMarket: values.hiddenMarket === 'true',
      },
    });
    return response.status(status).render('lead-new', context);
  }

  @Get('pistes/:id')
  async leadPage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    return this.renderLead(actor, session, response, id, 200, { notice: NOTICES[text(raw.ok)] });
  }

  @Post('pistes/:id/statut')
  async leadStatus(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    const values = pick(form, ['status', 'abandonReason', 'version']);
    try {
      const input = await validated(LeadStatusDto, {
        status: values.status,
        abandonReason: values.status === 'abandoned' ? optional(values.abandonReason) : undefined,
        version: version(values.version),
      });
      await this.leads.setStatus(actor, id, input);
      return response.redirect(303, `/pistes/${id}?ok=statut`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderLead(actor, session, response, id, error.getStatus(), {
        statusForm: refusal(error, values, ['status', 'abandonReason']),
      });
    }
  }

  /** Proposes a candidate; `retour=candidat` comes back to the candidate's page. */
  @Post('pistes/:id/propositions')
  async propose(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    const values = pick(form, ['candidateId', 'force', 'retour']);
    const back = values.retour === 'candidat' && UUID.test(values.candidateId) ? `/candidats/${values.candidateId}` : `/pistes/${id}`;
    try {
      const input = await validated(CreateProposalDto, { candidateId: values.candidateId, force: values.force === 'true' ? true : undefined });
      await this.proposals.propose(actor, id, input);
      return response.redirect(303, `${back}?ok=propose#${back.startsWith('/pistes') ? 'propositions' : 'pistes-compatibles'}`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const alert = refusal(error, values, []).alert;
      if (back.startsWith('/candidats')) {
        const path = 'POST /pistes/:id/propositions';
        return this.renderCandidate(actor, session, response, values.candidateId, error.getStatus(), { proposalAlert: alert }, path);
      }
      return this.renderLead(actor, session, response, id, error.getStatus(), { proposalAlert: alert });
    }
  }

  @Post('propositions/:id/issue')
  async proposalOutcome(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    const proposal = await this.proposalRows.get(actor, id);
    const values = pick(form, ['outcome', 'reason']);
    try {
      const input = await validated(ProposalOutcomeDto, {
        outcome: values.outcome,
        reason: values.outcome.startsWith('declined') ? optional(values.reason) : undefined,
      });
      await this.proposals.setOutcome(actor, id, input);
      return response.redirect(303, `/pistes/${proposal.leadId}?ok=issue#propositions`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderLead(actor, session, response, proposal.leadId, error.getStatus(), {
        outcomeForms: { [id]: refusal(error, values, ['outcome', 'reason']) },
      });
    }
  }

  private async renderLead(actor: Actor, session: Session, response: Response, id: string, status: number, state: LeadPageState) {
    const lead = await this.leads.get(actor, id);
    const [proposals, matches, names] = await Promise.all([
      this.proposals.list(actor, id),
      this.matching.matchesForLead(actor, id, 30),
      this.teamNames(actor),
    ]);
    const proposed = new Set(proposals.map((proposal) => proposal.candidate?.id));
    const closed = lead.status === 'filled' || lead.status === 'abandoned';
    const statusForm = state.statusForm ?? { values: { status: '', abandonReason: '' }, errors: {} };
    const transitions = LEAD_TRANSITIONS[lead.status].filter((next) => next !== 'candidate_proposed' || proposals.length > 0);
    const context = await this.pages.build(actor, session, '/pistes', {
      title: `${lead.jobTitle} · ${lead.companyName ?? 'Piste'}`,
      styles: STYLES,
      notice: state.notice,
      lead: this.leadRow(lead, names),
      canPropose: !closed,
      statusForm: {
        ...statusForm,
        options: [
          option('', '— Choisir —', statusForm.values.status),
          ...transitions.map((next) => option(next, LEAD_STATUS_LABELS[next], statusForm.values.status)),
        ],
        open: Boolean(state.statusForm),
      },
      proposalAlert: state.proposalAlert,
      proposals: proposals.map((proposal) => this.proposalRow(proposal, lead, state.outcomeForms?.[proposal.id])),
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
    return response.status(status).render('lead', context);
  }

  private proposalRow(proposal: ProposalView, lead: LeadView, form: FormState | undefined) {
    const settled = ['hired', 'declined_by_employer', 'declined_by_candidate'].includes(proposal.outcome);
    const values = form?.values ?? { outcome: '', reason: '' };
    const candidateId = proposal.candidate?.id ?? '';
    return {
      ...proposal,
      candidateName: fullName(proposal.candidate),
      settled,
      hired: proposal.outcome === 'hired',
      placementHref: `/placements/nouveau?proposition=${proposal.id}`,
      outcomeForm: settled
        ? null
        : {
            ...(form ?? { values, errors: {} }),
            open: Boolean(form),
            options: [
              option('', '— Choisir —', values.outcome),
              ...OUTCOME_INPUTS.map((outcome) => option(outcome, PROPOSAL_OUTCOME_LABELS[outcome], values.outcome)),
            ],
          },
      candidateHref: candidateId ? `/candidats/${candidateId}` : null,
      formPrefix: `issue-${proposal.id}`,
      leadId: lead.id,
    };
  }

  private leadRow(lead: LeadView, names: Map<string, string>) {
    return {
      ...lead,
      contractTypeLabel: CONTRACT_TYPE_LABELS[lead.contractType],
      shiftLabel: SHIFT_LABELS[lead.shiftPattern],
      ownerName: lead.ownerId ? (names.get(lead.ownerId) ?? null) : null,
      open: (OPEN_LEAD_STATUSES as readonly string[]).includes(lead.status),
    };
  }

  // ================================================================ candidates

  @Get('candidats')
  async candidatesList(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const q = text(raw.q).slice(0, 100);
    const statusValue = text(raw.statut);
    const status = (Object.keys(CANDIDATE_STATUS_LABELS) as Array<keyof typeof CANDIDATE_STATUS_LABELS>).find((value) => value === statusValue);
    const pageNumber = pageNumberOf(raw);
    const filter = Object.assign(new CandidateFilterDto(), { q: q || undefined, status });
    const result = await this.candidates.list(actor, filter, { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (status) params.set('statut', status);
    const context = await this.pages.build(actor, session, '/candidats', {
      title: 'Candidats',
      styles: STYLES,
      q,
      filtered: Boolean(q || status),
      statuses: [
        option('', 'Tous', status ?? ''),
        ...Object.entries(CANDIDATE_STATUS_LABELS).map(([value, label]) => option(value, label, status ?? '')),
      ],
      candidates: result.items.map((candidate) => {
        const item = CandidateListItem.of(candidate);
        return { ...item, name: fullName(item), availableFrom: item.availableFrom };
      }),
      total: result.total,
      ...pager('/candidats', params, pageNumber, result.total),
    });
    return response.render('candidates', context);
  }

  @Get('candidats/nouveau')
  async newCandidatePage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Res() response: Response) {
    const values: Values = Object.fromEntries(CANDIDATE_FIELDS.map((field) => [field, '']));
    values.ownerId = actor.userId;
    values.referrer = 'france_travail';
    return this.renderNewCandidate(actor, session, response, 200, { values, errors: {} }, ['day']);
  }

  @Post('candidats/nouveau')
  async createCandidate(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    const values = pick(form, CANDIDATE_FIELDS);
    const shifts = many(form.shifts);
    try {
      const wantedJobs = Array.from({ length: WANTED_ROWS }, (_, index) => ({
        label: values[`wantedLabel${index}`].trim(),
        romeCode: values[`wantedRome${index}`].trim() || null,
      })).filter((job) => job.label || job.romeCode);
      const constraints = Object.fromEntries(
        CONSTRAINT_CATEGORIES.map((category) => [category, optional(values[`constraint_${category}`])]).filter(([, value]) => value),
      );
      const input = await validated(CreateCandidateDto, {
        firstName: values.firstName,
        lastName: values.lastName,
        email: optional(values.email),
        phone: optional(values.phone),
        referrer: optional(values.referrer),
        referrerName: optional(values.referrerName),
        entryDate: optional(values.entryDate),
        wantedJobs,
        strengths: lines(values.strengths),
        skills: lines(values.skills),
        drivingLicence: values.drivingLicence === 'true',
        hasVehicle: values.hasVehicle === 'true',
        homeCommune: optional(values.homeCommune),
        reachableCommunes: listOf(values.reachableCommunes),
        mobilityRadiusKm: wholeNumber(values.mobilityRadiusKm),
        hoursPerWeek: wholeNumber(values.hoursPerWeek),
        shifts,
        availableFrom: optional(values.availableFrom),
        constraints,
        notes: optional(values.notes),
        ownerId: values.ownerId ? values.ownerId : null,
      });
      const created = await this.candidates.create(actor, input);
      return response.redirect(303, `/candidats/${created.id}?ok=candidat`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderNewCandidate(actor, session, response, error.getStatus(), refusal(error, values, CANDIDATE_FIELDS, CONSTRAINT_NAMES), shifts);
    }
  }

  private async renderNewCandidate(actor: Actor, session: Session, response: Response, status: number, form: FormState, shifts: string[]) {
    const values = form.values;
    const team = await this.users.list(actor, { limit: 200, offset: 0 });
    const context = await this.pages.build(actor, session, '/candidats', {
      title: 'Nouveau candidat',
      styles: STYLES,
      form,
      wantedRows: Array.from({ length: WANTED_ROWS }, (_, index) => ({
        index,
        number: index + 1,
        label: values[`wantedLabel${index}`],
        rome: values[`wantedRome${index}`],
        labelError: form.errors[`wantedLabel${index}`],
        romeError: form.errors[`wantedRome${index}`],
      })),
      referrers: REFERRERS.map((referrer) => option(referrer, REFERRER_LABELS[referrer], values.referrer)),
      shifts: SHIFT_PATTERNS.map((shift) => ({ value: shift, label: SHIFT_LABELS[shift], checked: shifts.includes(shift) })),
      owners: [
        option('', 'Personne', values.ownerId),
        ...team.items.filter((user) => user.active || user.id === values.ownerId).map((user) => option(user.id, fullName(user), values.ownerId)),
      ],
      constraints: CONSTRAINT_CATEGORIES.map((category) => ({
        name: `constraint_${category}`,
        label: CONSTRAINT_LABELS[category],
        value: values[`constraint_${category}`],
        error: form.errors[`constraint_${category}`],
      })),
      checks: { drivingLicence: values.drivingLicence === 'true', hasVehicle: values.hasVehicle === 'true' },
    });
    return response.status(status).render('candidate-new', context);
  }

  @Get('candidats/:id')
  async candidatePage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    return this.renderCandidate(actor, session, response, id, 200, { notice: NOTICES[text(raw.ok)] });
  }

  private async renderCandidate(
    actor: Actor,
    session: Session,
    response: Response,
    id: string,
    status: number,
    state: { notice?: string; proposalAlert?: string },
    path = 'GET /candidats/:id',
  ) {
    if (!UUID.test(id)) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'candidate' }), 'Candidate not found');
    // The page shows constraints and notes: the read is recorded before anything is rendered.
    const candidate = CandidateView.full(await this.candidates.readSensitive(actor, id, { via: 'page', path }));
    const [fitting, placements, names, proposals, history] = await Promise.all([
      this.matching.leadsForCandidate(actor, id, 20),
      this.placements.list(actor, { candidate: id }, { limit: 50, offset: 0 }),
      this.teamNames(actor),
      this.proposalRows.find(actor, { where: { candidateId: id } }),
      this.candidateHistory(actor, id),
    ]);
    const proposedFor = new Set(proposals.map((proposal) => proposal.leadId));
    const constraints = CONSTRAINT_CATEGORIES.filter((category) => candidate.constraints[category]).map((category) => ({
      label: CONSTRAINT_LABELS[category],
      text: candidate.constraints[category],
    }));
    const context = await this.pages.build(actor, session, '/candidats', {
      title: fullName(candidate),
      styles: STYLES,
      notice: state.notice,
      proposalAlert: state.proposalAlert,
      candidate: {
        ...candidate,
        name: fullName(candidate),
        shiftsText: shiftsText(candidate.shifts),
        ownerName: candidate.ownerId ? (names.get(candidate.ownerId) ?? null) : null,
      },
      fitting: fitting.matches.map((match) => ({
        ...match.lead,
        contractTypeLabel: CONTRACT_TYPE_LABELS[match.lead.contractType as ContractType] ?? match.lead.contractType,
        romeLabel: match.lead.romeCode ? (romeLabel(match.lead.romeCode) ?? null) : null,
        statusLabel: LEAD_STATUS_LABELS[match.lead.status],
        reasons: match.reasons,
        proposed: proposedFor.has(match.lead.id),
      })),
      totalFitting: fitting.totalMatches,
      placements: placements.items.map((placement) => this.placementRow(placement)),
      constraints,
      hasConfidential: constraints.length > 0 || Boolean(candidate.notes),
      history,
    });
    return response.status(status).render('candidate', context);
  }

  /** The last changes to the person's record, for managers and admins (who may read the audit journal). */
  private async candidateHistory(actor: Actor, id: string) {
    if (actor.role === 'staff') return null;
    const query = Object.assign(new AuditQuery(), { entity: 'candidate', entityId: id, kind: 'changes', limit: 5, offset: 0 });
    const page = await this.audit.list(actor, query);
    const names = await this.audit.names(actor, page.items);
    return {
      events: presentEvents(page.items, names),
      total: page.total,
      more: page.total > page.items.length,
      journalHref: `/journal?entite=candidate&fiche=${id}`,
    };
  }

  // ================================================================ placements

  @Get('placements')
  async placementsList(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    return this.renderPlacements(actor, session, response, raw, 200, { path: 'GET /placements', notice: NOTICES[text(raw.ok)] });
  }

  private async renderPlacements(actor: Actor, session: Session, response: Response, raw: Raw, status: number, state: PlacementsPageState) {
    const statusValue = text(raw.statut);
    const filterStatus = (PLACEMENT_STATUSES as readonly string[]).includes(statusValue) ? (statusValue as PlacementStatus) : undefined;
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
      notice: state.notice,
      tabs: [
        { label: 'Tous', href: '/placements', current: !filterStatus },
        ...PLACEMENT_STATUSES.map((value) => ({ label: PLACEMENT_STATUS_LABELS[value], href: `/placements?statut=${value}`, current: value === filterStatus })),
      ],
      placements: result.items.map((placement) => {
        const form = state.rowForms?.[placement.id];
        const values = form?.values ?? { endDate: today, endKind: 'normal', ruptureReason: '', endedBy: '' };
        return {
          ...this.placementRow(placement),
          alert: state.rowAlerts?.[placement.id],
          endForm:
            placement.status === 'started'
              ? {
                  ...(form ?? { values, errors: {} }),
                  open: Boolean(form),
                  early: values.endKind === 'early',
                  endedBy: [
                    option('', '— Choisir —', values.endedBy),
                    ...Object.entries(ENDED_BY_LABELS).map(([value, label]) => option(value, label, values.endedBy)),
                  ],
                }
              : null,
        };
      }),
      total: result.total,
      returnQuery: params.toString(),
      ...pager('/placements', params, pageNumber, result.total),
    });
    return response.status(status).render('placements', context);
  }

  private placementRow(placement: PlacementView) {
    return {
      ...placement,
      planned: placement.status === 'planned',
      started: placement.status === 'started',
      ended: placement.status === 'ended',
      early: placement.endKind === 'early',
      endedByLabel: placement.endedBy ? ENDED_BY_LABELS[placement.endedBy] : null,
    };
  }

  @Get('placements/nouveau')
  async newPlacementPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const values: Values = Object.fromEntries(PLACEMENT_FIELDS.map((field) => [field, '']));
    values.ownerId = actor.userId;
    values.contractType = 'cdd';
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
        values.leadId = lead.id;
        values.companyId = lead.companyId;
        values.jobTitle = lead.jobTitle;
        values.contractType = lead.contractType;
        values.hoursPerWeek = lead.hoursPerWeek ? String(lead.hoursPerWeek) : '';
        values.startDate = lead.startDate ?? '';
        values.employerContactId = lead.contactId ?? '';
        if (!values.proposalId && values.candidateId) {
          const proposals = await this.proposals.list(actor, lead.id);
          values.proposalId = proposals.find((proposal) => proposal.candidate?.id === values.candidateId)?.id ?? '';
        }
      }
    }
    return this.renderNewPlacement(actor, session, response, 200, { values, errors: {} });
  }

  @Post('placements/nouveau')
  async createPlacement(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    const values = pick(form, PLACEMENT_FIELDS);
    try {
      const input = await validated(CreatePlacementDto, {
        candidateId: values.candidateId,
        companyId: values.companyId,
        leadId: optional(values.leadId),
        proposalId: optional(values.proposalId),
        employerContactId: optional(values.employerContactId),
        contractType: values.contractType,
        jobTitle: values.jobTitle,
        startDate: values.startDate,
        plannedEndDate: optional(values.plannedEndDate),
        hoursPerWeek: wholeNumber(values.hoursPerWeek),
        trialEndDate: optional(values.trialEndDate),
        ownerId: values.ownerId ? values.ownerId : null,
      });
      await this.placements.create(actor, input);
      return response.redirect(303, '/placements?ok=placement');
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderNewPlacement(actor, session, response, error.getStatus(), refusal(error, values, PLACEMENT_FIELDS));
    }
  }

  private async renderNewPlacement(actor: Actor, session: Session, response: Response, status: number, form: FormState) {
    const values = form.values;
    const [companies, people, team] = await Promise.all([
      this.companyOptions(actor, values.companyId),
      this.candidates.list(actor, {}, { limit: 500, offset: 0 }),
      this.users.list(actor, { limit: 200, offset: 0 }),
    ]);
    const lead = UUID.test(values.leadId) ? await this.leads.get(actor, values.leadId).catch(() => null) : null;
    const company = companies.find((entry) => entry.value === values.companyId);
    const contacts = company ? await this.contacts.listForCompany(actor, company.value) : [];
    const context = await this.pages.build(actor, session, '/placements', {
      title: 'Nouveau placement',
      styles: STYLES,
      scripts: ['/static/leads.js'],
      form,
      employerContacts: [
        option('', '— Le contact de la piste —', values.employerContactId),
        ...contacts.map((contact) =>
          option(contact.id, [contact.firstName, contact.lastName].filter(Boolean).join(' '), values.employerContactId),
        ),
      ],
      lead: lead ? { id: lead.id, jobTitle: lead.jobTitle, companyName: lead.companyName } : null,
      candidates: [
        option('', '— Choisir une personne —', values.candidateId),
        ...people.items
          .filter((person) => person.status !== 'exited' || person.id === values.candidateId)
          .map((person) => option(person.id, fullName(person), values.candidateId)),
      ],
      companies: [option('', '— Choisir une entreprise —', values.companyId), ...companies],
      contractTypes: CONTRACT_TYPES.map((type) => option(type, CONTRACT_TYPE_LABELS[type], values.contractType)),
      owners: [
        option('', 'Personne', values.ownerId),
        ...team.items.filter((user) => user.active || user.id === values.ownerId).map((user) => option(user.id, fullName(user), values.ownerId)),
      ],
    });
    return response.status(status).render('placement-new', context);
  }

  @Post('placements/:id/demarrer')
  async startPlacement(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    try {
      await this.placements.start(actor, id, await validated(StartPlacementDto, { version: version(text(form.version)) }));
      return response.redirect(303, this.placementsBack(raw, 'demarre'));
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
    @Body() form: Raw,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    const values = pick(form, [...END_FIELDS, 'version']);
    try {
      const early = values.endKind === 'early';
      const input = await validated(EndPlacementDto, {
        endDate: values.endDate,
        endKind: values.endKind,
        ruptureReason: early ? optional(values.ruptureReason) : undefined,
        endedBy: early ? optional(values.endedBy) : undefined,
        version: version(values.version),
      });
      await this.placements.end(actor, id, input);
      return response.redirect(303, this.placementsBack(raw, 'termine'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderPlacements(actor, session, response, raw, error.getStatus(), {
        path: 'POST /placements/:id/terminer',
        rowForms: { [id]: { ...refusal(error, values, END_FIELDS), open: true } },
      });
    }
  }

  @Post('placements/:id/annuler')
  async cancelPlacement(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    try {
      await this.placements.cancel(actor, id);
      return response.redirect(303, this.placementsBack(raw, 'annule'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const rowAlerts = { [id]: refusal(error, {}, []).alert ?? '' };
      return this.renderPlacements(actor, session, response, raw, error.getStatus(), { path: 'POST /placements/:id/annuler', rowAlerts });
    }
  }

  private placementsBack(raw: Raw, ok: string): string {
    const status = text(raw.statut);
    const params = new URLSearchParams();
    if ((PLACEMENT_STATUSES as readonly string[]).includes(status)) params.set('statut', status);
    params.set('ok', ok);
    return `/placements?${params.toString()}`;
  }

  // ================================================================ shared

  private async teamNames(actor: Actor): Promise<Map<string, string>> {
    const team = await this.users.list(actor, { limit: 200, offset: 0 });
    return new Map(team.items.map((user) => [user.id, fullName(user)]));
  }

  /** The structure's companies as select options, by name (the selected one kept even past the cap). */
  private async companyOptions(actor: Actor, selected: string) {
    const result = await this.companies.list(actor, {}, { limit: 500, offset: 0 });
    const items = result.items.map((company) => ({ id: company.id, name: company.name }));
    if (UUID.test(selected) && !items.some((company) => company.id === selected)) {
      const company = await this.companies.get(actor, selected).catch(() => null);
      if (company) items.push({ id: company.id, name: company.name });
    }
    return items
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((company) => option(company.id, company.name, selected));
  }
}
