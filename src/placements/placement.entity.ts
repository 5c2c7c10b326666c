import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';
import type { ContractType } from './contract-types';

export const PLACEMENT_KINDS = ['contract', 'immersion'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];
export const PLACEMENT_STATUSES = ['planned', 'started', 'ended'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];
export const END_KINDS = ['normal', 'early'] as const;
export type EndKind = (typeof END_KINDS)[number];
export const ENDED_BY = ['employee', 'employer', 'both'] as const;
export type EndedBy = (typeof ENDED_BY)[number];

/** A person placed in a company: a contract, or a PMSMP immersion. */
@Entity('placement')
export class Placement extends StructureOwned {
  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId!: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId!: string | null;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId!: string | null;

  @Column({ type: 'text' })
  kind!: PlacementKind;

  @Column({ name: 'contract_type', type: 'text' })
  contractType!: ContractType;

  @Column({ name: 'job_title', type: 'text' })
  jobTitle!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  /** None for a CDI. */
  @Column({ name: 'planned_end_date', type: 'date', nullable: true })
  plannedEndDate!: string | null;

  @Column({ name: 'hours_per_week', type: 'int', nullable: true })
  hoursPerWeek!: number | null;

  @Column({ name: 'trial_end_date', type: 'date', nullable: true })
  trialEndDate!: string | null;

  @Column({ type: 'text', default: 'planned' })
  status!: PlacementStatus;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  /** early: a rupture. */
  @Column({ name: 'end_kind', type: 'text', nullable: true })
  endKind!: EndKind | null;

  @Column({ name: 'rupture_reason', type: 'text', nullable: true })
  ruptureReason!: string | null;

  @Column({ name: 'ended_by', type: 'text', nullable: true })
  endedBy!: EndedBy | null;

  /** Who receives the employer-side check-ins (defaults to the lead's contact). */
  @Column({ name: 'employer_contact_id', type: 'uuid', nullable: true })
  employerContactId!: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;
}
