import { EntityManager } from 'typeorm';
import { frenchDay } from '../common/calendar/working-days';
import { addDays, mondayOf } from './period';
import { activityCounts } from './activity.queries';
import { ReportContext } from './report-context';
import { ActivityReport, ActivityTargets, ActivityWeek, REPORT_ACTIVITY_TYPES, ReportActivityType, StaffActivity } from './report-types';
import { staffWithTargets, structureTargets } from './targets.queries';

export const NO_TARGETS: ActivityTargets = { call: null, meeting: null, visit: null, event: null };

/** Keeps the four known keys, as integers or null, whatever the stored JSON holds. */
export function cleanTargets(stored: unknown): ActivityTargets | null {
  if (!stored || typeof stored !== 'object') return null;
  const values = stored as Record<string, unknown>;
  return Object.fromEntries(
    REPORT_ACTIVITY_TYPES.map((type) => [type, Number.isInteger(values[type]) ? (values[type] as number) : null]),
  ) as ActivityTargets;
}

function zeroCounts(): Record<ReportActivityType, number> {
  return { call: 0, meeting: 0, visit: 0, event: 0 };
}

function weekLabel(monday: string): string {
  return `semaine du ${frenchDay(monday)}`;
}

/**
 * Calls, meetings, visits and events per author and week (Monday to Sunday in Paris), with each
 * person's weekly targets. Read from the (structure, time) index that carries author and type.
 */
export async function activityReport(
  manager: EntityManager,
  context: ReportContext,
  asOf: string,
): Promise<ActivityReport> {
  const rows = await activityCounts(manager, context);
  const people = await staffWithTargets(manager, context.structureId);
  const defaults = cleanTargets(await structureTargets(manager, context.structureId)) ?? NO_TARGETS;

  const mondays: string[] = [];
  for (let monday = mondayOf(context.period.from); monday <= context.period.to; monday = addDays(monday, 7)) mondays.push(monday);
  const emptyWeeks = (): ActivityWeek[] =>
    mondays.map((week) => ({
      week,
      label: weekLabel(week),
      partial: week < context.period.from || addDays(week, 6) > context.period.to,
      counts: zeroCounts(),
    }));

  const byAuthor = new Map<string, StaffActivity>();
  const authorEntry = (authorId: string | null): StaffActivity => {
    const key = authorId ?? '';
    let entry = byAuthor.get(key);
    if (!entry) {
      const person = people.find((candidate) => candidate.id === authorId);
      entry = {
        staffId: authorId,
        name: person?.name ?? 'Compte supprimé',
        targets: cleanTargets(person?.targets) ?? defaults,
        weeks: emptyWeeks(),
        totals: zeroCounts(),
      };
      byAuthor.set(key, entry);
    }
    return entry;
  };
  // Everyone active appears, with or without activity: an empty week against a target shows too.
  for (const person of people) if (person.active) authorEntry(person.id);
  const team = { weeks: emptyWeeks(), totals: zeroCounts() };
  for (const row of rows) {
    const entry = authorEntry(row.author_id);
    const index = mondays.indexOf(row.week);
    if (index >= 0) {
      entry.weeks[index].counts[row.type] += row.count;
      team.weeks[index].counts[row.type] += row.count;
    }
    entry.totals[row.type] += row.count;
    team.totals[row.type] += row.count;
  }
  let staff = [...byAuthor.values()];
  if (context.staffId) staff = staff.filter((entry) => entry.staffId === context.staffId);
  return {
    period: { from: context.period.from, to: context.period.to, asOf },
    scope: context.scope,
    staff,
    team,
  };
}
