import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { In, Not, Repository } from 'typeorm';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { BusinessDay } from '../../common/calendar/business-day';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ContactsService } from '../../contacts/contacts.service';
import { AddParticipantsDto, AttendanceDto, OutcomeDto } from '../../encounters/dto/encounter.dto';
import { EncounterView } from '../../encounters/encounter-view';
import { EncountersService } from '../../encounters/encounters.service';
import { JobLead } from '../../leads/job-lead.entity';
import { LeadsService } from '../../leads/leads.service';
import { Proposal } from '../../leads/proposal.entity';
import { PlacementsService } from '../../placements/placements.service';
import { Actor } from '../../tenancy/actor';
import { ScopedRepository } from '../../tenancy/scoped-repository';
import { UsersService } from '../../users/users.service';
import { isConfirmed, renderConfirmation } from '../kit/confirm';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, Raw, text } from '../kit/forms';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { PageContext } from '../kit/page-context';
import { FormState, fullName, refusal } from '../leads/lead.view';
import { teamNames } from '../leads/pick-lists';
import { RecordPickers } from '../search/record-pickers';
import { ATTENDANCE_FORM, CANDIDATE_SLOTS, INVITE_FORM, OUTCOME_FIELDS, OUTCOME_FORM } from './encounter.form';
import {
  attendanceRows,
  ENCOUNTER_NOTICES,
  encounterFacts,
  notYetInvited,
  OutcomeLink,
  outcomeRow,
  outcomeSentence,
  participantGroups,
  STYLES,
} from './encounter.view';

interface EncounterPageState {
  notice?: string;
  alert?: string;
  inviteForm?: FormState;
  attendanceForm?: FormState;
  outcomeForms?: Record<string, FormState>;
  /** The invite form posted back by a picker's « Chercher » (without script). */
  search?: Raw;
}

const OUTCOME_NAMES = { proposalId: 'link', placementId: 'link', leadId: 'link' };

/** One encounter's page: its details, who is invited, who came, and what followed. */
@ApiExcludeController()
@Controller()
export class EncounterPageController {
  private readonly proposals: ScopedRepository<Proposal>;
  private readonly jobLeads: ScopedRepository<JobLead>;

  constructor(
    private readonly encounters: EncountersService,
    private readonly leads: LeadsService,
    private readonly contacts: ContactsService,
    private readonly placements: PlacementsService,
    private readonly users: UsersService,
    private readonly pickers: RecordPickers,
    private readonly pages: PageContext,
    private readonly businessDay: BusinessDay,
    @InjectRepository(Proposal) proposalRepository: Repository<Proposal>,
    @InjectRepository(JobLead) leadRepository: Repository<JobLead>,
  ) {
    this.proposals = new ScopedRepository(proposalRepository, 'proposal');
    this.jobLeads = new ScopedRepository(leadRepository, 'lead');
  }

  @Get('rencontres/:id')
  async page(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Query() raw: Raw, @Res() response: Response) {
    return this.render(actor, session, response, id, 200, { notice: ENCOUNTER_NOTICES.read(raw) });
  }

  /** The addresses the page's forms post to: reloaded (or opened) they lead back to the page (404 for another structure's). */
  @Get(['rencontres/:id/annuler', 'rencontres/:id/participants', 'rencontres/:id/presence', 'rencontres/:id/participants/:participantId/retrait', 'rencontres/:id/participants/:participantId/suite'])
  async backToPage(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.encounters.entity(actor, id);
    return response.redirect(303, `/rencontres/${id}`);
  }

