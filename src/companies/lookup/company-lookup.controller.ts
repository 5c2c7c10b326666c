import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../auth/auth.decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { Actor } from '../../tenancy/actor';
import { CompanyView } from '../dto/company-view.dto';
import { CompanyLookupQuery, LookupAnswer } from './company-lookup.dto';
import { CompanyLookupService } from './company-lookup.service';

/**
 * The company directory through the API. Registered before CompaniesController, so that
 * `/api/companies/lookup` is not read as a company id.
 */
@ApiTags('companies')
@Controller('api/companies')
export class CompanyLookupController {
  constructor(private readonly lookups: CompanyLookupService) {}

  /** Establishments of « Recherche d'entreprises » matching a name (or a SIRET), each with the company it already is. */
  @Get('lookup')
  lookup(@CurrentActor() actor: Actor, @Query() query: CompanyLookupQuery): Promise<LookupAnswer> {
    return this.lookups.lookup(actor, { q: query.q, postcode: query.postcode ?? undefined, commune: query.commune ?? undefined });
  }

  /** NAF, headcount band, address, postcode, commune and the closed flag brought up to the directory's; 409 when it does not answer. */
  @Post(':id/refresh')
  @HttpCode(200)
  refresh(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CompanyView> {
    return this.lookups.refresh(actor, id);
  }
}
