import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../auth/auth.decorators';
import { BusinessDay } from '../common/calendar/business-day';
import { attachmentDisposition } from '../common/spreadsheet';
import { Page } from '../common/pagination';
import { CompaniesService } from '../companies/companies.service';
import { CompanyCard } from '../companies/company-card';
import { CompanyView, CompanyWriteView } from '../companies/dto/company-view.dto';
import { Actor } from '../tenancy/actor';
import { ActivitiesService } from './activities.service';
import { BoardExportService } from './board-export.service';
import { BoardService } from './board.service';
import { CompanyBulkService } from './company-bulk.service';
import { BulkCompaniesDto, BulkResult } from './dto/bulk.dto';
import { LogActivityDto, TimelineEntry, TimelineQuery } from './dto/activity.dto';
import { ActionsQuery, BoardQuery, BoardView, ColumnPage, ColumnQuery, ExportQuery } from './dto/board.dto';
import { MoveCompanyDto } from './dto/move.dto';
import { StageChangesService } from './stage-changes.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('prospection')
@Controller('api')
export class ProspectionController {
  constructor(
    private readonly board: BoardService,
    private readonly exports: BoardExportService,
    private readonly activities: ActivitiesService,
    private readonly stageChanges: StageChangesService,
    private readonly companies: CompaniesService,
    private readonly businessDay: BusinessDay,
    private readonly bulk: CompanyBulkService,
  ) {}

  /** One change to several companies (assign an owner, add a tag, move to a stage): all of them, or none. */
  @Post('companies/bulk')
  @HttpCode(200)
  applyBulk(@CurrentActor() actor: Actor, @Body() input: BulkCompaniesDto): Promise<BulkResult> {
    return this.bulk.apply(actor, input);
  }

  /** Every column with its count and first cards, under the same filters. */
  @Get('board')
  getBoard(@CurrentActor() actor: Actor, @Query() query: BoardQuery): Promise<BoardView> {
    return this.board.board(actor, query);
  }

  /** More cards of one column, after the cursor the previous page gave. */
  @Get('board/columns/:stageId')
  column(
    @CurrentActor() actor: Actor,
    @Param('stageId', ParseIdPipe) stageId: string,
    @Query() query: ColumnQuery,
  ): Promise<ColumnPage> {
    return this.board.column(actor, stageId, query);
  }

  /** What the board shows under these filters, as CSV for French Excel (UTF-8 with BOM, `;`). */
  @Get('board/export.csv')
  @ApiProduces('text/csv')
  async export(@CurrentActor() actor: Actor, @Query() query: ExportQuery, @Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', attachmentDisposition(`entreprises-${this.businessDay.today()}.csv`));
    await this.exports.write(actor, query, response);
  }

  /** Follow-up lists: my actions for today, overdue actions, stalled and unassigned companies. */
  @Get('actions')
  actions(@CurrentActor() actor: Actor, @Query() query: ActionsQuery): Promise<Page<CompanyCard>> {
    return this.board.actions(actor, query);
  }

  @Post('companies/:id/stage')
  async move(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: MoveCompanyDto,
  ): Promise<CompanyView> {
    await this.stageChanges.move(actor, id, input);
    return this.companies.get(actor, id);
  }

  @Post('companies/:id/activities')
  async log(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: LogActivityDto,
  ): Promise<CompanyWriteView> {
    const { warnings } = await this.activities.log(actor, id, input);
    return { ...(await this.companies.get(actor, id)), warnings: warnings.map(({ code, message }) => ({ code, message })) };
  }

  @Get('companies/:id/timeline')
  timeline(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: TimelineQuery,
  ): Promise<Page<TimelineEntry>> {
    return this.activities.timeline(actor, id, query);
  }
}
