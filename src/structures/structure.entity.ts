import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CadenceRule } from '../prospection/cadence';

export const STRUCTURE_TYPES = ['ACI', 'EI', 'AI', 'ETTI', 'OTHER'] as const;
export type StructureType = (typeof STRUCTURE_TYPES)[number];

/** An organisation using Tremplin (an SIAE or a similar employment-support body). */
@Entity('structure')
export class Structure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: StructureType;

  @Column({ type: 'text', nullable: true })
  territory!: string | null;

  /** The follow-up cadence set by managers; null means the defaults. */
  @Column({ name: 'cadence_rules', type: 'jsonb', nullable: true })
  cadenceRules!: CadenceRule[] | null;

  /** Days allowed from a need spotted to a first candidate proposed (SEVE: 48 hours to a week). */
  @Column({ name: 'proposal_target_days', type: 'int', default: 7 })
  proposalTargetDays!: number;

  /** Check-in offsets after a placement starts ("3 days", "1 month"...); null means the default plan. */
  @Column({ name: 'check_in_offsets', type: 'jsonb', nullable: true })
  checkInOffsets!: string[] | null;

  /** Steps sent to one party only ("1 month" → ["employer"]); a step absent goes to both; null: all to both. */
  @Column({ name: 'check_in_parties', type: 'jsonb', nullable: true })
  checkInParties!: Record<string, Array<'employee' | 'employer'>> | null;

  /** Who receives follow-up alerts: the placement's follower (else the managers), or the follower and every manager. */
  @Column({ name: 'alert_recipients', type: 'text', default: 'follower' })
  alertRecipients!: 'follower' | 'follower_and_managers';

  /** Days without an answer after which a check-in raises an alert. */
  @Column({ name: 'check_in_no_answer_days', type: 'int', default: 5 })
  checkInNoAnswerDays!: number;

  /** Text messages a month (Paris calendar month); managers are warned at 80 %. */
  @Column({ name: 'sms_monthly_cap', type: 'int', default: 500 })
  smsMonthlyCap!: number;

  /** The month ('YYYY-MM') managers were last warned of the cap for. */
  @Column({ name: 'sms_cap_warned_for', type: 'text', nullable: true, select: false })
  smsCapWarnedFor!: string | null;

  /** Unanswered calls (within `restMonths`) that put a company to rest automatically. */
  @Column({ name: 'rest_after_attempts', type: 'int', default: 6 })
  restAfterAttempts!: number;

  /** The window those calls are counted in, and how long the rest lasts, in Paris calendar months. */
  @Column({ name: 'rest_months', type: 'int', default: 3 })
  restMonths!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
