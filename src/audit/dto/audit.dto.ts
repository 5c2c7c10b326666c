import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsDay } from '../../common/dates';
import { AUDIT_ACTIONS, AUDITED_ENTITIES, AuditAction, AuditChanges, AuditDetails, AuditedEntity } from '../audit-event.entity';

export const AUDIT_KINDS = ['changes', 'sensitive_reads'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Filters of the journal; `from` and `to` are Paris calendar days, both included. */
export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDITED_ENTITIES })
  @IsOptional()
  @IsIn(AUDITED_ENTITIES, { message: `entity must be one of ${AUDITED_ENTITIES.join(', ')}` })
  entity?: AuditedEntity;

  @ApiPropertyOptional({ description: 'One record: its events, and for a candidate the exports that held them' })
  @IsOptional()
  @IsUUID('all', { message: 'entityId must be an id' })
  entityId?: string;

  @ApiPropertyOptional({ description: 'Who acted' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a user id' })
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_KINDS, description: 'changes: the writes; sensitive_reads: who read constraints and notes' })
  @IsOptional()
  @IsIn(AUDIT_KINDS, { message: `kind must be one of ${AUDIT_KINDS.join(', ')}` })
  kind?: AuditKind;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'First Paris calendar day, included' })
  @IsOptional()
  @IsDay('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last Paris calendar day, included' })
  @IsOptional()
  @IsDay('to')
  to?: string;
}

export class AuditEventView {
  @ApiProperty() id!: string;
  @ApiProperty() at!: Date;
  @ApiProperty({ nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'First and last name of who acted' }) actorName!: string | null;
  @ApiProperty({ enum: AUDITED_ENTITIES }) entity!: AuditedEntity;
  @ApiProperty({ nullable: true, type: String, description: 'Null for an export of several candidates' }) entityId!: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '{ field: { from, to } }; a sensitive field (constraints, notes, password) only { changed: true }',
  })
  changes!: AuditChanges;
  @ApiProperty({ nullable: true, type: Object, description: 'A read: via api, page or export (with count and candidateIds)' })
  details!: AuditDetails | null;
}