  /** Cancels the encounter once confirmed: every invitee gets the cancellation. */
  @Post('rencontres/:id/annuler')
  async cancel(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Body() raw: Raw, @Res() response: Response) {
    const encounter = await this.encounters.get(actor, id);
    try {
      if (!isConfirmed(raw)) {
        return await renderConfirmation(this.pages, actor, session, response, '/rencontres', {
          title: `Annuler « ${encounter.title} » ?`,
          sentence: encounterFacts(encounter, { organiser: null, lead: null }).cancelConfirm,
          action: `/rencontres/${id}/annuler`,
          confirmLabel: 'Annuler la rencontre',
          backHref: `/rencontres/${id}`,
          fields: { version: text(raw.version) },
        });
      }
      await this.encounters.cancel(actor, id, Number(text(raw.version)) || 0);
      return response.redirect(303, ENCOUNTER_NOTICES.to(`/rencontres/${id}`, 'annulee'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.render(actor, session, response, id, error.getStatus(), { alert: refusal(error, {}, []).alert });
    }
  }

  /** Invites people: in place with htmx (the people blocks and a fresh invite form), else back to the page. */
  @Post('rencontres/:id/participants')
  async addParticipants(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(INVITE_FORM)) form: PostedForm<AddParticipantsDto>,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    variesOnHtmx(response);
    const encounter = await this.encounters.get(actor, id);
    if (text(form.raw.chercher)) return this.render(actor, session, response, id, 200, { inviteForm: { values: form.values, errors: {} }, search: form.raw });
    try {
      const after = await this.encounters.addParticipants(actor, id, form.valid());
      // A company's contact cap reached: the invitations went, and the page says so where they were sent from.
      const notice = [ENCOUNTER_NOTICES.read('invites'), ...after.warnings.map((warning) => warning.message)].join(' ');
      if (isHtmx(request)) return this.renderInvited(actor, session, response, 200, after, { notice });
      if (after.warnings.length) return this.render(actor, session, response, id, 200, { notice });
      return response.redirect(303, ENCOUNTER_NOTICES.to(`/rencontres/${id}`, 'invites', 'participants'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const names = Object.fromEntries(CANDIDATE_SLOTS.map((slot) => [slot, slot]));
      const inviteForm = refusal(error, form.values, [], names);
      if (isHtmx(request)) return this.renderInvited(actor, session, response, error.getStatus(), encounter, { inviteForm });
      return this.render(actor, session, response, id, error.getStatus(), { inviteForm });
    }
  }

  /** Takes someone off the list: in place with htmx (the participants and attendance blocks), else back to the page. */
  @Post('rencontres/:id/participants/:participantId/retrait')
  async remove(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Param('participantId', ParseIdPipe) participantId: string,
    @Body() raw: Raw,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    variesOnHtmx(response);
    const encounter = await this.encounters.get(actor, id);
    try {
      if (!isConfirmed(raw)) {
        const person = encounter.participants.find((entry) => entry.id === participantId);
        if (!person) return response.redirect(303, `/rencontres/${id}#participants`);
        return await renderConfirmation(this.pages, actor, session, response, '/rencontres', {
          title: `Retirer ${fullName({ firstName: person.firstName ?? '', lastName: person.lastName }).trim()} de la rencontre ?`,
          sentence: 'La personne ne figurera plus parmi les participant·es ; si une invitation lui a été envoyée, elle en reçoit l’annulation.',
          action: `/rencontres/${id}/participants/${participantId}/retrait`,
          confirmLabel: 'Retirer',
          backHref: `/rencontres/${id}#participants`,
        });
      }
      const after = await this.encounters.removeParticipant(actor, id, participantId);
      if (isHtmx(request)) return this.renderPeople(actor, session, response, 200, after, { notice: ENCOUNTER_NOTICES.read('retire') });
      return response.redirect(303, ENCOUNTER_NOTICES.to(`/rencontres/${id}`, 'retire', 'participants'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const alert = refusal(error, {}, []).alert;
      if (isHtmx(request)) return this.renderPeople(actor, session, response, error.getStatus(), encounter, { alert });
      return this.render(actor, session, response, id, error.getStatus(), { alert });
    }
  }

  /** Who came, for everyone at once: in place with htmx, else back to the page. */
  @Post('rencontres/:id/presence')
  async attendance(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(ATTENDANCE_FORM)) form: PostedForm<AttendanceDto>,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    variesOnHtmx(response);
    const encounter = await this.encounters.get(actor, id);
    try {
      const after = await this.encounters.markAttendance(actor, id, form.valid());
      if (isHtmx(request)) return this.renderPeople(actor, session, response, 200, after, { notice: ENCOUNTER_NOTICES.read('presence') });
      return response.redirect(303, ENCOUNTER_NOTICES.to(`/rencontres/${id}`, 'presence', 'presence'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const attendanceForm = refusal(error, form.values, []);
      if (isHtmx(request)) return this.renderPeople(actor, session, response, error.getStatus(), encounter, { attendanceForm });
      return this.render(actor, session, response, id, error.getStatus(), { attendanceForm });
    }
  }

  /** What followed for one candidate who came: the row in place with htmx (and the figure), else back to the page. */
  @Post('rencontres/:id/participants/:participantId/suite')
  async outcome(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Param('participantId', ParseIdPipe) participantId: string,
    @Body(new FormBody(OUTCOME_FORM)) form: PostedForm<OutcomeDto>,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    variesOnHtmx(response);
    const encounter = await this.encounters.get(actor, id);
    try {
      const after = await this.encounters.setOutcome(actor, id, participantId, form.valid());
      if (isHtmx(request)) return this.renderOutcome(actor, session, response, 200, after, participantId, undefined, true);
      return response.redirect(303, ENCOUNTER_NOTICES.to(`/rencontres/${id}`, 'suite', `suite-${participantId}`));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const state = refusal(error, form.values, OUTCOME_FIELDS, OUTCOME_NAMES);
      if (isHtmx(request) && encounter.participants.some((person) => person.id === participantId)) {
        return this.renderOutcome(actor, session, response, error.getStatus(), encounter, participantId, state, false);
      }
      return this.render(actor, session, response, id, error.getStatus(), { outcomeForms: { [participantId]: state } });
    }
  }

  // ---------------------------------------------------------------- rendering

  /** The proposals and placements of each candidate present, as the outcome form's link menu. */
  private async outcomeLinks(actor: Actor, encounter: EncounterView): Promise<Map<string, OutcomeLink[]>> {
    const present = encounter.participants.filter((person) => person.party === 'candidate' && person.status === 'present');
    const links = new Map<string, OutcomeLink[]>(present.map((person) => [person.personId, []]));
    if (!present.length) return links;
    const candidateIds = present.map((person) => person.personId);
    const [proposals, placements] = await Promise.all([
      this.proposals.find(actor, { where: { candidateId: In(candidateIds), outcome: Not('withdrawn') }, order: { proposedAt: 'DESC' } }),
      Promise.all(candidateIds.map((candidateId) => this.placements.list(actor, { candidate: candidateId }, { limit: 20, offset: 0 }))),
    ]);
    const leadIds = [...new Set(proposals.map((proposal) => proposal.leadId))];
    const leads = leadIds.length ? await this.jobLeads.find(actor, { where: { id: In(leadIds) } }) : [];
    const jobOf = new Map(leads.map((lead) => [lead.id, lead.jobTitle]));
    for (const proposal of proposals) {
      links.get(proposal.candidateId)?.push({ value: `proposal:${proposal.id}`, label: `Mise en relation : ${jobOf.get(proposal.leadId) ?? 'piste'}` });
    }
    for (const placement of placements.flatMap((page) => page.items)) {
      const company = placement.company?.name ? ` · ${placement.company.name}` : '';
      links.get(placement.candidateId)?.push({ value: `placement:${placement.id}`, label: `${placement.contractTypeLabel} : ${placement.jobTitle}${company}` });
    }
    return links;
  }

  private async outcomeRows(actor: Actor, encounter: EncounterView, forms: Record<string, FormState> = {}) {
    const links = await this.outcomeLinks(actor, encounter);
    const today = this.businessDay.today();
    return encounter.participants
      .filter((person) => person.party === 'candidate' && person.status === 'present')
      .map((person) => outcomeRow(encounter.id, person, links.get(person.personId) ?? [], today, forms[person.id]));
  }

  /** The blocks about people (participants, attendance, outcomes), shared by the page and the htmx fragment. */
  private async people(actor: Actor, encounter: EncounterView, state: EncounterPageState) {
    return {
      encounter: encounterFacts(encounter, { organiser: null, lead: null }),
      groups: participantGroups(encounter),
      invitedCount: encounter.participants.length,
      attendance: { rows: attendanceRows(encounter, state.attendanceForm?.values), alert: state.attendanceForm?.alert, started: encounter.started },
      outcomes: await this.outcomeRows(actor, encounter, state.outcomeForms),
      rate: outcomeSentence(encounter.outcomes),
      peopleNotice: state.notice,
      peopleAlert: state.alert,
    };
  }

  private async renderPeople(actor: Actor, session: Session, response: Response, status: number, encounter: EncounterView, state: EncounterPageState) {
    return response.status(status).render('partials/encounter-people', { layout: false, csrfToken: session.csrfToken, ...(await this.people(actor, encounter, state)) });
  }

  private async renderOutcome(actor: Actor, session: Session, response: Response, status: number, encounter: EncounterView, participantId: string, form: FormState | undefined, saved: boolean) {
    const rows = await this.outcomeRows(actor, encounter, form ? { [participantId]: form } : {});
    const row = rows.find((entry) => entry.id === participantId)!;
    return response.status(status).render('partials/encounter-outcome', {
      layout: false,
      csrfToken: session.csrfToken,
      ...row,
      justSaved: saved,
      rateOob: { rate: outcomeSentence(encounter.outcomes) },
    });
  }

  /** The invite form: candidate pickers, the contacts of the encounter's companies and the team not on the list yet. */
  private async invite(actor: Actor, encounter: EncounterView, state: EncounterPageState) {
    const values = state.inviteForm?.values ?? Object.fromEntries(CANDIDATE_SLOTS.map((slot) => [slot, '']));
    const [contacts, team, candidatePickers] = await Promise.all([
      Promise.all(encounter.companies.map((company) => this.contacts.listForCompany(actor, company.id))),
      this.users.list(actor, { limit: 200, offset: 0 }),
      Promise.all(
        CANDIDATE_SLOTS.map((slot, index) =>
          this.pickers.build(actor, { type: 'candidat', name: slot, prefix: 'invitation', label: `Personne ${index + 1}`, selected: values[slot] ?? '', none: '— Choisir une personne —', search: state.search }),
        ),
      ),
    ]);
    const companyNames = new Map(encounter.companies.map((company) => [company.id, company.name]));
    return {
      notice: state.inviteForm ? undefined : state.notice,
      alert: state.inviteForm?.alert,
      candidatePickers,
      contacts: notYetInvited(contacts.flat().filter((contact) => !contact.erasedAt), encounter, 'contact').map((contact) => ({
        id: contact.id,
        name: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
        companyName: companyNames.get(contact.companyId) ?? '',
        noEmail: !contact.email,
        optedOut: contact.emailOptOut,
      })),
      staff: notYetInvited(team.items.filter((user) => user.active), encounter, 'staff').map((user) => ({ id: user.id, name: fullName(user) })),
    };
  }

  /** After an invitation in place: the people blocks, and the invite form afresh (out of band). */
  private async renderInvited(actor: Actor, session: Session, response: Response, status: number, encounter: EncounterView, state: EncounterPageState) {
    const [people, invite] = await Promise.all([this.people(actor, encounter, {}), this.invite(actor, encounter, state)]);
    return response.status(status).render('partials/encounter-invited', { layout: false, csrfToken: session.csrfToken, ...people, invite, inviteOob: true });
  }

  private async render(actor: Actor, session: Session, response: Response, id: string, status: number, state: EncounterPageState) {
    const encounter = await this.encounters.get(actor, id);
    const [names, lead, invite, people] = await Promise.all([
      teamNames(this.users, actor),
      encounter.leadId ? this.leads.get(actor, encounter.leadId).catch(() => null) : null,
      this.invite(actor, encounter, { ...state, notice: undefined }),
      this.people(actor, encounter, state),
    ]);
    const context = await this.pages.build(actor, session, '/rencontres', {
      title: encounter.title,
      styles: [...STYLES, '/static/picker.css'],
      scripts: ['/static/confirm.js', '/static/picker.js'],
      notice: state.notice,
      alert: state.alert,
      ...people,
      encounter: encounterFacts(encounter, {
        organiser: encounter.organiserId ? (names.get(encounter.organiserId) ?? null) : null,
        lead: lead ? `${lead.jobTitle}${lead.companyName ? ` · ${lead.companyName}` : ''}` : null,
      }),
      peopleNotice: undefined,
      peopleAlert: undefined,
      invite,
    });
    return response.status(status).render('encounters/encounter', context);
  }
}
