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

/** Pages of the people looking for work: the list, creation, the person's page. */
@ApiExcludeController()
@Controller()
export class CandidatesPagesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly candidate: CandidatePage,
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
    return this.candidate.render(actor, session, response, id, 200, { notice: NOTICES.read(raw) });
  }
}
