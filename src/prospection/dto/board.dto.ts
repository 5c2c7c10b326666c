import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { MAX_OFFSET } from '../../common/pagination';
import { CompanyCard } from '../../companies/company-card';
import { CompanyFilterDto } from '../../companies/dto/company.dto';
import { StageView } from './stage.dto';

export class BoardQuery extends CompanyFilterDto {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, description: 'Cards per column' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;
}

export class ColumnQuery extends BoardQuery {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a cursor returned by the board' })
  cursor?: string;
}

export class ExportQuery extends CompanyFilterDto {
  @ApiPropertyOptional({ description: 'Only this stage' })
  @IsOptional()
  @IsUUID('all', { message: 'stageId must be a stage id' })
  stageId?: string;
}

export const ACTION_VIEWS = ['today', 'overdue', 'stalled', 'unassigned'] as const;
export type ActionView = (typeof ACTION_VIEWS)[number];

export class ActionsQuery {
  @ApiProperty({ enum: ACTION_VIEWS })
  @IsIn(ACTION_VIEWS, { message: `view must be one of ${ACTION_VIEWS.join(', ')}` })
  view!: ActionView;

  @ApiPropertyOptional({ description: 'today/overdue: whose actions ("me" by default, "all", or a user id)' })
  @IsOptional()
  @Matches(/^(me|all|[0-9a-f-]{36})$/i, { message: 'owner must be "me", "all" or a user id' })
  owner: string = 'me';

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset = 0;
}

export class BoardColumn {
  @ApiProperty({ type: StageView }) stage!: StageView;
  @ApiProperty({ description: 'Companies in the column matching the filters' }) count!: number;
  @ApiProperty({ type: [CompanyCard] }) cards!: CompanyCard[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor to get the next cards' })
  nextCursor!: string | null;
}

export class BoardView {
  @ApiProperty({ type: [BoardColumn] }) columns!: BoardColumn[];
  @ApiProperty({ example: '2026-11-24', description: 'Today in the structure’s time zone' }) today!: string;
}

export class ColumnPage {
  @ApiProperty({ type: [CompanyCard] }) cards!: CompanyCard[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
