import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags, IntersectionType } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { Page, PageQuery } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { CompaniesService } from './companies.service';
import { CompanyCard } from './company-card';
import { CompanyFilterDto, CreateCompanyDto, SetNextActionDto, UpdateCompanyDto } from './dto/company.dto';
import { CompanyView, CreatedCompanyView } from './dto/company-view.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';

class CompanyListQuery extends IntersectionType(CompanyFilterDto, PageQuery) {}

@ApiTags('companies')
@Controller('api/companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  /** Search and list: name (partial, accents ignored), SIRET, postcode or commune, plus the board filters. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: CompanyListQuery): Promise<Page<CompanyCard>> {
    return this.companies.list(actor, query, query);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() input: CreateCompanyDto): Promise<CreatedCompanyView> {
    return this.companies.create(actor, input);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CompanyView> {
    return this.companies.get(actor, id);
  }

  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: UpdateCompanyDto,
  ): Promise<CompanyView> {
    return this.companies.update(actor, id, input);
  }

  @Put(':id/next-action')
  setNextAction(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: SetNextActionDto,
  ): Promise<CompanyView> {
    return this.companies.setNextAction(actor, id, input);
  }
}
