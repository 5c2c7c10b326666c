import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { BusinessDay } from '../../common/calendar/business-day';
import { Clock } from '../../common/clock';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CreateEncounterDto, EncounterListQuery, UpdateEncounterDto } from '../../encounters/dto/encounter.dto';
import { EncountersService } from '../../encounters/encounters.service';
import { OPEN_LEAD_STATUSES } from '../../leads/dto/lead.dto';
import { LeadsService } from '../../leads/leads.service';
import { ENCOUNTER } from '../../refusals/index';
import { isCodedRefusal } from '../../refusals/refused';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, option, Raw, text, UUID, validated } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { FormState, ownerOptions, refusal } from '../leads/lead.view';
import { RecordPickers } from '../search/record-pickers';
import {
  EDIT_ENCOUNTER_FORM,
  editEncounterValues,
  ENCOUNTER_SHOWN,
  NEW_ENCOUNTER_FORM,
  newEncounterValues,
  otherCompanySlots,
} from './encounter.form';
import { ENCOUNTER_NOTICES, kindOptions, listFilterOf, listRow, STYLES } from './encounter.view';

/** Pages of encounters (rencontres): the list, and the form that creates or edits one. */
@ApiExcludeController()
@Controller()
export class EncountersPagesController {
  constructor(
    private readonly encounters: EncountersService,
    private readonly leads: LeadsService,
    private readonly users: UsersService,
    private readonly pickers: RecordPickers,
    private readonly pages: PageContext,
    private readonly businessDay: BusinessDay,
    private readonly clock: Clock,
  ) {}

  @Get('rencontres')
  async list(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const filter = listFilterOf(raw);
    let state: FormState = { values: filter.values, errors: {} };
    let rows: ReturnType<typeof listRow>[] = [];
    let status = 200;
    try {
      const found = await this.encounters.list(actor, await validated(EncounterListQuery, filter.query));
      const at = { now: this.clock.now(), timeZone: this.businessDay.timeZone };
      rows = found.map((row) => listRow(row, at));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      state = refusal(error, filter.values, ['du', 'au', 'type'], { from: 'du', to: 'au', kind: 'type' });
      status = error.getStatus();
    }
    const context = await this.pages.build(actor, session, '/rencontres', {
      title: 'Rencontres',
      styles: STYLES,
      notice: ENCOUNTER_NOTICES.read(raw),
      filter: state,
      kinds: kindOptions(filter.values.type, 'Tous les types'),
      encounters: rows,
      filtered: Boolean(filter.values.du || filter.values.au || filter.values.type),
    });
    return response.status(status).render('encounters/encounters', context);
  }

  @Get('rencontres/nouvelle')
  async newPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const companyId = text(raw.entreprise);
    const leadId = text(raw.piste);
    const values = newEncounterValues(actor.userId, { companyId: UUID.test(companyId) ? companyId : null, leadId: UUID.test(leadId) ? leadId : null });
    return this.renderForm(actor, session, response, 200, null, { values, errors: {} });
  }

  @Post('rencontres/nouvelle')
  async create(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Body(new FormBody(NEW_ENCOUNTER_FORM)) form: PostedForm<CreateEncounterDto>,
    @Res() response: Response,
  ) {
    if (text(form.raw.chercher)) return this.renderForm(actor, session, response, 200, null, { values: form.values, errors: {} }, form.raw);
    try {
      const created = await this.encounters.create(actor, form.valid());
      return response.redirect(303, ENCOUNTER_NOTICES.to(`/rencontres/${created.id}`, 'creee'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderForm(actor, session, response, error.getStatus(), null, refusal(error, form.values, ENCOUNTER_SHOWN));
    }
  }

  @Get('rencontres/:id/modifier')
  async editPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    const encounter = await this.encounters.get(actor, id);
    return this.renderForm(actor, session, response, 200, id, { values: editEncounterValues(encounter), errors: {} });
  }

  @Post('rencontres/:id/modifier')
  async update(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(EDIT_ENCOUNTER_FORM)) form: PostedForm<UpdateEncounterDto>,
    @Res() response: Response,
  ) {
    await this.encounters.entity(actor, id);
    if (text(form.raw.chercher)) return this.renderForm(actor, session, response, 200, id, { values: form.values, errors: {} }, form.raw);
    try {
      await this.encounters.update(actor, id, form.valid());
      return response.redirect(303, ENCOUNTER_NOTICES.to(`/rencontres/${id}`, 'modifiee'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const state = refusal(error, form.values, ENCOUNTER_SHOWN);
      if (isCodedRefusal(error) && error.refusal.code === ENCOUNTER.staleVersion.code) {
        // What was typed is kept, now based on the current version: saving again is a deliberate choice.
        state.values = { ...form.values, version: String((await this.encounters.entity(actor, id)).version) };
      }
      return this.renderForm(actor, session, response, error.getStatus(), id, state);
    }
  }

  /** The form, new (`id` null) or editing; `search` is the form posted back by a picker's « Chercher » (without script). */
  private async renderForm(actor: Actor, session: Session, response: Response, status: number, id: string | null, form: FormState, search?: Raw) {
    const values = form.values;
    const slots = otherCompanySlots(values);
    const [hostPicker, otherPickers, team, leads] = await Promise.all([
      this.pickers.build(actor, {
        type: 'entreprise',
        name: 'hostCompanyId',
        prefix: 'rencontre',
        label: 'Entreprise qui accueille',
        selected: values.hostCompanyId,
        none: '— Aucune —',
        search,
      }),
      Promise.all(
        slots.map((slot, index) =>
          this.pickers.build(actor, { type: 'entreprise', name: slot, prefix: 'rencontre', label: `Autre entreprise ${index + 1}`, selected: values[slot] ?? '', none: '— Aucune —', search }),
        ),
      ),
      this.users.list(actor, { limit: 200, offset: 0 }),
      this.leads.list(actor, { status: [...OPEN_LEAD_STATUSES] }, { limit: 200, offset: 0 }),
    ]);
    const leadChoices = leads.items.map((lead) => ({ id: lead.id, label: `${lead.jobTitle}${lead.companyName ? ` · ${lead.companyName}` : ''}` }));
    if (UUID.test(values.leadId) && !leadChoices.some((lead) => lead.id === values.leadId)) {
      const current = await this.leads.get(actor, values.leadId).catch(() => null);
      if (current) leadChoices.push({ id: current.id, label: `${current.jobTitle}${current.companyName ? ` · ${current.companyName}` : ''}` });
    }
    const encounter = id ? await this.encounters.get(actor, id) : null;
    const context = await this.pages.build(actor, session, '/rencontres', {
      title: encounter ? `Modifier « ${encounter.title} »` : 'Nouvelle rencontre',
      styles: [...STYLES, '/static/picker.css'],
      scripts: ['/static/picker.js'],
      form,
      editing: encounter ? { id: encounter.id, title: encounter.title } : null,
      action: encounter ? `/rencontres/${encounter.id}/modifier` : '/rencontres/nouvelle',
      kinds: kindOptions(values.kind, '— Choisir —'),
      hostPicker,
      otherPickers: otherPickers.map((picker) => ({ picker, error: null })),
      organisers: ownerOptions(team.items, values.organiserId),
      leads: [option('', '— Aucune —', values.leadId), ...leadChoices.map((lead) => option(lead.id, lead.label, values.leadId))],
    });
    return response.status(status).render('encounters/encounter-form', context);
  }
}
