import { BadRequestException, Controller, Get, HttpException, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Repository } from 'typeorm';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { BusinessDay } from '../../common/calendar/business-day';
import { ENCOUNTER_KINDS, EncounterKind } from '../../encounters/encounter.entity';
import { EncountersService } from '../../encounters/encounters.service';
import { OutcomeRateQuery } from '../../encounters/dto/encounter.dto';
import { PitchScriptVersion } from '../../pitches/pitch-script-version.entity';
import { ActivityReport, FunnelReport, OutcomesReport } from '../../reports/report-types';
import { ReportsService } from '../../reports/reports.service';
import { Actor } from '../../tenancy/actor';
import { ScopedRepository } from '../../tenancy/scoped-repository';
import { UsersService } from '../../users/users.service';
import { Raw } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { drillView, encounterOutcomesCard, encounterOutcomesListView, encounterOutcomesPeriod } from './dashboard-drill.view';
import {
  DashboardFilters,
  drillQueryOf,
  FILTER_FIELDS,
  filterForm,
  filterQueryString,
  isReportRefusal,
  parseDashboardFilters,
  presetOf,
  PRESETS,
  reportRefusalFr,
  scriptOptions,
  staffOptions,
} from './dashboard.form';
import { csvHref, DASHBOARD_STYLES, dashboardView, linkWith, periodFr, reportView } from './dashboard.view';

const SCRIPTS = ['/static/vendor/chart.js/chart.umd.min.js', '/static/dashboard.js'];

function isManager(actor: Actor): boolean {
  return actor.role === 'manager' || actor.role === 'admin';
}

/**
 * The dashboard (/tableau-de-bord): the outreach funnel, activity against targets and outcomes,
 * the lists behind every number and the printable period report (the weekly targets are in
 * dashboard-targets.pages.ts). All figures come from ReportsService, which applies the access
 * rules (staff see their own figures and the team totals).
 */
@ApiExcludeController()
@Controller('tableau-de-bord')
export class DashboardPagesController {
  private readonly versions: ScopedRepository<PitchScriptVersion>;

  constructor(
    private readonly reports: ReportsService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly businessDay: BusinessDay,
    private readonly encounters: EncountersService,
    @InjectRepository(PitchScriptVersion) versionRepository: Repository<PitchScriptVersion>,
  ) {
    this.versions = new ScopedRepository(versionRepository, 'script_version');
  }

  // ---------------------------------------------------------------- the dashboard

  @Get()
  async dashboard(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const manager = isManager(actor);
    const filters = parseDashboardFilters(raw, this.businessDay.today(), manager);
    let figures: [FunnelReport, ActivityReport, OutcomesReport];
    try {
      figures = await Promise.all([
        this.reports.funnel(actor, filters.query),
        this.reports.activity(actor, filters.query),
        this.reports.outcomes(actor, filters.query),
      ]);
    } catch (error) {
      if (!isReportRefusal(error)) throw error;
      const refusal = reportRefusalFr(error, FILTER_FIELDS);
      return this.renderDashboard(actor, session, response, error.getStatus(), filters, null, refusal);
    }
    return this.renderDashboard(actor, session, response, 200, filters, figures, { errors: {}, alert: '' });
  }

  private async renderDashboard(
    actor: Actor,
    session: Session,
    response: Response,
    status: number,
    filters: DashboardFilters,
    figures: [FunnelReport, ActivityReport, OutcomesReport] | null,
    refusal: { errors: Record<string, string>; alert: string },
  ) {
    const manager = isManager(actor);
    const [staffChoices, scriptChoices] = await Promise.all([
      manager ? this.users.list(actor, { limit: 200, offset: 0 }).then((team) => staffOptions(team.items, filters.values.staffId)) : Promise.resolve([]),
      this.versions
        .find(actor, { order: { title: 'ASC', number: 'DESC' }, take: 300 })
        .then((versions) => scriptOptions(versions, filters.values.scriptVersionId)),
    ]);
    const form = filterForm(filters, refusal, staffChoices, scriptChoices);
    let view: Record<string, unknown> = {};
    if (figures) {
      const [funnel, activity, outcomes] = figures;
      const pressed = presetOf(funnel.period, this.businessDay.today());
      form.presets = PRESETS.map((preset) => ({ ...preset, pressed: preset.value === pressed }));
      // The form shows the period the figures are for (the default one too).
      form.values = { ...filters.values, from: funnel.period.from, to: funnel.period.to };
      view = dashboardView(funnel, activity, outcomes, filterQueryString(filters.query, funnel.period), this.businessDay.timeZone);
      view.encounters = await this.encounters
        .outcomes(actor, Object.assign(new OutcomeRateQuery(), { from: funnel.period.from, to: funnel.period.to }))
        .then(encounterOutcomesCard)
        // A period the encounters' rate refuses (over a year) leaves the card out, not the dashboard.
        .catch((error: unknown) => {
          if (error instanceof HttpException && error.getStatus() < 500) return null;
          throw error;
        });
    }
    const context = await this.pages.build(actor, session, '/tableau-de-bord', {
      title: 'Tableau de bord',
      styles: DASHBOARD_STYLES,
      scripts: SCRIPTS,
      isManager: manager,
      form,
      ...view,
    });
    return response.status(status).render('dashboard/dashboard', context);
  }

