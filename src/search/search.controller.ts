import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../tenancy/actor';
import { SearchQueryDto } from './search.dto';
import { SearchResults, SearchService } from './search.service';

@ApiTags('search')
@Controller('api/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Companies, contacts, candidates and job leads of the structure matching the words, a few of each. */
  @Get()
  find(@CurrentActor() actor: Actor, @Query() query: SearchQueryDto): Promise<SearchResults> {
    return this.search.search(actor, query.q);
  }
}
