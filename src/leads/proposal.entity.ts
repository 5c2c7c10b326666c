import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const PROPOSAL_OUTCOMES = ['pending', 'interview', 'immersion', 'hired', 'declined_by_employer', 'declined_by_candidate', 'withdrawn'] as const;
export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number];

export const PROPOSAL_OUTCOME_LABELS: Record<ProposalOutcome, string> = {
  pending: 'En attente',
  interview: 'Entretien',
  immersion: 'Immersion',
  hired: 'Embauché·e',
  declined_by_employer: 'Refus de l’employeur',
  declined_by_candidate: 'Refus du candidat',
  withdrawn: 'Retirée (faite par erreur)',
};

/**
 * A proposal made by mistake is withdrawn rather than deleted: it stays in the lead's history,
 * but counts nowhere a proposal counts (first proposal time, funnel, company page, matching).
 */
export const LIVE_PROPOSAL = "outcome <> 'withdrawn'";

/** A candidate proposed to a lead (mise en relation). */
@Entity('proposal')
export class Proposal extends StructureOwned {
  @Column({ name: 'lead_id', type: 'uuid' })
  leadId!: string;

  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId!: string;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt!: Date;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;

  @Column({ type: 'text', default: 'pending' })
  outcome!: ProposalOutcome;

  @Column({ name: 'outcome_reason', type: 'text', nullable: true })
  outcomeReason!: string | null;

  @Column({ name: 'outcome_at', type: 'timestamptz', nullable: true })
  outcomeAt!: Date | null;
}
