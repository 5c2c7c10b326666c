import { Column, Entity } from 'typeorm';
import type { ContractType, ShiftPattern } from '../placements/contract-types';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const LEAD_STATUSES = ['spotted', 'qualified', 'candidate_proposed', 'interview', 'filled', 'abandoned'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  spotted: 'Repéré',
  qualified: 'Qualifié (fiche de poste)',
  candidate_proposed: 'Candidat proposé',
  interview: 'Entretien / immersion',
  filled: 'Pourvu',
  abandoned: 'Abandonné',
};

/** A need spotted at a company (piste), most often never published: the hidden job market. */
@Entity('job_lead')
export class JobLead extends StructureOwned {
  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  /** The activity (a meeting, a call) where the need came up. */
  @Column({ name: 'source_activity_id', type: 'uuid', nullable: true })
  sourceActivityId!: string | null;

  @Column({ name: 'job_title', type: 'text' })
  jobTitle!: string;

  @Column({ name: 'rome_code', type: 'text', nullable: true })
  romeCode!: string | null;

  @Column({ name: 'contract_type', type: 'text' })
  contractType!: ContractType;

  @Column({ name: 'hours_per_week', type: 'int', nullable: true })
  hoursPerWeek!: number | null;

  @Column({ name: 'shift_pattern', type: 'text', default: 'day' })
  shiftPattern!: ShiftPattern;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  /** Where the work is; defaults to the company's commune. */
  @Column({ name: 'work_commune', type: 'text', nullable: true })
  workCommune!: string | null;

  @Column({ name: 'requires_licence', type: 'boolean', default: false })
  requiresLicence!: boolean;

  @Column({ name: 'requires_vehicle', type: 'boolean', default: false })
  requiresVehicle!: boolean;

  /** Only what was agreed with the employer as strictly necessary. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requirements!: string[];

  /** Adaptations of tasks, hours or integration agreed with the employer. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  adaptations!: string[];

  @Column({ name: 'hidden_market', type: 'boolean', default: true })
  hiddenMarket!: boolean;

  @Column({ type: 'text', default: 'spotted' })
  status!: LeadStatus;

  @Column({ name: 'abandon_reason', type: 'text', nullable: true })
  abandonReason!: string | null;

  @Column({ name: 'spotted_at', type: 'timestamptz' })
  spottedAt!: Date;

  /** When the first candidate was proposed: measured against the structure's target. */
  @Column({ name: 'first_proposed_at', type: 'timestamptz', nullable: true })
  firstProposedAt!: Date | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;
}
