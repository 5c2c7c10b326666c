import { stepLabel } from '../../checkins/check-in-plan';
import { CheckIn } from '../../checkins/check-in.entity';
import { LeadView } from '../../leads/lead-view';
import { ProposalView } from '../../leads/proposals.service';
import { PlacementView } from '../../placements/dto/placement-view.dto';
import { answerView } from '../kit/check-in-answer';

export interface CompanyBelongings {
  leads: LeadView[];
  leadsTotal: number;
  proposals: ProposalView[];
  placements: PlacementView[];
  checkIns: EmployerAnswer[];
}

/** An employer's answered check-in, as the company page reads it. */
export type EmployerAnswer = Pick<CheckIn, 'id' | 'placementId' | 'step' | 'answeredAt' | 'rating' | 'goingWell' | 'difficulties' | 'difficultyDetails' | 'wantsCall'>;

/** An answer in French: the rating's label, the difficulties by name, its free text as written. */
export function employerAnswerView(answer: EmployerAnswer) {
  return { stepLabel: stepLabel(answer.step), answeredAt: answer.answeredAt, ...answerView(answer) };
}

/** The placements whose answers shown carry free text about the person placed: showing it is a sensitive read. */
export function placementsWithAnswerText(answers: readonly EmployerAnswer[]): string[] {
  return [...new Set(answers.filter((answer) => answer.goingWell || answer.difficultyDetails).map((answer) => answer.placementId))];
}

/**
 * What belongs to the company: its leads (with their proposals counted), the candidates proposed on
 * them, its placements and the employer's check-in answers, readable, each with its placement's page
 * (the caller journals the reading of their free text).
 */
export function belongingsView(companyId: string, data: CompanyBelongings) {
  const leadTitles = new Map(data.leads.map((lead) => [lead.id, lead.jobTitle]));
  const placementsById = new Map(data.placements.map((placement) => [placement.id, placement]));
  return {
    newLeadHref: `/pistes/nouvelle?entreprise=${encodeURIComponent(companyId)}`,
    leads: data.leads.map((lead) => ({
      id: lead.id,
      jobTitle: lead.jobTitle,
      statusLabel: lead.statusLabel,
      spottedAt: lead.spottedAt,
      proposals: data.proposals.filter((proposal) => proposal.leadId === lead.id).length,
    })),
    moreLeads: data.leadsTotal > data.leads.length ? data.leadsTotal - data.leads.length : 0,
    proposals: data.proposals.map((proposal) => ({
      id: proposal.id,
      leadId: proposal.leadId,
      leadTitle: leadTitles.get(proposal.leadId) ?? '',
      candidate: proposal.candidate ? { id: proposal.candidate.id, name: `${proposal.candidate.firstName} ${proposal.candidate.lastName}` } : null,
      proposedAt: proposal.proposedAt,
      outcomeLabel: proposal.outcomeLabel,
    })),
    placements: data.placements.map((placement) => ({
      id: placement.id,
      candidate: placement.candidate,
      jobTitle: placement.jobTitle,
      contractTypeLabel: placement.contractTypeLabel,
      startDate: placement.startDate,
      endDate: placement.endDate ?? placement.plannedEndDate,
      statusLabel: placement.statusLabel,
    })),
    checkIns: data.checkIns.map((answer) => ({
      id: answer.id,
      placementHref: `/placements/${answer.placementId}`,
      candidateName: placementsById.get(answer.placementId)?.candidate?.name ?? '',
      jobTitle: placementsById.get(answer.placementId)?.jobTitle ?? '',
      ...employerAnswerView(answer),
    })),
  };
}
