import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CompaniesService } from '../../companies/companies.service';
import { CallSuggestionsService, DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS, SuggestionScope } from '../../suggestions/call-suggestions.service';
import { Actor } from '../../tenancy/actor';
import { refusal, version } from '../companies/company.form';
import { isFormRefusal, Raw, text } from '../kit/forms';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { PageContext } from '../kit/page-context';
import { CALL_NOTICES, callScope, doneRow, SCOPE_PARAM, scopeLinks, suggestionRow, SuggestionRowState } from './calls.view';

const STYLES = ['/static/board.css', '/static/follow-ups.css'];

/**
 * « À appeler cette semaine »: the ranked companies with their reasons; each row is taken (mine,
 * a call due today) or set aside with a reason. With htmx the row is replaced in place by a short
 * confirmation; without, the page comes back with its notice.
 */
@ApiExcludeController()
@Controller()
export class CallSuggestionsPagesController {
  constructor(
    private readonly suggestions: CallSuggestionsService,
    private readonly companies: CompaniesService,
    private readonly pages: PageContext,
  ) {}

  @Get('a-appeler')
  async page(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() query: Raw, @Res() response: Response) {
    return this.renderPage(actor, session, response, callScope(query.portee), 200, { notice: CALL_NOTICES.read(query) });
  }

  /** The row forms' addresses, reloaded after a refused post: back to the list (a company of the reader's structure only). */
  @Get(['a-appeler/:id/prendre', 'a-appeler/:id/ecarter'])
  async backToList(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.companies.get(actor, id);
    return response.redirect(303, `/a-appeler#suggestion-${id}`);
  }

  @Post('a-appeler/:id/prendre')
  async take(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() raw: Raw,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const scope = callScope(text(raw.portee));
    let name: string;
    try {
      name = (await this.suggestions.take(actor, id, version(text(raw.version)))).name;
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.refused(actor, session, request, response, id, scope, error.getStatus(), { form: 'prendre', ...refusal(error, {}, []) });
    }
    return this.done(request, response, id, name, scope, 'prise');
  }

  @Post('a-appeler/:id/ecarter')
  async dismiss(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() raw: Raw,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const scope = callScope(text(raw.portee));
    const values = { reason: text(raw.reason), note: typeof raw.note === 'string' ? raw.note : '' };
    try {
      await this.suggestions.dismiss(actor, id, values);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.refused(actor, session, request, response, id, scope, error.getStatus(), { form: 'ecarter', ...refusal(error, values, ['reason', 'note']) });
    }
    return this.done(request, response, id, (await this.companies.get(actor, id)).name, scope, 'ecartee');
  }

  private done(request: Request, response: Response, id: string, name: string, scope: SuggestionScope, key: 'prise' | 'ecartee') {
    variesOnHtmx(response);
    if (!isHtmx(request)) return response.redirect(303, CALL_NOTICES.to(scope === 'team' ? '/a-appeler?portee=equipe' : '/a-appeler', key));
    return response.status(200).render('suggestions/done-row', { layout: false, row: doneRow(id, name, key) });
  }

  /** A refused post: the row with its errors (htmx), or the whole page with them in the row. */
  private async refused(
    actor: Actor,
    session: Session,
    request: Request,
    response: Response,
    id: string,
    scope: SuggestionScope,
    status: number,
    state: SuggestionRowState,
  ) {
    variesOnHtmx(response);
    if (!isHtmx(request)) return this.renderPage(actor, session, response, scope, status, { refused: { id, state } });
    const suggestion = (await this.suggestions.list(actor, scope, MAX_SUGGESTIONS)).find((item) => item.companyId === id);
    if (suggestion) {
      return response.status(status).render('suggestions/row', { layout: false, row: suggestionRow(suggestion, scope, state), csrfToken: session.csrfToken });
    }
    // No longer suggested (someone planned a call meanwhile): the row says why.
    const company = await this.companies.get(actor, id);
    return response.status(status).render('suggestions/done-row', { layout: false, row: { ...doneRow(id, company.name, 'prise'), message: state.alert ?? '' } });
  }

  private async renderPage(
    actor: Actor,
    session: Session,
    response: Response,
    scope: SuggestionScope,
    status: number,
    extra: { notice?: string; refused?: { id: string; state: SuggestionRowState } },
  ) {
    const items = await this.suggestions.list(actor, scope, DEFAULT_SUGGESTIONS);
    const refused = extra.refused;
    const listed = items.some((item) => item.companyId === refused?.id);
    const context = await this.pages.build(actor, session, '/a-appeler', {
      title: 'À appeler cette semaine',
      styles: STYLES,
      scopes: scopeLinks(scope),
      team: scope === 'team',
      portee: SCOPE_PARAM[scope],
      notice: extra.notice,
      problem: refused && !listed ? refused.state.alert : undefined,
      rows: items.map((item) => suggestionRow(item, scope, refused?.id === item.companyId ? refused.state : {})),
    });
    return response.status(status).render('suggestions/calls', context);
  }
}
