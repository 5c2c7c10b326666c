import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { CandidatesService } from '../../candidates/candidates.service';
import { CandidateFilterDto, CreateCandidateDto } from '../../candidates/dto/candidate.dto';
import { CandidateListItem } from '../../candidates/dto/candidate-view.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { FormBody, PostedForm } from '../kit/form-body.pipe';
import { isFormRefusal, Raw } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { many } from '../leads/lead.form';
import { FormState, fullName, NOTICES, ownerOptions, PAGE_SIZE, pageNumberOf, pager, refusal, STYLES } from '../leads/lead.view';
import { CandidatePage } from './candidate.page';
import { CANDIDATE_FIELDS, CONSTRAINT_NAMES, NEW_CANDIDATE_FORM, newCandidateValues } from './candidate.form';
import { candidateFilterOf, candidateFormChoices, statusOptions } from './candidate.view';
import { CandidateTextsService } from '../../sms/candidate-texts.service';
import { SendTextDto } from '../../sms/dto/send-text.dto';
import { isCodedRefusal } from '../../refusals/refused';
import { FormSpec } from '../kit/form-body.pipe';
import { Flash } from '../kit/flash';

const SEND_TEXT_FORM: FormSpec<SendTextDto> = { fields: ['text'], dto: SendTextDto };

/** What `?ok=` says after the SMS forms of the candidate's page. */
export const SMS_NOTICES = new Flash({
  sms: 'Le SMS est enregistré : il part maintenant, ou à 8 h le prochain jour ouvré s’il est écrit en dehors des heures d’envoi.',
  'sms-refus': 'C’est noté : plus aucun SMS ne sera envoyé à ce numéro.',
  'sms-autorise': 'Les SMS à ce numéro sont de nouveau autorisés.',
});

/** Pages of the people looking for work: the list, creation, the person's page. */
@ApiExcludeController()
@Controller()
export class CandidatesPagesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly candidate: CandidatePage,
    private readonly texts: CandidateTextsService,
  ) {}

  @Get('candidats')
  async candidatesList(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const { q, status } = candidateFilterOf(raw);
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
      statuses: statusOptions(status),
      candidates: result.items.map((candidate) => {
        const item = CandidateListItem.of(candidate);
        return { ...item, name: fullName(item), availableFrom: item.availableFrom };
      }),
      total: result.total,
      ...pager('/candidats', params, pageNumber, result.total),
    });
    return response.render('candidates/candidates', context);
  }

  @Get('candidats/nouveau')
  async newCandidatePage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Res() response: Response) {
    return this.renderNewCandidate(actor, session, response, 200, { values: newCandidateValues(actor.userId), errors: {} }, ['day']);
  }

  @Post('candidats/nouveau')
  async createCandidate(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Body(new FormBody(NEW_CANDIDATE_FORM)) form: PostedForm<CreateCandidateDto>,
    @Body('shifts') postedShifts: unknown,
    @Res() response: Response,
  ) {
    try {
      const created = await this.candidates.create(actor, form.valid());
      return response.redirect(303, NOTICES.to(`/candidats/${created.id}`, 'candidat'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const state = refusal(error, form.values, CANDIDATE_FIELDS, CONSTRAINT_NAMES);
      return this.renderNewCandidate(actor, session, response, error.getStatus(), state, many(postedShifts));
    }
  }

  private async renderNewCandidate(actor: Actor, session: Session, response: Response, status: number, form: FormState, shifts: string[]) {
    const team = await this.users.list(actor, { limit: 200, offset: 0 });
    const context = await this.pages.build(actor, session, '/candidats', {
      title: 'Nouveau candidat',
      styles: STYLES,
      form,
      ...candidateFormChoices(form, shifts),
      owners: ownerOptions(team.items, form.values.ownerId),
    });
    return response.status(status).render('candidates/candidate-new', context);
  }

  @Get('candidats/:id')
  async candidatePage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    return this.candidate.render(actor, session, response, id, 200, { notice: NOTICES.read(raw) ?? SMS_NOTICES.read(raw) });
  }

  /** The SMS forms' addresses, reloaded or opened, lead back to the page (404 for another structure's person). */
  @Get(['candidats/:id/sms', 'candidats/:id/sms/refuser', 'candidats/:id/sms/autoriser'])
  async backToPage(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.candidates.get(actor, id);
    return response.redirect(303, `/candidats/${id}#sms`);
  }

  /** « Envoyer un SMS »: a one-off text to the person's mobile; a refusal shows next to the field or above the form. */
  @Post('candidats/:id/sms')
  async sendText(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(SEND_TEXT_FORM)) form: PostedForm<SendTextDto>,
    @Res() response: Response,
  ) {
    try {
      await this.texts.send(actor, id, form.valid().text);
      return response.redirect(303, SMS_NOTICES.to(`/candidats/${id}`, 'sms', 'sms'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const state = refusal(error, form.values, ['text']);
      const onField = isCodedRefusal(error) && error.field === 'text';
      // A refusal about the text (empty, more than two SMS) shows next to the field; the others (no mobile, STOP, SMS off) above the form.
      const errors = onField ? { text: state.alert ?? '' } : state.errors;
      const smsAlert = Object.keys(errors).length ? undefined : state.alert;
      return this.candidate.render(actor, session, response, id, error.getStatus(), { smsForm: { values: form.values, errors }, smsAlert }, 'POST /candidats/:id/sms');
    }
  }

  @Post('candidats/:id/sms/refuser')
  async stopTexts(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    return this.optOutAction(actor, session, response, id, 'sms-refus', () => this.texts.optOut(actor, id), 'POST /candidats/:id/sms/refuser');
  }

  @Post('candidats/:id/sms/autoriser')
  async allowTexts(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    return this.optOutAction(actor, session, response, id, 'sms-autorise', () => this.texts.allowAgain(actor, id), 'POST /candidats/:id/sms/autoriser');
  }

  private async optOutAction(actor: Actor, session: Session, response: Response, id: string, notice: 'sms-refus' | 'sms-autorise', act: () => Promise<void>, path: string) {
    try {
      await act();
      return response.redirect(303, SMS_NOTICES.to(`/candidats/${id}`, notice, 'sms'));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.candidate.render(actor, session, response, id, error.getStatus(), { smsAlert: refusal(error, {}, []).alert }, path);
    }
  }
}
