import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { RefuseAs } from '../../common/validation';
import { COMPANY, FIELD, SUGGESTION } from '../../refusals/index';
import { DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS, SUGGESTION_SCOPES, SuggestionScope } from '../call-suggestions.service';
import { DISMISSAL_REASONS } from '../call-suggestion-dismissal.entity';

export class CallSuggestionsQuery {
  @ApiPropertyOptional({ enum: SUGGESTION_SCOPES, default: 'me', description: 'me: my companies and those nobody owns; team: all' })
  @RefuseAs(SUGGESTION.scopeInvalid)
  @IsOptional()
  @IsIn(SUGGESTION_SCOPES)
  scope: SuggestionScope = 'me';

  @ApiPropertyOptional({ default: DEFAULT_SUGGESTIONS, minimum: 1, maximum: MAX_SUGGESTIONS })
  @RefuseAs(FIELD.outOfRange)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SUGGESTIONS)
  limit: number = DEFAULT_SUGGESTIONS;
}

export class TakeSuggestionDto {
  @ApiPropertyOptional({ description: 'The company version the suggestion showed; a stale one answers 409' })
  @RefuseAs(COMPANY.versionInvalid)
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class DismissSuggestionDto {
  @ApiPropertyOptional({ enum: DISMISSAL_REASONS, description: 'Why it is set aside (checked by the service: 400 naming reason)' })
  @RefuseAs(SUGGESTION.reasonInvalid)
  @IsOptional()
  @IsString()
  reason?: string;

  @ApiPropertyOptional({ description: 'Required with « other », 500 characters at most' })
  @RefuseAs(SUGGESTION.noteRequired)
  @IsOptional()
  @IsString()
  note?: string | null;
}
