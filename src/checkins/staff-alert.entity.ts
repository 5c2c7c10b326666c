import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const ALERT_KINDS = ['low_rating', 'difficulty', 'call_request', 'no_answer', 'call_task', 'rupture', 'retention_warning'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

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

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy!: string | null;
}
