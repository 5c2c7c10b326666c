import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const CONTACT_CHANNELS = ['phone', 'email', 'sms', 'in_person'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
  phone: 'Téléphone',
  email: 'E-mail',
  sms: 'SMS',
  in_person: 'En personne',
};

/** A person at a company. */
@Entity('contact')
export class Contact extends StructureOwned {
  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ name: 'job_title', type: 'text', nullable: true })
  jobTitle!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'preferred_channel', type: 'text', nullable: true })
  preferredChannel!: ContactChannel | null;

  @Column({ name: 'decision_maker', type: 'boolean', default: false })
  decisionMaker!: boolean;

  /** The person asked not to receive e-mails: every e-mail Tremplin sends checks this. */
  @Column({ name: 'email_opt_out', type: 'boolean', default: false })
  emailOptOut!: boolean;

  @Column({ name: 'email_opt_out_at', type: 'timestamptz', nullable: true })
  emailOptOutAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** Set when the person asked to be erased: the row keeps no identity (see src/privacy). */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;
}
