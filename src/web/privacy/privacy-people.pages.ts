import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ValidationFailedException } from '../../common/validation';
import { PrivacyService } from '../../privacy/privacy.service';
import { Actor } from '../../tenancy/actor';
import { FormBody } from '../kit/form-body.pipe';
import { Raw } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { ERASURE_FORM, ErasureForm, FormState, reasonError } from './privacy.form';
import { candidateView, contactView, fullName, matchesView, NOTICES, PRIVACY_STYLES } from './privacy.view';

type Person = 'candidate' | 'contact';

/** Where each kind of person's pages, API and template are. */
const PEOPLE = {
  candidate: { path: 'candidats', api: 'candidates', section: '/candidats', template: 'privacy/candidate' },
  contact: { path: 'contacts', api: 'contacts', section: '/entreprises', template: 'privacy/contact' },
} as const;

/**
 * RGPD pages of a person (/rgpd/candidats, /rgpd/contacts): what Tremplin holds about them,
 * readable (the same content as the JSON export), and erasure on request for managers.
 */
@ApiExcludeController()
@Controller()
export class PrivacyPeoplePagesController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly pages: PageContext,
  ) {}

  // ---------------------------------------------------------------- candidates and contacts

  @Get('rgpd/candidats/:id')
  candidatePage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    return this.renderPerson('candidate', actor, session, response, id, 200, { value: '' }, NOTICES.read(raw));
  }

  @Post('rgpd/candidats/:id/effacer')
  @Roles('manager')
  eraseCandidate(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(ERASURE_FORM)) form: ErasureForm,
    @Res() response: Response,
  ) {
    return this.erase('candidate', actor, session, response, id, form);
  }

  @Get('rgpd/contacts/:id')
  contactPage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    return this.renderPerson('contact', actor, session, response, id, 200, { value: '' }, NOTICES.read(raw));
  }

  @Post('rgpd/contacts/:id/effacer')
  @Roles('manager')
  eraseContact(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(ERASURE_FORM)) form: ErasureForm,
    @Res() response: Response,
  ) {
    return this.erase('contact', actor, session, response, id, form);
  }

  private async erase(person: Person, actor: Actor, session: Session, response: Response, id: string, form: ErasureForm) {
    // The mentions shown, less those left checked: kept. One the page did not show is redacted.
    const { reason, keep } = form.values;
    try {
      const input = form.valid();
      const choices = { keepMatchIds: input.keepMatchIds };
      if (person === 'candidate') await this.privacy.eraseCandidate(actor, id, input.reason, choices);
      else await this.privacy.eraseContact(actor, id, input.reason, choices);
      return response.redirect(303, NOTICES.to(`/rgpd/${PEOPLE[person].path}/${id}`, 'efface'));
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      const state = { value: reason, error: reasonError(error), keep: new Set(keep) };
      return this.renderPerson(person, actor, session, response, id, 400, state, undefined, `POST /rgpd/${PEOPLE[person].path}/:id/effacer`);
    }
  }

  /**
   * `refused`: the route of a refused form showing the page again. The privacy log keeps the first
   * showing only, but what the page shows again is recorded as a sensitive read, like the answers
   * of a contact's follow-ups on every showing.
   */
  private async renderPerson(
    person: Person,
    actor: Actor,
    session: Session,
    response: Response,
    id: string,
    status: number,
    form: FormState,
    notice?: string,
    refused?: string,
  ) {
    const record = !refused;
    const read = { via: 'page' as const, path: refused ?? `GET /rgpd/${PEOPLE[person].path}/:id` };
    const data = person === 'candidate' ? await this.privacy.exportCandidate(actor, id, { record }) : await this.privacy.exportContact(actor, id, { record });
    if (refused || !('candidate' in data)) await this.privacy.recordShown(actor, data, read);
    const { name, view } =
      'candidate' in data ? { name: fullName(data.candidate), view: candidateView(data) } : { name: fullName(data.contact), view: contactView(data) };
    const mayErase = actor.role !== 'staff';
    // What the erasure would redact elsewhere, for the manager to confirm (the read above is recorded already).
    const preview = mayErase ? await this.privacy.erasurePreview(actor, person, id, { record: false }) : null;
    const matches = matchesView(preview, form.keep);
    const context = await this.pages.build(actor, session, PEOPLE[person].section, {
      title: `Données de ${name}`,
      styles: PRIVACY_STYLES,
      notice,
      form,
      mayErase,
      matches,
      matchIds: matches.map((match) => match.id).join(','),
      jsonHref: `/api/privacy/${PEOPLE[person].api}/${id}/export?download=true`,
      ...view,
    });
    return response.status(status).render(PEOPLE[person].template, context);
  }
}
