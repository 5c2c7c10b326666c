import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const DISMISSAL_REASONS = ['elsewhere', 'territory', 'sector', 'closed', 'other'] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];

export const DISMISSAL_REASON_LABELS: Record<DismissalReason, string> = {
  elsewhere: 'Déjà en contact par ailleurs',
  territory: 'Hors de notre territoire',
  sector: 'Secteur non pertinent',
  closed: 'Entreprise fermée',
  other: 'Autre',
};

/** A suggestion set aside by someone of the team: the company stays off « À appeler » until `hiddenUntil` (exclusive). */
@Entity('call_suggestion_dismissal')
export class CallSuggestionDismissal extends StructureOwned {
  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ type: 'text' })
  reason!: DismissalReason;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'dismissed_by', type: 'uuid', nullable: true })
  dismissedBy!: string | null;

  @Column({ name: 'dismissed_at', type: 'timestamptz' })
  dismissedAt!: Date;

  @Column({ name: 'hidden_until', type: 'date' })
  hiddenUntil!: string;
}
