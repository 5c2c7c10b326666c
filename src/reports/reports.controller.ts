import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { attachmentDisposition } from '../common/spreadsheet';
import { Actor } from '../tenancy/actor';
import { DrillQueryDto, ExportQueryDto, ReportQueryDto, StaffTargetsDto, TargetsDto } from './dto/report-query.dto';
import { ActivityReport, DrillList, ExportTable, FunnelReport, OutcomesReport, TargetsView } from './report-types';
import { ReportsService } from './reports.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('reports')
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The outreach funnel of the companies first contacted in the period (docs/reports.md). */
  @Get('funnel')
  funnel(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto): Promise<FunnelReport> {
    return this.reports.funnel(actor, query);
  }

  /** Calls, meetings, visits and events per staff member and week, against weekly targets. */
  @Get('activity')
  activity(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto): Promise<ActivityReport> {
    return this.reports.activity(actor, query);
  }

  /** Placements, retention, exits, lead time, check-in answers and alerts of the period. */
  @Get('outcomes')
  outcomes(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto): Promise<OutcomesReport> {
    return this.reports.outcomes(actor, query);
  }

  /** The companies, placements, candidates, leads, activities, check-ins or alerts behind one number. */
  @Get('drill')
  drill(@CurrentActor() actor: Actor, @Query() query: DrillQueryDto): Promise<DrillList> {
    return this.reports.drill(actor, query);
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  async export(@CurrentActor() actor: Actor, @Query() query: ExportQueryDto, @Res() response: Response): Promise<void> {
    const { table, ...filters } = query;
    const { filename, body } = await this.reports.csv(actor, table as ExportTable, filters);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', attachmentDisposition(filename));
    response.send(body);
  }

  @Get('targets')
  @Roles('manager')
  targets(@CurrentActor() actor: Actor): Promise<TargetsView> {
    return this.reports.targets(actor);
  }

  /** The structure's weekly targets per activity type (null: no target). */
  @Put('targets')
  @Roles('manager')
  setTargets(@CurrentActor() actor: Actor, @Body() input: TargetsDto): Promise<TargetsView> {
    return this.reports.setTargets(actor, input);
  }

  /** One staff member's own weekly targets, or `{ "reset": true }` for the structure's. */
  @Put('targets/:userId')
  @Roles('manager')
  setStaffTargets(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() input: StaffTargetsDto,
  ): Promise<TargetsView> {
    return this.reports.setStaffTargets(actor, userId, input.reset ? null : input);
  }
}
