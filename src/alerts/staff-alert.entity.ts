import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const ALERT_KINDS = ['low_rating', 'difficulty', 'call_request', 'no_answer', 'call_task', 'rupture', 'retention_warning', 'sms_cap'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What an answer can signal; one answer raises one alert carrying all of its reasons. */
export const ANSWER_REASONS = ['low_rating', 'difficulty', 'call_request'] as const;
export type AnswerReason = (typeof ANSWER_REASONS)[number];

/** Something a staff member must act on: shown in their lists and e-mailed at once. */
@Entity('staff_alert')
export class StaffAlert extends StructureOwned {
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'placement_id', type: 'uuid', nullable: true })
  placementId!: string | null;

  @Column({ name: 'check_in_id', type: 'uuid', nullable: true })
  checkInId!: string | null;

  /** The candidate an alert is about when no placement says it (a retention warning). */
  @Column({ name: 'candidate_id', type: 'uuid', nullable: true })
  candidateId!: string | null;

  /** The company contact a retention warning is about. */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ type: 'text' })
  kind!: AlertKind;

  @Column({ type: 'text' })
  message!: string;

  /** An answer's reasons, in ANSWER_REASONS order (its kind is the first); empty for other alerts. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons!: AnswerReason[];

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  /** What the staff member did about it (free text about the person: redacted with them). */
  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote!: string | null;
}
