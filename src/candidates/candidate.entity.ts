import { Column, Entity } from 'typeorm';
import type { ExitCategory, ShiftPattern } from '../placements/contract-types';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const REFERRERS = ['france_travail', 'mission_locale', 'cap_emploi', 'departement_rsa', 'plie', 'other'] as const;
export type Referrer = (typeof REFERRERS)[number];

export const REFERRER_LABELS: Record<Referrer, string> = {
  france_travail: 'France Travail',
  mission_locale: 'Mission locale',
  cap_emploi: 'Cap emploi',
  departement_rsa: 'Département (RSA)',
  plie: 'PLIE',
  other: 'Autre',
};

export const CONSTRAINT_CATEGORIES = ['mobility', 'childcare', 'housing', 'health', 'language', 'administrative'] as const;
export type ConstraintCategory = (typeof CONSTRAINT_CATEGORIES)[number];

export const CANDIDATE_STATUSES = ['on_path', 'in_placement', 'exited'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export interface WantedJob {
  /** In the person's own words. */
  label: string;
  romeCode?: string | null;
}

/** A person on an insertion path (personne accompagnée). Constraints and notes are sensitive. */
@Entity('candidate')
export class Candidate extends StructureOwned {
  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', default: 'other' })
  referrer!: Referrer;

  /** The counsellor at the referring body. */
  @Column({ name: 'referrer_name', type: 'text', nullable: true })
  referrerName!: string | null;

  @Column({ name: 'entry_date', type: 'date', nullable: true })
  entryDate!: string | null;

  /** The person's current contract with the structure (CDDI...), and when it ends. */
  @Column({ name: 'structure_contract_type', type: 'text', nullable: true })
  structureContractType!: string | null;

  @Column({ name: 'structure_contract_end', type: 'date', nullable: true })
  structureContractEnd!: string | null;

  @Column({ name: 'wanted_jobs', type: 'jsonb', default: () => "'[]'" })
  wantedJobs!: WantedJob[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  strengths!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills!: string[];

  @Column({ name: 'driving_licence', type: 'boolean', default: false })
  drivingLicence!: boolean;

  @Column({ name: 'has_vehicle', type: 'boolean', default: false })
  hasVehicle!: boolean;

  @Column({ name: 'reachable_communes', type: 'text', array: true, default: () => "'{}'" })
  reachableCommunes!: string[];

  @Column({ name: 'home_commune', type: 'text', nullable: true })
  homeCommune!: string | null;

  @Column({ name: 'mobility_radius_km', type: 'int', nullable: true })
  mobilityRadiusKm!: number | null;

  @Column({ name: 'hours_per_week', type: 'int', nullable: true })
  hoursPerWeek!: number | null;

  @Column({ type: 'text', array: true, default: () => "'{day}'" })
  shifts!: ShiftPattern[];

  @Column({ name: 'available_from', type: 'date', nullable: true })
  availableFrom!: string | null;

  /** Sensitive: staff of the structure only, never in e-mails, out of exports unless asked. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  constraints!: Partial<Record<ConstraintCategory, string>>;

  /** Sensitive, like constraints. */
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'text', default: 'on_path' })
  status!: CandidateStatus;

  @Column({ name: 'exit_category', type: 'text', nullable: true })
  exitCategory!: ExitCategory | null;

  @Column({ name: 'exit_date', type: 'date', nullable: true })
  exitDate!: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  /** Set once the identity is removed (retention or erasure on request): only report facts remain. */
  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true })
  anonymisedAt!: Date | null;

  /** When the owner was warned of the coming anonymisation (see src/privacy). */
  @Column({ name: 'retention_warned_at', type: 'timestamptz', nullable: true })
  retentionWarnedAt!: Date | null;

  /** The anonymisation day that warning announced. */
  @Column({ name: 'retention_warned_for', type: 'date', nullable: true })
  retentionWarnedFor!: string | null;
}