  // ---------------------------------------------------------------- the list behind a number

  @Get('liste')
  async list(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const filters = parseDashboardFilters(raw, this.businessDay.today(), true);
    const drill = drillQueryOf(raw, filters);
    const query = filterQueryString(filters.query, null);
    const backHref = linkWith('/tableau-de-bord', {}, query);
    let context: Record<string, unknown>;
    let status = 200;
    try {
      const list = await this.reports.drill(actor, drill.query);
      context = {
        title: list.title,
        list,
        view: drillView(list, this.businessDay.timeZone),
        period: filters.values.from && filters.values.to ? periodFr({ from: filters.values.from, to: filters.values.to }) : '',
        csvHref: csvHref('drill', query, drill.own),
      };
    } catch (error) {
      if (!isReportRefusal(error)) throw error;
      status = error.getStatus();
      const refusal = reportRefusalFr(error, []);
      context = { title: 'Liste introuvable', alert: refusal.alert };
    }
    const page = await this.pages.build(actor, session, '/tableau-de-bord', { ...context, styles: DASHBOARD_STYLES, backHref });
    return response.status(status).render('dashboard/list', page);
  }

  // ---------------------------------------------------------------- the people behind the encounters' outcome rate

  @Get('rencontres')
  async encounterOutcomes(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const filters = parseDashboardFilters(raw, this.businessDay.today(), true);
    const requested = typeof raw.kind === 'string' ? raw.kind : '';
    const kind = (ENCOUNTER_KINDS as readonly string[]).includes(requested) ? (requested as EncounterKind) : null;
    const backHref = linkWith('/tableau-de-bord', {}, filterQueryString(filters.query, null));
    let context: Record<string, unknown>;
    let status = 200;
    try {
      const period = encounterOutcomesPeriod(filters.values);
      if (!period) throw new BadRequestException('from and to must be days');
      const report = await this.encounters.outcomes(actor, Object.assign(new OutcomeRateQuery(), { ...period, kind: kind ?? undefined }));
      const view = encounterOutcomesListView(report, kind);
      context = { title: view.heading, view, period: periodFr({ from: report.from, to: report.to }) };
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      status = error.getStatus();
      context = { title: 'Liste introuvable', alert: 'Choisissez une période valide (un an au plus) depuis le tableau de bord.' };
    }
    const page = await this.pages.build(actor, session, '/tableau-de-bord', { ...context, styles: DASHBOARD_STYLES, backHref });
    return response.status(status).render('dashboard/encounters', page);
  }

  // ---------------------------------------------------------------- the printable period report

  @Get('rapport')
  async report(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const filters = parseDashboardFilters(raw, this.businessDay.today(), isManager(actor));
    let context: Record<string, unknown>;
    let status = 200;
    try {
      const [funnel, activity, outcomes] = await Promise.all([
        this.reports.funnel(actor, filters.query),
        this.reports.activity(actor, filters.query),
        this.reports.outcomes(actor, filters.query),
      ]);
      const dashboardHref = linkWith('/tableau-de-bord', {}, filterQueryString(filters.query, funnel.period));
      context = reportView(funnel, activity, outcomes, dashboardHref, this.businessDay.timeZone);
    } catch (error) {
      if (!isReportRefusal(error)) throw error;
      status = error.getStatus();
      context = { alert: reportRefusalFr(error, []).alert, dashboardHref: '/tableau-de-bord' };
    }
    const page = await this.pages.build(actor, session, '/tableau-de-bord', {
      title: 'Rapport de période',
      styles: DASHBOARD_STYLES,
      scripts: ['/static/dashboard.js'],
      ...context,
    });
    return response.status(status).render('dashboard/report', page);
  }
}
