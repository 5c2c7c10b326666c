import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { Page, PageQuery } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { CompaniesService } from './companies.service';
import { CompanyCard } from './company-card';
import { CompanyFilterDto, CreateCompanyDto, SetNextActionDto, UpdateCompanyDto } from './dto/company.dto';
import { CompanyView, CompanyWriteView, CreatedCompanyView } from './dto/company-view.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { RefuseAs } from '../common/validation';
import { COMPANY } from '../refusals/index';
import { COMPANY_SORTS, CompanySort } from './company-sort';
import { IsIn, IsOptional } from 'class-validator';

class CompanyListQuery extends IntersectionType(CompanyFilterDto, PageQuery) {
  @ApiPropertyOptional({ enum: COMPANY_SORTS, default: 'name', description: 'A column, `-` first for the reverse; blanks last' })
  @IsOptional()
  @IsIn(COMPANY_SORTS)
  @RefuseAs(COMPANY.sortInvalid)
  sort?: CompanySort;
}

@ApiTags('companies')
@Controller('api/companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  /** Search and list: name (partial, accents ignored), SIRET, postcode or commune, plus the board filters. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: CompanyListQuery): Promise<Page<CompanyCard>> {
    const { sort, limit, offset, ...filter } = query;
    return this.companies.list(actor, filter, { limit, offset }, sort);
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
  ): Promise<CompanyWriteView> {
    return this.companies.setNextAction(actor, id, input);
  }
}
