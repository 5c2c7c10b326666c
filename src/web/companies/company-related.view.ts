import { LeadView } from '../../leads/lead-view';
import { ProposalView } from '../../leads/proposals.service';
import { PlacementView } from '../../placements/dto/placement-view.dto';

export interface CompanyBelongings {
  leads: LeadView[];
  leadsTotal: number;
  proposals: ProposalView[];
  placements: PlacementView[];
  checkIns: Array<{ placementId: string; answeredAt: Date | null; rating: number | null; stepLabel: string }>;
}

/**
 * What belongs to the company: its leads (with their proposals counted), the candidates proposed on
 * them, its placements and the employer's check-in answers (rating and date only: their free text
 * is shown on the placement's candidate file, where its reading is journaled).
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
      candidateName: placementsById.get(answer.placementId)?.candidate?.name ?? '',
      jobTitle: placementsById.get(answer.placementId)?.jobTitle ?? '',
      stepLabel: answer.stepLabel,
      answeredAt: answer.answeredAt,
      rating: answer.rating,
    })),
  };
}
