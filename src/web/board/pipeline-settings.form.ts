import { FieldProblem, ValidationFailedException } from '../../common/validation';
import { CADENCE_TRIGGER_LABELS, CADENCE_TRIGGERS, CADENCE_UNITS, CadenceUnit, NEXT_ACTION_TYPES, NextActionType } from '../../prospection/cadence';
import { CreateStageDto } from '../../prospection/dto/stage.dto';
import { PROSPECTION } from '../../refusals/index';
import { because } from '../../refusals/refused';
import { Raw, text } from '../kit/forms';

export interface CadenceFormRow {
  index: number;
  trigger: (typeof CADENCE_TRIGGERS)[number];
  label: string;
  actionType: string;
  amount: string;
  unit: string;
  /** What is wrong with the row, if anything (English for the logs, the code for the page). */
  problem?: Omit<FieldProblem, 'field'>;
}

const STAGE_NAME_MAX = 80;
const CADENCE_MAX_DELAY = 365;

export function stageName(value: unknown): string {
  const name = text(value);
  if (!name) throw new ValidationFailedException([{ field: 'name', message: 'name is required', ...because(PROSPECTION.stageNameRequired) }]);
  if (name.length > STAGE_NAME_MAX) {
    throw new ValidationFailedException([
      { field: 'name', message: `name must be at most ${STAGE_NAME_MAX} characters`, ...because(PROSPECTION.stageNameTooLong, { max: STAGE_NAME_MAX }) },
    ]);
  }
  return name;
}

/** Empty means "never stalled". */
export function stalledDays(value: unknown): number | null {
  const raw = text(value);
  if (!raw) return null;
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > 3650) {
    throw new ValidationFailedException([
      { field: 'stalledAfterDays', message: 'stalledAfterDays must be a whole number of days between 1 and 3650', ...because(PROSPECTION.stalledAfterDaysInvalid) },
    ]);
  }
  return days;
}

/** The stage form (name, days before « au point mort ») as the stages service takes it; throws the 400 otherwise. */
export function stageInput(form: Raw): CreateStageDto {
  return { name: stageName(form.name), stalledAfterDays: stalledDays(form.stalledAfterDays) };
}

/** The cadence table of the settings form: `rules[i][actionType|amount|unit]`, one row per trigger. */
export function cadenceFormRows(form: Raw): CadenceFormRow[] {
  const posted = (form.rules ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return CADENCE_TRIGGERS.map((trigger, index) => {
    const row = posted[String(index)] ?? {};
    const actionType = text(row.actionType);
    const amount = text(row.amount);
    const unit = text(row.unit);
    const label = CADENCE_TRIGGER_LABELS[trigger];
    let problem: CadenceFormRow['problem'];
    if (actionType && !(NEXT_ACTION_TYPES as readonly string[]).includes(actionType)) {
      problem = { message: `${trigger}: unknown action type`, ...because(PROSPECTION.cadenceActionUnknown, { label }) };
    } else if (actionType && (!/^\d+$/.test(amount) || Number(amount) > CADENCE_MAX_DELAY)) {
      problem = {
        message: `${trigger}: the delay must be a whole number between 0 and ${CADENCE_MAX_DELAY}`,
        ...because(PROSPECTION.cadenceDelayInvalid, { label, max: CADENCE_MAX_DELAY }),
      };
    } else if (actionType && !(CADENCE_UNITS as readonly string[]).includes(unit)) {
      problem = { message: `${trigger}: unknown unit`, ...because(PROSPECTION.cadenceUnitUnknown, { label }) };
    }
    return { index, trigger, label, actionType, amount, unit: unit || 'days', problem };
  });
}

/** The cadence rules of the posted rows (a row without an action type has no rule); throws the 400 naming the rows refused. */
export function cadenceRules(rows: CadenceFormRow[]) {
  const problems = rows.flatMap((row) => (row.problem ? [{ field: `rules[${row.index}]`, ...row.problem }] : []));
  if (problems.length) throw new ValidationFailedException(problems);
  return rows.flatMap((row) =>
    row.actionType ? [{ trigger: row.trigger, actionType: row.actionType as NextActionType, amount: Number(row.amount), unit: row.unit as CadenceUnit }] : [],
  );
}
