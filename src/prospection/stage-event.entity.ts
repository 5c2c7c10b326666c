import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

/**
 * One stage change of a company, never rewritten: moving a card back adds an event. The funnel
 * is computed from these rows.
 */
@Entity('stage_event')
export class StageEvent extends StructureOwned {
  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  /** Null for the company's first stage, when it was created or imported. */
  @Column({ name: 'from_stage_id', type: 'uuid', nullable: true })
  fromStageId!: string | null;

  @Column({ name: 'to_stage_id', type: 'uuid' })
  toStageId!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'activity_id', type: 'uuid', nullable: true })
  activityId!: string | null;

  /** The proposal that made this move; a withdrawn one's move is no funnel evidence. */
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
