import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ValidationFailedException } from '../../common/validation';
import { searchRomeAppellations } from '../../reference/rome';
import { because } from '../../refusals/refused';
import { FIELD } from '../../refusals/index';
import { isPickerType } from '../../search/picker.queries';
import { SEARCH_MAX_LENGTH, SearchService } from '../../search/search.service';
import { Actor } from '../../tenancy/actor';
import { Raw, text, UUID } from '../kit/forms';
import { isHtmx, variesOnHtmx } from '../kit/htmx';
import { PageContext } from '../kit/page-context';
import { pickerLabel, RecordPickers } from './record-pickers';
import { pickerTarget, romeChoicesView, searchView } from './search.view';

/** The search everywhere (header field and its page) and the ROME picker's proposals. */
@ApiExcludeController()
@Controller()
export class SearchPagesController {
  constructor(
    private readonly search: SearchService,
    private readonly pages: PageContext,
    private readonly pickers: RecordPickers,
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

  /** The record pickers' proposals: a listbox of at most ten companies, contacts (of a company if given) or candidates. */
  @Get('recherche/choix')
  async pickerChoices(@CurrentActor() actor: Actor, @Query() raw: Raw, @Res() response: Response) {
    const type = raw.type;
    const companyId = text(raw.entreprise);
    const problems = [
      ...(isPickerType(type) ? [] : [{ field: 'type', message: 'type must be one of entreprise, contact, candidat', ...because(FIELD.invalid, { field: 'type' }) }]),
      ...(companyId && !UUID.test(companyId) ? [{ field: 'entreprise', message: 'entreprise must be a UUID', ...because(FIELD.invalid, { field: 'entreprise' }) }] : []),
    ];
    if (problems.length || !isPickerType(type)) throw new ValidationFailedException(problems);
    const q = text(raw.q).slice(0, SEARCH_MAX_LENGTH);
    const found = await this.pickers.search(actor, type, q, type === 'contact' && companyId ? companyId : null);
    const list = text(raw.liste);
    return response.render('search/picker-choices', {
      layout: false,
      list: /^[a-zA-Z][\w-]{0,80}$/.test(list) ? list : 'choix',
      choices: found.map((choice) => ({ id: choice.id, label: choice.label, text: pickerLabel(choice) })),
      empty: q.trim().length < 2 ? 'Tapez au moins deux caractères.' : found.length ? '' : `Rien ne correspond à « ${q.trim()} ».`,
    });
  }
}
