import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags, IntersectionType } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../auth/auth.decorators';
import { BusinessDay } from '../common/calendar/business-day';
import { Page, PageQuery } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { CandidatesService } from './candidates.service';
import { CandidateExportQuery, CandidateFilterDto, CreateCandidateDto, ExitCandidateDto, UpdateCandidateDto } from './dto/candidate.dto';
import { CandidateListItem, CandidateView } from './dto/candidate-view.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';

class CandidateListQuery extends IntersectionType(CandidateFilterDto, PageQuery) {}

@ApiTags('candidates')
@Controller('api/candidates')
export class CandidatesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly businessDay: BusinessDay,
  ) {}

  /** The structure's candidates, without their sensitive fields (constraints, notes). */
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: CandidateListQuery): Promise<Page<CandidateListItem>> {
    const page = await this.candidates.list(actor, query, query);
    return { ...page, items: page.items.map(CandidateListItem.of) };
  }

  /**
   * CSV for French Excel; `sensitive=true` adds constraints and notes, for managers and admins only,
   * and records that export in the audit trail (who, when, which people).
   */
  @Get('export.csv')
  @ApiProduces('text/csv')
  async export(@CurrentActor() actor: Actor, @Query() query: CandidateExportQuery, @Res() response: Response): Promise<void> {
    this.candidates.assertMayExport(actor, query);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="candidats-${this.businessDay.today()}.csv"`);
    await this.candidates.export(actor, query, response);
  }

  /** The answer carries the constraints and notes just stored: recorded as a read, like every answer that does. */
  @Post()
  async create(@CurrentActor() actor: Actor, @Body() input: CreateCandidateDto): Promise<CandidateView> {
    const candidate = await this.candidates.create(actor, input);
    await this.candidates.recordSensitiveRead(actor, candidate, 'POST /api/candidates');
    return CandidateView.full(candidate);
  }

  /** The whole record, constraints and notes included: the read is recorded in the audit trail. */
  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CandidateView> {
    return CandidateView.full(await this.candidates.readSensitive(actor, id, { via: 'api', path: 'GET /api/candidates/:id' }));
  }

  @Patch(':id')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: UpdateCandidateDto,
  ): Promise<CandidateView> {
    const candidate = await this.candidates.update(actor, id, input);
    await this.candidates.recordSensitiveRead(actor, candidate, 'PATCH /api/candidates/:id');
    return CandidateView.full(candidate);
  }

  /** The person leaves the insertion path: exit date and DGEFP category (default: from the last placement). */
  @Post(':id/exit')
  @HttpCode(200)
  async exit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: ExitCandidateDto,
  ): Promise<CandidateView> {
    const candidate = await this.candidates.exit(actor, id, input);
    await this.candidates.recordSensitiveRead(actor, candidate, 'POST /api/candidates/:id/exit');
    return CandidateView.full(candidate);
  }
}
