import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Not, Repository } from 'typeorm';
import { presentEvents } from '../../audit/audit-presenter';
import { AuditService } from '../../audit/audit.service';
import { AuditQuery } from '../../audit/dto/audit.dto';
import { Session } from '../../auth/session.entity';
import { CandidateView } from '../../candidates/dto/candidate-view.dto';
import { CandidatesService } from '../../candidates/candidates.service';
import { MatchingService } from '../../leads/matching.service';
import { Proposal } from '../../leads/proposal.entity';
import { PlacementsService } from '../../placements/placements.service';
import { RECORD } from '../../refusals/index';
import { because, NotFoundRefusal } from '../../refusals/refused';
import { Actor } from '../../tenancy/actor';
import { ScopedRepository } from '../../tenancy/scoped-repository';
import { UsersService } from '../../users/users.service';
import { UUID } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { fullName, shiftsText, STYLES } from '../leads/lead.view';
import { teamNames } from '../leads/pick-lists';
import { placementRow } from '../placements/placement.view';
import { stepView } from '../placements/placement-page.view';
import { CheckInStepsService } from '../../checkins/check-in-steps.service';
import { AppConfig } from '../../config/env';
import { constraintsShown, fittingRow } from './candidate.view';
import { CandidateTextsService, MAX_TEXT_CHARACTERS } from '../../sms/candidate-texts.service';
import { Clock } from '../../common/clock';
import { FormState } from '../leads/lead.view';
import { optOutSentence, textRow } from '../kit/text-messages.view';

/**
 * The candidate's page, rendered by the candidates pages and again by a refused proposal made from it
 * (`POST /pistes/:id/propositions` with `retour=candidat`).
 */
@Injectable()
export class CandidatePage {
  private readonly proposalRows: ScopedRepository<Proposal>;

  constructor(
    private readonly candidates: CandidatesService,
    private readonly matching: MatchingService,
    private readonly placements: PlacementsService,
    private readonly users: UsersService,
    private readonly steps: CheckInStepsService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly pages: PageContext,
    private readonly texts: CandidateTextsService,
    private readonly clock: Clock,
    @InjectRepository(Proposal) proposalRepository: Repository<Proposal>,
  ) {
    this.proposalRows = new ScopedRepository(proposalRepository, 'proposal');
  }

  async render(
    actor: Actor,
    session: Session,
    response: Response,
    id: string,
    status: number,
    state: { notice?: string; proposalAlert?: string; smsForm?: FormState; smsAlert?: string },
    path = 'GET /candidats/:id',
  ) {
    if (!UUID.test(id)) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'candidate' }), 'Candidate not found');
    // The page shows constraints and notes: the read is recorded before anything is rendered.
    const candidate = CandidateView.full(await this.candidates.readSensitive(actor, id, { via: 'page', path }));
    // Their own answers to check-ins: about the same person as the read recorded above.
    const [fitting, placements, names, proposals, history, answers, texts, sms] = await Promise.all([
      this.matching.leadsForCandidate(actor, id, 20),
      this.placements.list(actor, { candidate: id }, { limit: 50, offset: 0 }),
      teamNames(this.users, actor),
      this.proposalRows.find(actor, { where: { candidateId: id, outcome: Not('withdrawn') } }),
      this.history(actor, id),
      this.steps.answersOf(actor, id),
      this.texts.texts(actor, id),
      this.texts.state(actor, id),
    ]);
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const proposedFor = new Set(proposals.map((proposal) => proposal.leadId));
    const constraints = constraintsShown(candidate.constraints);
    const context = await this.pages.build(actor, session, '/candidats', {
      title: fullName(candidate),
      styles: STYLES,
      scripts: ['/static/confirm.js', '/static/sms-count.js'],
      notice: state.notice,
      proposalAlert: state.proposalAlert,
      candidate: {
        ...candidate,
        name: fullName(candidate),
        shiftsText: shiftsText(candidate.shifts),
        ownerName: candidate.ownerId ? (names.get(candidate.ownerId) ?? null) : null,
      },
      fitting: fitting.matches.map((match) => fittingRow(match.lead, match.reasons, proposedFor.has(match.lead.id))),
      totalFitting: fitting.totalMatches,
      placements: placements.items.map(placementRow),
      answers: answers.map((row) => ({ ...stepView(row, this.config.BUSINESS_TIME_ZONE, false), placementId: row.placementId, jobTitle: row.jobTitle, companyName: row.companyName })),
      constraints,
      hasConfidential: constraints.length > 0 || Boolean(candidate.notes),
      history,
      sms: {
        enabled: sms.enabled,
        mobile: sms.mobile,
        optedOut: Boolean(sms.optOut),
        optOutSentence: optOutSentence(sms.optOut, timeZone, names),
        canSend: sms.enabled && Boolean(sms.mobile) && !sms.optOut,
        maxCharacters: MAX_TEXT_CHARACTERS,
        form: state.smsForm ?? { values: { text: '' }, errors: {} },
        alert: state.smsAlert,
        texts: texts.map((row) => textRow(row, timeZone, names, this.clock.now())),
      },
    });
    return response.status(status).render('candidates/candidate', context);
  }

  /** The last changes to the person's record, for managers and admins (who may read the audit journal). */
  private async history(actor: Actor, id: string) {
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
}
