import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { searchRomeAppellations } from '../../reference/rome';
import { SEARCH_MAX_LENGTH, SearchService } from '../../search/search.service';
import { Actor } from '../../tenancy/actor';
import { Raw, text } from '../kit/forms';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { PageContext } from '../kit/page-context';
import { pickerTarget, romeChoicesView, searchView } from './search.view';

/** The search everywhere (header field and its page) and the ROME picker's proposals. */
@ApiExcludeController()
@Controller()
export class SearchPagesController {
  constructor(
    private readonly search: SearchService,
    private readonly pages: PageContext,
  ) {}

  /** The whole page without JavaScript; the header's list of results with htmx. */
  @Get('recherche')
  async searchPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Req() request: Request, @Res() response: Response) {
    const q = text(raw.q).slice(0, SEARCH_MAX_LENGTH);
    const view = searchView(await this.search.search(actor, q));
    variesOnHtmx(response);
    if (isHtmx(request)) return response.render('search/results', { layout: false, ...view, compact: true });
    const context = await this.pages.build(actor, session, '/recherche', { title: q ? `Recherche : ${q}` : 'Recherche', ...view });
    return response.render('search/search', context);
  }

  /** The ROME picker: appellations matching what was typed, each a button that fills the code field. */
  @Get('recherche/metiers')
  async romePage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Req() request: Request, @Res() response: Response) {
    // The words come from `metier` (the picker page) or from the form field the picker listens to (`champ`).
    const field = text(raw.champ);
    const q = text(raw.metier || (/^[a-zA-Z]\w{0,40}$/.test(field) ? raw[field] : '')).slice(0, SEARCH_MAX_LENGTH);
    const view = romeChoicesView(q, searchRomeAppellations(q, 12), pickerTarget(raw.cible));
    variesOnHtmx(response);
    if (isHtmx(request)) return response.render('search/rome-choices', { layout: false, ...view });
    const context = await this.pages.build(actor, session, '/recherche', { title: 'Trouver un code ROME', ...view });
    return response.render('search/rome', context);
  }
}
