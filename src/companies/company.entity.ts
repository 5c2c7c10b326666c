import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';
import type { NextActionType } from '../prospection/cadence';

export const COMPANY_SOURCES = ['cold_prospection', 'network', 'event', 'inbound', 'prescriber', 'other'] as const;
export type CompanySource = (typeof COMPANY_SOURCES)[number];

export const COMPANY_SOURCE_LABELS: Record<CompanySource, string> = {
  cold_prospection: 'Prospection directe',
  network: 'Réseau',
  event: 'Événement (job dating, food & job…)',
  inbound: 'Demande entrante',
  prescriber: 'Prescripteur',
  other: 'Autre',
};

/** A company (in practice one establishment, identified by its SIRET) the structure works with. */
@Entity('company')
export class Company extends StructureOwned {
  @Column({ type: 'text' })
  name!: string;

  /** Lower case, accents and punctuation removed: what name search matches against. */
  @Column({ name: 'search_name', type: 'text', select: false })
  searchName!: string;

  /** The search name without legal forms: two companies with the same one and postcode are likely duplicates. */
  @Column({ name: 'dedup_name', type: 'text', select: false })
  dedupName!: string;

  @Column({ type: 'char', length: 14, nullable: true })
  siret!: string | null;

  @Column({ type: 'char', length: 9, nullable: true, insert: false, update: false })
  siren!: string | null;

  @Column({ name: 'naf_code', type: 'text', nullable: true })
  nafCode!: string | null;

  @Column({ name: 'sector_label', type: 'text', nullable: true })
  sectorLabel!: string | null;

  @Column({ name: 'headcount_band', type: 'text', nullable: true })
  headcountBand!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text', nullable: true })
  postcode!: string | null;

  @Column({ type: 'text', nullable: true })
  commune!: string | null;

  @Column({ name: 'search_commune', type: 'text', nullable: true, select: false })
  searchCommune!: string | null;

  @Column({ type: 'text', nullable: true })
  territory!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text' })
  source!: CompanySource;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ name: 'stage_id', type: 'uuid' })
  stageId!: string;

  @Column({ name: 'stage_entered_at', type: 'timestamptz' })
  stageEnteredAt!: Date;

  /** For "pas de besoin pour l'instant": the day to get back in touch. */
  @Column({ name: 'come_back_on', type: 'date', nullable: true })
  comeBackOn!: string | null;

  @Column({ name: 'next_action_type', type: 'text', nullable: true })
  nextActionType!: NextActionType | null;

  /** A calendar day in the structure's time zone. */
  @Column({ name: 'next_action_due', type: 'date', nullable: true })
  nextActionDue!: string | null;

  /** A time of day (Europe/Paris) for planned meetings; 'HH:MM:SS'. */
  @Column({ name: 'next_action_time', type: 'time', nullable: true })
  nextActionTime!: string | null;

  @Column({ name: 'next_action_reminded_for', type: 'timestamptz', nullable: true, select: false })
  nextActionRemindedFor!: Date | null;

  @Column({ name: 'next_action_owner_id', type: 'uuid', nullable: true })
  nextActionOwnerId!: string | null;

  @Column({ name: 'next_action_note', type: 'text', nullable: true })
  nextActionNote!: string | null;

  /** The company contact a planned meeting is with: they are sent its calendar invitation. */
  @Column({ name: 'next_action_contact_id', type: 'uuid', nullable: true })
  nextActionContactId!: string | null;

  /** The company rests until this day (exclusive: it is back on that day); see src/prospection/contact-pressure.ts. */
  @Column({ name: 'resting_until', type: 'date', nullable: true })
  restingUntil!: string | null;

  /** Why it rests (« 6 appels sans réponse en 3 mois (dernier le …) »). */
  @Column({ name: 'rest_reason', type: 'text', nullable: true })
  restReason!: string | null;

  /** When someone last ended a rest by hand: unanswered calls before it no longer count. */
  @Column({ name: 'rest_ended_at', type: 'timestamptz', nullable: true })
  restEndedAt!: Date | null;

  /** The employer asked never to be contacted: calls, e-mails and meetings are refused. */
  @Column({ name: 'no_contact', type: 'boolean', default: false })
  noContact!: boolean;

  @Column({ name: 'no_contact_set_by', type: 'uuid', nullable: true })
  noContactSetBy!: string | null;

  @Column({ name: 'no_contact_set_at', type: 'timestamptz', nullable: true })
  noContactSetAt!: Date | null;

  /** At most this many contacts (calls, e-mails, meetings, visits) a Paris calendar month, as the employer asked. */
  @Column({ name: 'monthly_contact_cap', type: 'int', nullable: true })
  monthlyContactCap!: number | null;

  /** Incremented on every change; a write based on an older version answers 409. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  /** The company directory says this establishment is closed (as of `directoryCheckedAt`). */
  @Column({ name: 'establishment_closed', type: 'boolean', default: false })
  establishmentClosed!: boolean;

  /** The day it closed, when the directory says. */
  @Column({ name: 'establishment_closed_on', type: 'date', nullable: true })
  establishmentClosedOn!: string | null;

  /** The last refresh from the company directory. */
  @Column({ name: 'directory_checked_at', type: 'timestamptz', nullable: true })
  directoryCheckedAt!: Date | null;
}
