import { EntityManager } from 'typeorm';
import { ValidationFailedException } from '../common/validation';
import { drillRows } from './drill.queries';
import { ReportContext } from './report-context';
import { DrillList, DrillRow } from './report-types';
import { REPORT } from '../refusals/index';
import { because } from '../refusals/refused';

/** The rows behind one number of the reports (docs/reports.md, "Lists behind the numbers"). */
export async function drill(manager: EntityManager, context: ReportContext): Promise<DrillList> {
  const metric = context.query.metric;
  if (!metric) throw new ValidationFailedException([{ field: 'metric', message: 'metric is required', ...because(REPORT.metricInvalid) }]);
  const built = await drillRows(manager, context, metric);
  const rows = built.rows;
  const total = rows.length ? Number(rows[0].total) : 0;
  return {
    metric,
    kind: built.kind,
    title: built.title,
    total,
    rows: rows.map(({ total: _total, ...row }) => {
      const clean: DrillRow = { id: String(row.id), label: String(row.label), href: String(row.href) };
      for (const [key, value] of Object.entries(row)) {
        if (key === 'id' || key === 'label' || key === 'href') continue;
        clean[key] = value instanceof Date ? value.toISOString() : (value as string | number | boolean | null);
      }
      return clean;
    }),
  };
}
