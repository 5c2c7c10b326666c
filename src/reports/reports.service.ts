import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessDay } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/validation';
import { Actor } from '../tenancy/actor';
import { activityReport, cleanTargets, NO_TARGETS } from './activity-report';
import { drill } from './drill';
import { checkedQuery } from './dto/report-query.dto';
import { countsOf, funnelFigures, funnelSteps, staffMedians } from './funnel-report';
import { outcomesFor } from './outcomes-report';
import { resolvePeriod } from './period';
import { ReportContext } from './report-context';
import { activeStaffTargets, isStaffOf, setStaffTargets, setStructureTargets, staffNamesOf, structureTargets } from './targets.queries';
import {
  activityCsv,
  drillCsv,
  funnelCsv,
  funnelStaffCsv,
  funnelTrendCsv,
  outcomesCsv,
} from './report-csv';
import {
  ActivityReport,
  ActivityTargets,
  DrillList,
  DrillQuery,
  ExportTable,
  FunnelReport,
  OutcomesReport,
  ReportQuery,
  TargetsView,
} from './report-types';
import { AUTH, RECORD, REPORT } from '../refusals/index';
import { because, ForbiddenRefusal, NotFoundRefusal } from '../refusals/refused';

/** What each exported table is called in its file name (French, as the people who open it). */
const CSV_NAMES: Record<ExportTable, string> = {
  funnel: 'entonnoir',
  funnel_staff: 'entonnoir-par-personne',
  funnel_trend: 'entonnoir-évolution',
  activity: 'activité',
  placements: 'placements',
  retention: 'maintien-en-emploi',
  exits: 'sorties',
  lead_time: 'délai-de-proposition',
  check_ins: 'questionnaires-de-suivi',
  alerts: 'alertes',
  drill: 'liste',
};

