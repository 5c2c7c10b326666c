import { Body, Controller, Get, HttpException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Repository } from 'typeorm';
import { CurrentActor, CurrentSession, Roles } from '../auth/auth.decorators';
import { Session } from '../auth/session.entity';
import { BusinessDay } from '../common/business-day';
import { ValidationFailedException } from '../common/validation';
import { PitchScriptVersion } from '../pitches/pitch-script-version.entity';
import { ActivityReport, DrillQuery, FunnelReport, OutcomesReport, REPORT_ACTIVITY_TYPES, ReportActivityType, TargetsView } from '../reports/report-types';
import { ReportsService } from '../reports/reports.service';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { UsersService } from '../users/users.service';
import {
  ACTIVITY_TYPE_LABELS,
  activityView,
  asOfFr,
  chartData,
  csvHref,
  DashboardFilters,
  drillView,
  embeddedJson,
  FILTER_FIELDS,
  filterQueryString,
  funnelView,
  isReportRefusal,
  linkWith,
  outcomesView,
  parseDashboardFilters,
  parseTargets,
  periodFr,
  presetOf,
  PRESETS,
  reportFieldMessageFr,
  reportRefusalFr,
  sourceOptions,
  staffTableView,
  targetValues,
  trendView,
} from './dashboard-view-helpers';
import { option, Raw, text } from './kit/forms';
import { PageContext } from './kit/page-context';
import { ParseIdPipe } from '../common/parse-id.pipe';

const STYLES = ['/static/company.css', '/static/leads.css', '/static/dashboard.css'];
const SCRIPTS = ['/static/vendor/chart.js/chart.umd.min.js', '/static/dashboard.js'];

/** Parameters of a drill-down list besides the shared filters. */
const DRILL_FIELDS = ['metric', 'bucket', 'week', 'contractType', 'category', 'party', 'kind'] as const;

const TARGET_NOTICES: Record<string, string> = {
  defauts: 'Les objectifs par défaut ont été enregistrés.',
  personne: 'Les objectifs de la personne ont été enregistrés.',
  reinitialise: 'La personne suit de nouveau les objectifs par défaut.',
};

interface TargetsFormState {
  notice?: string;
  alert?: string;
  /** The refused form: 'defaults' or a user id, with what was typed and the French problems. */
  refused?: { who: string; values: Record<ReportActivityType, string>; errors: Record<string, string> };
}

function isManager(actor: Actor): boolean {
  return actor.role === 'manager' || actor.role === 'admin';
}

