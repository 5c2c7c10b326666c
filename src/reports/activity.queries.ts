import { EntityManager } from 'typeorm';
import { periodBounds, ReportContext } from './report-context';
import { ReportActivityType } from './report-types';
import { SqlParams } from './sql-params';

/** The activity report's SQL, in the context's structure. */

export interface ActivityCountRow {
  author_id: string | null;
  week: string;
  type: ReportActivityType;
  count: number;
}

/**
 * Calls, meetings, visits and events of the period per author and week (Monday to Sunday in the
 * context's time zone). Read from the (structure, time) index that carries author and type.
 */
export async function activityCounts(manager: EntityManager, context: ReportContext): Promise<ActivityCountRow[]> {
  const params = new SqlParams();
  const { start, end } = periodBounds(context, params);
  return manager.query(
    `SELECT a.author_id, to_char(date_trunc('week', a.occurred_at AT TIME ZONE ${params.add(context.timeZone)}), 'YYYY-MM-DD') AS week,
            a.type, count(*)::int AS count
       FROM activity a
      WHERE a.structure_id = ${params.add(context.structureId)} AND a.occurred_at >= ${start} AND a.occurred_at < ${end}
        AND a.type IN ('call', 'meeting', 'visit', 'event')
      GROUP BY 1, 2, 3`,
    params.values,
  );
}