/** A list's French title as a file name: « Sorties : Emploi durable » → `sorties-emploi-durable`. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * The managers' reports (docs/reports.md): the outreach funnel, activity volume, outcomes, the
 * lists behind every number and their CSV. Staff see their own figures and the team's totals.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDay: BusinessDay,
    private readonly clock: Clock,
  ) {}

  /** Validates the query (a 400 names the field), applies the access rules and resolves the period. */
  async context(actor: Actor, raw: ReportQuery | DrillQuery | object): Promise<ReportContext> {
    const query = checkedQuery(raw);
    const period = resolvePeriod(query, this.businessDay.today());
    let staffId: string | null = query.staffId ?? null;
    const scope = actor.role === 'staff' ? 'own' : 'structure';
    if (scope === 'own') {
      if (staffId && staffId !== actor.userId) {
        throw new ForbiddenRefusal(because(AUTH.ownFiguresOnly), 'staffId: staff members see only their own figures and the team totals', 'staffId');
      }
      staffId = actor.userId;
    } else if (staffId) {
      const member = await isStaffOf(this.dataSource.manager, actor.structureId, staffId);
      if (!member) throw new ValidationFailedException([{ field: 'staffId', message: 'staffId must be a member of your structure', ...because(REPORT.staffInvalid) }]);
    }
    return {
      structureId: actor.structureId,
      userId: actor.userId,
      scope,
      staffId,
      query,
      period,
      timeZone: this.businessDay.timeZone,
      asOf: this.clock.now(),
    };
  }

  private periodOf(context: ReportContext) {
    return { from: context.period.from, to: context.period.to, asOf: context.asOf.toISOString() };
  }

  async funnel(actor: Actor, raw: ReportQuery | object): Promise<FunnelReport> {
    return this.funnelFor(await this.context(actor, raw));
  }

  private async funnelFor(context: ReportContext): Promise<FunnelReport> {
    const figures = await funnelFigures(this.dataSource.manager, context);
    const names = await this.staffNames(context.structureId);
    const byStaff = [...figures.counts.keys()]
      .filter((key) => key !== '*')
      .filter((key) => !context.staffId || key === context.staffId)
      .map((key) => ({ staffId: key || null, name: key ? (names.get(key) ?? 'Compte supprimé') : 'Sans auteur', counts: figures.counts.get(key)! }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    if (context.staffId && !byStaff.length) {
      byStaff.push({ staffId: context.staffId, name: names.get(context.staffId) ?? '', counts: countsOf(figures, context.staffId) });
    }
    const query = context.query;
    return {
      period: this.periodOf(context),
      filters: {
        staffId: context.staffId,
        naf: query.naf ?? null,
        territory: query.territory ?? null,
        source: query.source ?? null,
        scriptVersionId: query.scriptVersionId ?? null,
      },
      scope: context.scope,
      steps: funnelSteps(countsOf(figures, context.staffId), staffMedians(figures, context.staffId)),
      byStaff,
      team: countsOf(figures, null),
      trend: { interval: context.period.interval, buckets: figures.trend },
    };
  }

  async activity(actor: Actor, raw: ReportQuery | object): Promise<ActivityReport> {
    const context = await this.context(actor, raw);
    return activityReport(this.dataSource.manager, context, context.asOf.toISOString());
  }

  async outcomes(actor: Actor, raw: ReportQuery | object): Promise<OutcomesReport> {
    return this.outcomesFor(await this.context(actor, raw));
  }

  private async outcomesFor(context: ReportContext): Promise<OutcomesReport> {
    const manager = this.dataSource.manager;
    const [own, team] = await Promise.all([
      outcomesFor(manager, context, context.staffId),
      context.staffId ? outcomesFor(manager, context, null) : null,
    ]);
    return { ...own, period: this.periodOf(context), scope: context.scope, staffId: context.staffId, team: team ?? own };
  }

  async drill(actor: Actor, raw: DrillQuery | object): Promise<DrillList> {
    return drill(this.dataSource.manager, await this.context(actor, raw));
  }

  /**
   * One table of the reports as CSV (UTF-8 with BOM, `;`), built from the same answer as the JSON,
   * with its French file name: what it holds and the period, `entonnoir-2026-01-01-au-2026-12-31.csv`.
   */
  async csv(actor: Actor, table: ExportTable, raw: DrillQuery | object): Promise<{ filename: string; body: string }> {
    const context = await this.context(actor, raw);
    const named = (name: string, body: string) => ({ filename: `${name}-${context.period.from}-au-${context.period.to}.csv`, body });
    switch (table) {
      case 'funnel':
        return named(CSV_NAMES.funnel, funnelCsv(await this.funnelFor(context)));
      case 'funnel_staff':
        return named(CSV_NAMES.funnel_staff, funnelStaffCsv(await this.funnelFor(context)));
      case 'funnel_trend':
        return named(CSV_NAMES.funnel_trend, funnelTrendCsv(await this.funnelFor(context)));
      case 'activity':
        return named(CSV_NAMES.activity, activityCsv(await activityReport(this.dataSource.manager, context, context.asOf.toISOString())));
      case 'drill': {
        const list = await drill(this.dataSource.manager, context);
        return named(`liste-${slug(list.title)}`, drillCsv(list, context.timeZone));
      }
      default:
        return named(CSV_NAMES[table], outcomesCsv(await this.outcomesFor(context), table));
    }
  }

  async targets(actor: Actor): Promise<TargetsView> {
    const defaults = cleanTargets(await structureTargets(this.dataSource.manager, actor.structureId)) ?? NO_TARGETS;
    const people = await activeStaffTargets(this.dataSource.manager, actor.structureId);
    return {
      defaults,
      staff: people.map((person) => {
        const own = cleanTargets(person.targets);
        return { userId: person.id, name: person.name, overridden: own !== null, targets: own ?? defaults };
      }),
    };
  }

  async setTargets(actor: Actor, targets: ActivityTargets): Promise<TargetsView> {
    await setStructureTargets(this.dataSource.manager, actor.structureId, JSON.stringify(cleanTargets(targets)));
    return this.targets(actor);
  }

  /** A staff member's own weekly targets; null goes back to the structure's defaults. */
  async setStaffTargets(actor: Actor, userId: string, targets: ActivityTargets | null): Promise<TargetsView> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'user' }), 'No such staff member');
    const updated = await setStaffTargets(this.dataSource.manager, actor.structureId, userId, targets ? JSON.stringify(cleanTargets(targets)) : null);
    if (!updated) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'user' }), 'No such staff member');
    return this.targets(actor);
  }

  private async staffNames(structureId: string): Promise<Map<string, string>> {
    return staffNamesOf(this.dataSource.manager, structureId);
  }
}
