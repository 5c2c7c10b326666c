import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';
import type { SkipReason } from './check-in-plan';

export const CHECK_IN_PARTIES = ['employee', 'employer'] as const;
export type CheckInParty = (typeof CHECK_IN_PARTIES)[number];

/** call_task: no usable e-mail address (none, or opted out): the staff member calls instead. */
export const CHECK_IN_STATUSES = ['planned', 'sent', 'answered', 'skipped', 'cancelled', 'failed', 'call_task'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];

export const DIFFICULTIES = ['hours', 'transport', 'tasks', 'team', 'health', 'childcare', 'other'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  hours: 'Horaires',
  transport: 'Transport',
  tasks: 'Tâches',
  team: 'Équipe',
  health: 'Santé',
  childcare: 'Garde d’enfants',
  other: 'Autre',
};

/** One step of a placement's follow-up for one party: planned in Postgres, delivered through BullMQ. */
@Entity('check_in')
export class CheckIn extends StructureOwned {
  @Column({ name: 'placement_id', type: 'uuid' })
  placementId!: string;

  @Column({ type: 'text' })
  party!: CheckInParty;

  /** The offset it stands for, e.g. "3 days" or "1 month": stable across re-plans. */
  @Column({ type: 'text' })
  step!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text', default: 'planned' })
  status!: CheckInStatus;

  /** Set when `skipped`: why this step is never sent. */
  @Column({ name: 'skip_reason', type: 'text', nullable: true })
  skipReason!: SkipReason | null;

  @Column({ type: 'text', nullable: true })
  recipient!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'smtp_message_id', type: 'text', nullable: true })
  smtpMessageId!: string | null;

  /** How it went: an e-mail, or a text for someone without a usable address (or who prefers texts). */
  @Column({ type: 'text', nullable: true })
  channel!: 'email' | 'sms' | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** 1 (ça se passe mal) to 4 (très bien). */
  @Column({ type: 'int', nullable: true })
  rating!: number | null;

  @Column({ name: 'going_well', type: 'text', nullable: true })
  goingWell!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  difficulties!: Difficulty[];

  @Column({ name: 'difficulty_details', type: 'text', nullable: true })
  difficultyDetails!: string | null;

  @Column({ name: 'wants_call', type: 'boolean', nullable: true })
  wantsCall!: boolean | null;

  @Column({ name: 'no_answer_alerted_at', type: 'timestamptz', nullable: true })
  noAnswerAlertedAt!: Date | null;

  /** A call task done: when, by whom, and the note of the call (free text: a sensitive read). */
  @Column({ name: 'call_done_at', type: 'timestamptz', nullable: true })
  callDoneAt!: Date | null;

  @Column({ name: 'call_done_by', type: 'uuid', nullable: true })
  callDoneBy!: string | null;

  @Column({ name: 'call_note', type: 'text', nullable: true })
  callNote!: string | null;
}
