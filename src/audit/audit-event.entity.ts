import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `structure`: the structure's own settings that bear on personal data (how long it is kept). */
export const AUDITED_ENTITIES = ['company', 'candidate', 'placement', 'user', 'structure', 'proposal'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/**
 * What happened: the writes (create, update, a stage move, a next action, a candidate's exit, a
 * placement's start, end or cancellation, an account's deactivation, a proposal's withdrawal, a one-off text to a candidate) and the reads of a
 * candidate's sensitive fields (`sensitive_read`).
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'stage',
  'next_action',
  'exit',
  'start',
  'end',
  'cancel',
  'deactivate',
  'sensitive_read',
  'withdraw',
  'text',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One field's change. Sensitive fields (a candidate's constraints and notes, a password) carry
 * only `changed: true`, never their values.
 */
export interface FieldChange {
  from?: unknown;
  to?: unknown;
  changed?: true;
}

export type AuditChanges = Record<string, FieldChange>;

/** How sensitive fields reached the reader: an API answer, a page, a CSV export, an RGPD export. */
export type SensitiveReadVia = 'api' | 'page' | 'export' | 'privacy_export';

/** Where a sensitive read came from, and for a read of several people how many and which. */
export interface AuditDetails {
  via?: SensitiveReadVia;
  /** The route that answered, e.g. `GET /api/alerts` or `GET /placements` (recorded since issue 15). */
  path?: string;
  /** A read of several people (a list, an export): how many, and which (so a person's read history finds it). */
  count?: number;
  candidateIds?: string[];
}

/**
 * The audit trail of one structure: append-only, written in the same transaction as the change it
 * describes. Not a StructureOwned row (it is never updated), but read only through AuditService,
 * which filters by the actor's structure like ScopedRepository does.
 */
@Entity('audit_event')
export class AuditEvent {
  /** Increasing: orders events written at the same instant (one transaction) as they were written. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'structure_id', type: 'uuid' })
  structureId!: string;

  /** Null for what the system did on its own, or once the account is gone. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  entity!: AuditedEntity;

  /** Null only for a read that covers many rows (an export). */
  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  @Column({ type: 'text' })
  action!: AuditAction;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes!: AuditChanges;

  @Column({ type: 'jsonb', nullable: true })
  details!: AuditDetails | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
