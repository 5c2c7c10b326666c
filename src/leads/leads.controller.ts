import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags, IntersectionType } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Page, PageQuery } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import {
  CreateLeadDto,
  CreateProposalDto,
  LeadFilterDto,
  LeadSettingsDto,
  LeadStatusDto,
  ProposalOutcomeDto,
  UpdateLeadDto,
} from './dto/lead.dto';
import { LeadView } from './lead-view';
import { LeadsService } from './leads.service';
import { ProposalsService, ProposalView } from './proposals.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

class LeadListQuery extends IntersectionType(LeadFilterDto, PageQuery) {}

/** Job leads (pistes): needs spotted at companies, mostly never published. */
@ApiTags('leads')
@Controller('api/leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly proposals: ProposalsService,
  ) {}

  /** Days allowed from a need spotted to a first proposal (calendar days). */
  @Get('settings')
  settings(@CurrentActor() actor: Actor): Promise<LeadSettingsDto> {
    return this.leads.settings(actor);
  }

  @Put('settings')
  @Roles('manager')
  updateSettings(@CurrentActor() actor: Actor, @Body() input: LeadSettingsDto): Promise<LeadSettingsDto> {
    return this.leads.updateSettings(actor, input);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: LeadListQuery): Promise<Page<LeadView>> {
    return this.leads.list(actor, query, query);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() input: CreateLeadDto): Promise<LeadView> {
    return this.leads.create(actor, input);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<LeadView> {
    return this.leads.get(actor, id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: UpdateLeadDto): Promise<LeadView> {
    return this.leads.update(actor, id, input);
  }

  @Post(':id/status')
  setStatus(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: LeadStatusDto): Promise<LeadView> {
    return this.leads.setStatus(actor, id, input);
  }

  @Get(':id/proposals')
  listProposals(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ProposalView[]> {
    return this.proposals.list(actor, id);
  }

  @Post(':id/proposals')
  propose(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: CreateProposalDto) {
    return this.proposals.propose(actor, id, input);
  }
}

@ApiTags('leads')
@Controller('api/companies')
export class CompanyLeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Get(':id/leads')
  list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() page: PageQuery): Promise<Page<LeadView>> {
    return this.leads.listForCompany(actor, id, page);
  }
}

@ApiTags('leads')
@Controller('api/proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post(':id/outcome')
  setOutcome(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: ProposalOutcomeDto): Promise<ProposalView> {
    return this.proposals.setOutcome(actor, id, input);
  }

  /**
   * Withdraws a proposal made by mistake (pending only, else 409). Its own endpoint rather than an
   * outcome: an outcome says what came of a proposal and moves the lead forward, a withdrawal undoes
   * the proposal (the lead's first-proposal time and status) and refuses differently.
   */
  @Post(':id/withdraw')
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ProposalView> {
    return this.proposals.withdraw(actor, id);
  }
}
