import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SMS_PURPOSES = ['check_in', 'encounter_reminder', 'meeting_reminder', 'one_off'] as const;
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

export const SMS_STATUSES = ['pending', 'sent', 'delivered', 'undelivered', 'failed', 'suppressed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export const SMS_STATUS_LABELS: Record<SmsStatus, string> = {
  pending: 'En attente d’envoi',
  sent: 'Envoyé',
  delivered: 'Reçu',
  undelivered: 'Non distribué',
  failed: 'Échec de l’envoi',
  suppressed: 'Non envoyé (refus des SMS)',
};

/**
 * A text message that must be sent: the row is the truth (written in the same transaction as its
 * cause), the BullMQ job only delivers it, delayed until `notBefore` (sending hours).
 */
@Entity('sms_message')
export class SmsMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'structure_id', type: 'uuid' })
  structureId!: string;

  /** E.164, a mobile. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'text' })
  purpose!: SmsPurpose;

  @Column({ name: 'candidate_id', type: 'uuid', nullable: true })
  candidateId!: string | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ name: 'placement_id', type: 'uuid', nullable: true })
  placementId!: string | null;

  @Column({ name: 'check_in_id', type: 'uuid', nullable: true })
  checkInId!: string | null;

  @Column({ name: 'encounter_id', type: 'uuid', nullable: true })
  encounterId!: string | null;

  @Column({ name: 'sent_by', type: 'uuid', nullable: true })
  sentBy!: string | null;

  @Column({ type: 'text' })
  encoding!: 'GSM-7' | 'UCS-2';

  @Column({ type: 'int' })
  segments!: number;

  @Column({ type: 'text', default: 'pending' })
  status!: SmsStatus;

  /** Not sent before this instant: 08:00–20:00 Paris on working days. */
  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The provider's message id, by which its delivery reports find the row. */
  @Column({ name: 'provider_id', type: 'text', nullable: true })
  providerId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** When the provider last reported on it. */
  @Column({ name: 'status_at', type: 'timestamptz', nullable: true })
  statusAt!: Date | null;
}
