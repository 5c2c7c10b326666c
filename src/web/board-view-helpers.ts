import hbs from 'hbs';
import { CADENCE_TRIGGER_LABELS, CadenceTrigger, CadenceUnit, NEXT_ACTION_LABELS, NextActionType } from '../prospection/cadence';

let registered = false;

export const CADENCE_UNIT_LABELS: Record<CadenceUnit, string> = {
  working_days: 'jours ouvrés',
  days: 'jours',
  months: 'mois',
};

/** 'YYYY-MM-DD' (a calendar day, no time zone) as 'dd/mm/yyyy'; anything else as '—'. */
export function dayFr(value: unknown): string {
  if (typeof value !== 'string') return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '—';
}

export function nextActionLabel(type: unknown): string {
  return typeof type === 'string' && type in NEXT_ACTION_LABELS ? NEXT_ACTION_LABELS[type as NextActionType] : 'Action';
}

/** Helpers of the board, follow-up and pipeline settings pages; registered once per process. */
export function registerBoardViewHelpers(): void {
  if (registered) return;
  registered = true;
  hbs.registerHelper('dayFr', (value: unknown) => dayFr(value));
  hbs.registerHelper('nextActionLabel', (type: unknown) => nextActionLabel(type));
  hbs.registerHelper('cadenceTriggerLabel', (trigger: unknown) =>
    typeof trigger === 'string' && trigger in CADENCE_TRIGGER_LABELS ? CADENCE_TRIGGER_LABELS[trigger as CadenceTrigger] : String(trigger),
  );
  hbs.registerHelper('cadenceUnitLabel', (unit: unknown) =>
    typeof unit === 'string' && unit in CADENCE_UNIT_LABELS ? CADENCE_UNIT_LABELS[unit as CadenceUnit] : String(unit),
  );
  /** "1 entreprise" / "3 entreprises" (French: 0 and 1 are singular). */
  hbs.registerHelper('plural', (count: unknown, singular: string, plural: string) =>
    `${Number(count)} ${Number(count) <= 1 ? singular : plural}`,
  );
}
