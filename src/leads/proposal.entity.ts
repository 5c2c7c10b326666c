import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const PROPOSAL_OUTCOMES = ['pending', 'interview', 'immersion', 'hired', 'declined_by_employer', 'declined_by_candidate'] as const;
export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number];

export const PROPOSAL_OUTCOME_LABELS: Record<ProposalOutcome, string> = {
  pending: 'En attente',
  interview: 'Entretien',
  immersion: 'Immersion',
  hired: 'Embauché·e',
  declined_by_employer: 'Refus de l’employeur',
  declined_by_candidate: 'Refus du candidat',
};

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
