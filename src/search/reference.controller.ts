import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RomeAppellation, searchRomeAppellations } from '../reference/rome';
import { SearchQueryDto } from './search.dto';

@ApiTags('reference')
@Controller('api/reference')
export class ReferenceController {
  /** ROME appellations matching a typed job title (or code), for the ROME pickers. */
  @Get('rome')
  rome(@Query() query: SearchQueryDto): RomeAppellation[] {
    return searchRomeAppellations(query.q);
  }
}
