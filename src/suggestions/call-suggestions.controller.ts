import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CompanyView } from '../companies/dto/company-view.dto';
import { Actor } from '../tenancy/actor';
import { CallSuggestion, CallSuggestionsService } from './call-suggestions.service';
import { CallSuggestionsQuery, DismissSuggestionDto, TakeSuggestionDto } from './dto/call-suggestion.dto';

@ApiTags('suggestions')
@Controller('api/suggestions/calls')
export class CallSuggestionsController {
  constructor(private readonly suggestions: CallSuggestionsService) {}

  /** « À appeler cette semaine »: ranked companies with their reasons; scope=me (mine and nobody's) or team. */
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: CallSuggestionsQuery): Promise<{ items: CallSuggestion[] }> {
    return { items: await this.suggestions.list(actor, query.scope, query.limit) };
  }

  /** Takes it: the company becomes mine, with a call due today. */
  @Post(':companyId/take')
  @HttpCode(200)
  take(@CurrentActor() actor: Actor, @Param('companyId', ParseIdPipe) companyId: string, @Body() body: TakeSuggestionDto): Promise<CompanyView> {
    return this.suggestions.take(actor, companyId, body.version);
  }

  /** Sets it aside for its period, with a reason (« other » needs a note). */
  @Post(':companyId/dismiss')
  @HttpCode(200)
  dismiss(@CurrentActor() actor: Actor, @Param('companyId', ParseIdPipe) companyId: string, @Body() body: DismissSuggestionDto) {
    return this.suggestions.dismiss(actor, companyId, body);
  }
}
