import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SelectQueryBuilder } from 'typeorm';
import type { NextActionType } from '../prospection/cadence';
import type { InvitationState } from '../meetings/meeting-plan';
import { Company } from './company.entity';

export class PersonRef {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class NextActionView {
  @ApiProperty() type!: NextActionType;
  @ApiProperty({ example: '2026-12-01' }) dueOn!: string;
  @ApiProperty({ nullable: true, type: String, example: '14:30', description: 'Europe/Paris' }) time!: string | null;
  @ApiProperty({ nullable: true, type: PersonRef }) owner!: PersonRef | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional({ nullable: true, type: PersonRef, description: 'The company contact a meeting is with (company view only)' })
  contact?: PersonRef | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: ['sent', 'no_email', 'opted_out'],
    description: 'A meeting with a time and a contact: its calendar invitation was sent, or why not (company view only)',
  })
  invitation?: InvitationState | null;
}

/** What a board card and a list row show of a company. */
export class CompanyCard {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) commune!: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode!: string | null;
  @ApiProperty() stageId!: string;
  @ApiProperty() stageName!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: PersonRef }) owner!: PersonRef | null;
  @ApiProperty({ nullable: true, type: NextActionView }) nextAction!: NextActionView | null;
  @ApiProperty({ description: 'The next action is past due' }) overdue!: boolean;
  @ApiProperty({ description: 'In its stage for longer than the stage’s threshold' }) stalled!: boolean;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ nullable: true, type: String, example: '2027-03-01', description: 'Resting (too many unanswered attempts) until this day, exclusive' })
  restingUntil!: string | null;
  @ApiProperty({ description: 'The employer asked never to be contacted' }) noContact!: boolean;
}

export interface CardRow {
  id: string;
  name: string;
  commune: string | null;
  postcode: string | null;
  stage_id: string;
  stage_name: string;
  version: number;
  tags: string[];
  owner_id: string | null;
  owner_name: string | null;
  next_action_type: NextActionType | null;
  next_action_due: string | null;
  next_action_time: string | null;
  next_action_note: string | null;
  next_action_owner_id: string | null;
  next_action_owner_name: string | null;
  stalled: boolean;
  resting_until: string | null;
  no_contact: boolean;
}

// Moved beside the other SQL; still exported here for the callers that import it from this file.
export { cardQuery } from './company-card.queries';

export function toCard(row: CardRow, today: string): CompanyCard {
  const overdue = row.next_action_due !== null && row.next_action_due < today;
  return {
    id: row.id,
    name: row.name,
    commune: row.commune,
    postcode: row.postcode,
    stageId: row.stage_id,
    stageName: row.stage_name,
    version: row.version,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    nextAction:
      row.next_action_type && row.next_action_due
        ? {
            type: row.next_action_type,
            dueOn: row.next_action_due,
            time: row.next_action_time,
            owner: row.next_action_owner_id
              ? { id: row.next_action_owner_id, name: row.next_action_owner_name ?? '' }
              : null,
            note: row.next_action_note,
            overdue,
          }
        : null,
    overdue,
    stalled: row.stalled,
    tags: row.tags,
    restingUntil: row.resting_until !== null && row.resting_until > today ? row.resting_until : null,
    noContact: row.no_contact,
  };
}

export async function fetchCards(query: SelectQueryBuilder<Company>, today: string): Promise<CompanyCard[]> {
  const rows = await query.getRawMany<CardRow>();
  return rows.map((row) => toCard(row, today));
}
