import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const ENCOUNTER_KINDS = ['job_dating', 'company_visit', 'info_session', 'workplace_interview', 'forum', 'other'] as const;
export type EncounterKind = (typeof ENCOUNTER_KINDS)[number];

export const ENCOUNTER_KIND_LABELS: Record<EncounterKind, string> = {
  job_dating: 'Job dating',
  company_visit: 'Visite d’entreprise',
  info_session: 'Réunion d’information',
  workplace_interview: 'Entretien sur le poste de travail',
  forum: 'Forum',
  other: 'Autre rencontre',
};

export const ENCOUNTER_STATUSES = ['planned', 'cancelled'] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];

export const PARTIES = ['candidate', 'contact', 'staff'] as const;
export type Party = (typeof PARTIES)[number];

export const ATTENDANCE_STATUSES = ['invited', 'confirmed', 'present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  invited: 'Invité·e',
  confirmed: 'A confirmé',
  present: 'Présent·e',
  absent: 'Absent·e',
  excused: 'Excusé·e',
};

export const ENCOUNTER_OUTCOMES = ['interview', 'pmsmp', 'contract', 'training', 'none'] as const;
export type EncounterOutcome = (typeof ENCOUNTER_OUTCOMES)[number];

export const ENCOUNTER_OUTCOME_LABELS: Record<EncounterOutcome, string> = {
  interview: 'Entretien d’embauche',
  pmsmp: 'Immersion (PMSMP)',
  contract: 'Contrat de travail',
  training: 'Formation',
  none: 'Rien pour l’instant',
};

/** Why an invited person got no invitation e-mail; the page flags them. */
export const INVITATION_SKIPS = ['no_email', 'opted_out'] as const;
export type InvitationSkip = (typeof INVITATION_SKIPS)[number];

/** A job dating, a company visit, an information session…: people and employers in one room. */
@Entity('encounter')
export class Encounter extends StructureOwned {
  @Column({ type: 'text' })
  kind!: EncounterKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  /** The address; none: at the host company's. */
  @Column({ type: 'text', nullable: true })
  place!: string | null;

  @Column({ name: 'host_company_id', type: 'uuid', nullable: true })
  hostCompanyId!: string | null;

  /** How many candidates may come; none: no limit. */
  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  @Column({ name: 'organiser_id', type: 'uuid', nullable: true })
  organiserId!: string | null;

  /** The job lead it serves, if any. */
  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', default: 'planned' })
  status!: EncounterStatus;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  /** The iCalendar SEQUENCE of its invitations: raised on each change the invitees must see. */
  @Column({ type: 'int', default: 0 })
  sequence!: number;

  /** The start the reminder two working days before was sent for (a moved encounter is reminded again). */
  @Column({ name: 'early_reminder_for', type: 'timestamptz', nullable: true, select: false })
  earlyReminderFor!: Date | null;

  /** The start the reminder two hours before was sent for. */
  @Column({ name: 'late_reminder_for', type: 'timestamptz', nullable: true, select: false })
  lateReminderFor!: Date | null;

  @Column({ name: 'attendance_marked_at', type: 'timestamptz', nullable: true })
  attendanceMarkedAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}

/** A company taking part in an encounter. */
@Entity('encounter_company')
export class EncounterCompany {
  @PrimaryColumn({ name: 'encounter_id', type: 'uuid' })
  encounterId!: string;

  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ name: 'structure_id', type: 'uuid' })
  structureId!: string;
}

/** One person at an encounter: a candidate, a company contact or a staff member. */
@Entity('encounter_participant')
export class EncounterParticipant {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id!: string;

  @Column({ name: 'structure_id', type: 'uuid' })
  structureId!: string;

  @Column({ name: 'encounter_id', type: 'uuid' })
  encounterId!: string;

  @Column({ type: 'text' })
  party!: Party;

  @Column({ name: 'candidate_id', type: 'uuid', nullable: true })
  candidateId!: string | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text', default: 'invited' })
  status!: AttendanceStatus;

  /** The SEQUENCE of the last invitation e-mailed to them; none: never e-mailed. */
  @Column({ name: 'invited_sequence', type: 'int', nullable: true })
  invitedSequence!: number | null;

  @Column({ name: 'invitation_skipped', type: 'text', nullable: true })
  invitationSkipped!: InvitationSkip | null;

  /** When a company contact was put on the list, and by whom: their invitation counts toward the company's monthly cap. */
  @Column({ name: 'invited_at', type: 'timestamptz', nullable: true })
  invitedAt!: Date | null;

  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  invitedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: EncounterOutcome | null;

  @Column({ name: 'outcome_on', type: 'date', nullable: true })
  outcomeOn!: string | null;

  @Column({ name: 'outcome_proposal_id', type: 'uuid', nullable: true })
  outcomeProposalId!: string | null;

  @Column({ name: 'outcome_placement_id', type: 'uuid', nullable: true })
  outcomePlacementId!: string | null;

  @Column({ name: 'outcome_lead_id', type: 'uuid', nullable: true })
  outcomeLeadId!: string | null;

  /** Free text about the candidate: erased with them. */
  @Column({ name: 'outcome_note', type: 'text', nullable: true })
  outcomeNote!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
