import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../tenancy/actor';
import { MatchQueryDto } from './dto/lead.dto';
import { CandidateMatches, LeadMatches, MatchingService } from './matching.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Who fits a lead, and which open leads fit a person: scores with their reasons, never sensitive data. */
@ApiTags('matching')
@Controller('api')
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get('leads/:id/matches')
  forLead(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: MatchQueryDto): Promise<LeadMatches> {
    return this.matching.matchesForLead(actor, id, query.limit);
  }

  @Get('candidates/:id/leads')
  forCandidate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: MatchQueryDto): Promise<CandidateMatches> {
    return this.matching.leadsForCandidate(actor, id, query.limit);
  }
}
