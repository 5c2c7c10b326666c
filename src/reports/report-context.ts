import { Period } from './period';
import { SqlParams } from './sql-params';
import { DrillQueryDto } from './dto/report-query.dto';

/** A validated report request: who asks, for which period, narrowed how. */
export interface ReportContext {
  structureId: string;
  userId: string;
  scope: 'structure' | 'own';
  /** The staff member the figures are for (forced to themselves for staff); null: everyone. */
  staffId: string | null;
  query: DrillQueryDto;
  period: Period;
  timeZone: string;
  asOf: Date;
}

/** `56`, `561`, `56.1`, `56.10a` → `56`, `56.1`, `56.1`, `56.10A`: how company NAF codes are stored. */
export function nafPrefix(input: string): string {
  const compact = input.replace(/[\s.]/g, '').toUpperCase();
  return compact.length > 2 ? `${compact.slice(0, 2)}.${compact.slice(2)}` : compact;
}

/** `[start, end)` instants of the period's Paris days, as SQL expressions. */
export function periodBounds(context: ReportContext, params: SqlParams): { start: string; end: string } {
  const zone = params.add(context.timeZone);
  return {
    start: `(${params.add(context.period.from)}::date::timestamp AT TIME ZONE ${zone})`,
    end: `((${params.add(context.period.to)}::date + 1)::timestamp AT TIME ZONE ${zone})`,
  };
}
