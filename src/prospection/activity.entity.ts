import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const ACTIVITY_TYPES = ['call', 'meeting', 'visit', 'email', 'event', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const CALL_OUTCOMES = ['no_answer', 'call_back', 'refused', 'meeting_booked', 'need_found'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  call: 'Appel',
  meeting: 'Rendez-vous',
  visit: 'Visite',
  email: 'E-mail',
  event: 'Événement',
  note: 'Note',
};

export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  no_answer: 'Pas de réponse',
  call_back: 'À rappeler',
  refused: 'Refus',
  meeting_booked: 'Rendez-vous fixé',
  need_found: 'Besoin repéré',
};

/** Something that happened with a company (and optionally one of its contacts). */
@Entity('activity')
export class Activity extends StructureOwned {
  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  /** The candidate it is about, if any: its free text is then theirs (erased with them). */
  @Column({ name: 'candidate_id', type: 'uuid', nullable: true })
  candidateId!: string | null;

  @Column({ type: 'text' })
  type!: ActivityType;

  /** Calls and meetings have an outcome. */
  @Column({ type: 'text', nullable: true })
  outcome!: CallOutcome | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** The pitch script version used during this call or meeting. */
  @Column({ name: 'script_version_id', type: 'uuid', nullable: true })
  scriptVersionId!: string | null;

  /** Keys of the script's objections the company raised. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  objections!: string[];

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;
}