/**
 * The dashboard (/tableau-de-bord): the outreach funnel, activity against targets and outcomes,
 * the lists behind every number, the printable period report and the weekly targets. All figures
 * come from ReportsService, which applies the access rules (staff see their own figures and the
 * team totals).
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
    const today = this.businessDay.today();
    const [staffOptions, scriptOptions] = await Promise.all([
      manager ? this.staffOptions(actor, filters.values.staffId) : Promise.resolve([]),
      this.scriptOptions(actor, filters.values.scriptVersionId),
    ]);
    const form = {
      values: filters.values,
      errors: refusal.errors,
      alert: refusal.alert,
      staffOptions,
      scriptOptions,
      sourceOptions: sourceOptions(filters.values.source),
      intervalOptions: [option('', 'Automatique', filters.values.interval), option('week', 'Par semaine', filters.values.interval), option('month', 'Par mois', filters.values.interval)],
      presets: PRESETS.map((preset) => ({ ...preset, pressed: false })),
      active: FILTER_FIELDS.some((field) => filters.values[field] !== ''),
    };
    let view: Record<string, unknown> = {};
    if (figures) {
      const [funnel, activity, outcomes] = figures;
      const query = filterQueryString(filters.query, funnel.period);
      const own = funnel.scope === 'own';
      const showTeam = own || funnel.filters.staffId !== null;
      const linker = { filters: query, teamLinks: !own };
      const pressed = presetOf(funnel.period, today);
      form.presets = PRESETS.map((preset) => ({ ...preset, pressed: preset.value === pressed }));
      // The form shows the period the figures are for (the default one too).
      form.values = { ...filters.values, from: funnel.period.from, to: funnel.period.to };
      const staffName = funnel.byStaff.find((row) => row.staffId === funnel.filters.staffId)?.name ?? '';
      view = {
        figures: true,
        own,
        showTeam,
        scopeLabel: own ? 'Mes chiffres' : funnel.filters.staffId ? `Chiffres de ${staffName}` : 'Toute la structure',
        teamLabel: 'Équipe',
        period: { text: periodFr(funnel.period), asOf: asOfFr(funnel.period.asOf, this.businessDay.timeZone) },
        funnel: funnelView(funnel, linker, showTeam),
        staffTable: staffTableView(funnel, linker),
        trend: trendView(funnel, linker),
        activity: activityView(activity, linker),
        outcomes: outcomesView(outcomes, linker, showTeam),
        chartJson: embeddedJson(chartData(funnel, activity)),
        csv: Object.fromEntries(
          ['funnel', 'funnel_staff', 'funnel_trend', 'activity', 'placements', 'retention', 'exits', 'lead_time', 'check_ins', 'alerts'].map((table) => [
            table,
            csvHref(table, query),
          ]),
        ),
        reportHref: linkWith('/tableau-de-bord/rapport', {}, query),
      };
    }
    const context = await this.pages.build(actor, session, '/tableau-de-bord', {
      title: 'Tableau de bord',
      styles: STYLES,
      scripts: SCRIPTS,
      isManager: manager,
      form,
      ...view,
    });
    return response.status(status).render('dashboard', context);
  }

  // ---------------------------------------------------------------- the list behind a number

  @Get('liste')
  async list(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const filters = parseDashboardFilters(raw, this.businessDay.today(), true);
    const drillQuery: DrillQuery = { ...filters.query, metric: text(raw.metric) };
    for (const field of DRILL_FIELDS) {
      const value = text(raw[field]);
      if (value) (drillQuery as unknown as Record<string, string>)[field] = value;
    }
    const own = Object.fromEntries(DRILL_FIELDS.map((field) => [field, text(raw[field])]));
    const query = filterQueryString(filters.query, null);
    const backHref = linkWith('/tableau-de-bord', {}, query);
    let context: Record<string, unknown>;
    let status = 200;
    try {
      const list = await this.reports.drill(actor, drillQuery);
      context = {
        title: list.title,
        list,
        view: drillView(list, this.businessDay.timeZone),
        period: filters.values.from && filters.values.to ? periodFr({ from: filters.values.from, to: filters.values.to }) : '',
        csvHref: csvHref('drill', query, own),
      };
    } catch (error) {
      if (!isReportRefusal(error)) throw error;
      status = error.getStatus();
      const refusal = reportRefusalFr(error, []);
      context = { title: 'Liste introuvable', alert: refusal.alert };
    }
    const page = await this.pages.build(actor, session, '/tableau-de-bord', { ...context, styles: STYLES, backHref });
    return response.status(status).render('dashboard-list', page);
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
      const own = funnel.scope === 'own';
      const showTeam = own || funnel.filters.staffId !== null;
      const noLinks = { filters: null, teamLinks: false };
      const staffName = funnel.byStaff.find((row) => row.staffId === funnel.filters.staffId)?.name ?? '';
      context = {
        figures: true,
        own,
        showTeam,
        scopeLabel: own ? 'Mes chiffres' : funnel.filters.staffId ? `Chiffres de ${staffName}` : 'Toute la structure',
        period: { text: periodFr(funnel.period), from: funnel.period.from, to: funnel.period.to, asOf: asOfFr(funnel.period.asOf, this.businessDay.timeZone) },
        funnel: funnelView(funnel, noLinks, showTeam),
        activity: activityView(activity, noLinks),
        outcomes: outcomesView(outcomes, noLinks, showTeam),
        filtersText: this.filtersText(funnel),
        dashboardHref: linkWith('/tableau-de-bord', {}, filterQueryString(filters.query, funnel.period)),
      };
    } catch (error) {
      if (!isReportRefusal(error)) throw error;
      status = error.getStatus();
      context = { alert: reportRefusalFr(error, []).alert, dashboardHref: '/tableau-de-bord' };
    }
    const page = await this.pages.build(actor, session, '/tableau-de-bord', {
      title: 'Rapport de période',
      styles: STYLES,
      scripts: ['/static/dashboard.js'],
      ...context,
    });
    return response.status(status).render('dashboard-report', page);
  }

  /** The filters in use besides the period, in words (a report names what it counts). */
  private filtersText(funnel: FunnelReport): string[] {
    const filters = funnel.filters;
    const words: string[] = [];
    if (funnel.scope === 'structure' && filters.staffId) {
      words.push(`Chargé·e : ${funnel.byStaff.find((row) => row.staffId === filters.staffId)?.name ?? ''}`);
    }
    if (filters.naf) words.push(`Secteur (NAF) : ${filters.naf}`);
    if (filters.territory) words.push(`Territoire : ${filters.territory}`);
    if (filters.source) words.push(`Origine : ${sourceOptions(filters.source).find((entry) => entry.selected)?.label ?? filters.source}`);
    if (filters.scriptVersionId) words.push('Une version d’argumentaire');
    return words;
  }

  // ---------------------------------------------------------------- weekly targets

  @Get('objectifs')
  @Roles('manager')
  async targetsPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query('ok') ok: unknown, @Res() response: Response) {
    return this.renderTargets(actor, session, response, 200, { notice: typeof ok === 'string' ? TARGET_NOTICES[ok] : undefined });
  }

  @Post('objectifs')
  @Roles('manager')
  async saveDefaults(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    const parsed = parseTargets(form);
    try {
      if (Object.keys(parsed.errors).length) throw new ValidationFailedException([]);
      await this.reports.setTargets(actor, parsed.targets);
      return response.redirect(303, '/tableau-de-bord/objectifs?ok=defauts');
    } catch (error) {
      if (!isReportRefusal(error)) throw error;
      return this.renderTargets(actor, session, response, error.getStatus(), this.targetsRefusal(error, 'defaults', parsed));
    }
  }

  @Post('objectifs/:userId')
  @Roles('manager')
  async saveStaffTargets(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    if (text(form.reset) === 'true') {
      await this.reports.setStaffTargets(actor, userId, null);
      return response.redirect(303, `/tableau-de-bord/objectifs?ok=reinitialise#objectifs-${userId}`);
    }
    const parsed = parseTargets(form);
    try {
      if (Object.keys(parsed.errors).length) throw new ValidationFailedException([]);
      await this.reports.setStaffTargets(actor, userId, parsed.targets);
      return response.redirect(303, `/tableau-de-bord/objectifs?ok=personne#objectifs-${userId}`);
    } catch (error) {
      if (!isReportRefusal(error)) throw error;
      return this.renderTargets(actor, session, response, error.getStatus(), this.targetsRefusal(error, userId, parsed));
    }
  }

  private targetsRefusal(error: HttpException, who: string, parsed: ReturnType<typeof parseTargets>): TargetsFormState {
    const errors = { ...parsed.errors };
    if (error instanceof ValidationFailedException) {
      for (const problem of error.problems) errors[problem.field] ??= reportFieldMessageFr(problem);
    }
    return {
      alert: 'Les objectifs n’ont pas été enregistrés : voir les messages à côté des champs.',
      refused: { who, values: parsed.values, errors },
    };
  }

  private async renderTargets(actor: Actor, session: Session, response: Response, status: number, state: TargetsFormState) {
    const view: TargetsView = await this.reports.targets(actor);
    const fields = (who: string, current: Record<ReportActivityType, string>, name: string) => {
      const refused = state.refused?.who === who ? state.refused : null;
      return REPORT_ACTIVITY_TYPES.map((type) => ({
        type,
        label: ACTIVITY_TYPE_LABELS[type],
        accessibleLabel: `${ACTIVITY_TYPE_LABELS[type]} par semaine – ${name}`,
        value: refused ? refused.values[type] : current[type],
        error: refused?.errors[type] ?? '',
      }));
    };
    const context = await this.pages.build(actor, session, '/tableau-de-bord', {
      title: 'Objectifs d’activité',
      styles: STYLES,
      notice: state.notice,
      alert: state.alert,
      types: REPORT_ACTIVITY_TYPES.map((type) => ACTIVITY_TYPE_LABELS[type]),
      defaults: fields('defaults', targetValues(view.defaults), 'par défaut'),
      staff: view.staff.map((member) => ({
        ...member,
        formId: `objectifs-${member.userId}`,
        fields: fields(member.userId, targetValues(member.targets), member.name),
      })),
    });
    return response.status(status).render('dashboard-targets', context);
  }

  // ---------------------------------------------------------------- filter choices

  private async staffOptions(actor: Actor, selected: string) {
    const team = await this.users.list(actor, { limit: 200, offset: 0 });
    return [
      option('', 'Toute l’équipe', selected),
      ...team.items
        .filter((user) => user.active || user.id === selected)
        .map((user) => option(user.id, `${user.firstName} ${user.lastName}${user.active ? '' : ' (compte désactivé)'}`, selected)),
    ];
  }

  private async scriptOptions(actor: Actor, selected: string) {
    const versions = await this.versions.find(actor, { order: { title: 'ASC', number: 'DESC' }, take: 300 });
    return [
      option('', 'Toutes les versions', selected),
      ...versions.map((version) => option(version.id, `${version.title} — version ${version.number}`, selected)),
    ];
  }
}
