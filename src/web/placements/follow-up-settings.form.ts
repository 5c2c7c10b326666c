import { CheckInParty } from '../../checkins/check-in.entity';
import { parseOffset } from '../../checkins/check-in-plan';
import { AlertRecipients, canonicalStep, PlanStep } from '../../checkins/follow-up-settings';
import { FollowUpSettings, FollowUpSettingsInput } from '../../checkins/follow-up-settings.service';
import { FieldProblem } from '../../common/validation';
import { CHECKIN } from '../../refusals/index';
import { because } from '../../refusals/refused';
import { Raw, text } from '../kit/forms';

export const UNITS = ['day', 'week', 'month'] as const;
type Unit = (typeof UNITS)[number];
export const UNIT_LABELS: Record<Unit, string> = { day: 'jours', week: 'semaines', month: 'mois' };

/** Blank rows under the plan, to add steps without JavaScript. */
export const BLANK_ROWS = 2;
/** The most rows a post is read for (the plan keeps 20 steps at most). */
const MAX_ROWS = 30;

/** One row of the plan's table as the page shows it (and shows it again after a refusal). */
export interface StepRow {
  index: number;
  count: string;
  unit: string;
  employee: boolean;
  employer: boolean;
  remove: boolean;
  error?: string;
}

/** The settings as the form shows them: the plan's rows then blank ones. */
export function settingsRows(steps: readonly PlanStep[]): StepRow[] {
  const rows = steps.map((step, index): StepRow => {
    const { count, unit } = parseOffset(step.step);
    return { index, count: String(count), unit, employee: step.parties.includes('employee'), employer: step.parties.includes('employer'), remove: false };
  });
  return [...rows, ...blankRows(rows.length)];
}

function blankRows(from: number): StepRow[] {
  return Array.from({ length: BLANK_ROWS }, (_, offset) => ({ index: from + offset, count: '', unit: 'month', employee: true, employer: true, remove: false }));
}

export interface PostedSettings {
  rows: StepRow[];
  values: { noAnswerDays: string; proposalTargetDays: string; alertRecipients: string };
  /** What to save, when every row reads; `problems` otherwise (each names its row's input). */
  input: FollowUpSettingsInput | null;
  problems: FieldProblem[];
}

/**
 * Reads the settings form: rows `count_<i>`, `unit_<i>`, `employee_<i>`, `employer_<i>`, `remove_<i>`
 * (a row left blank or ticked « Retirer » is no step), and the three numbers and the recipients.
 */
export function postedSettings(raw: Raw): PostedSettings {
  const rowCount = Math.min(MAX_ROWS, Math.max(0, Number.parseInt(text(raw.rows), 10) || 0));
  const rows: StepRow[] = [];
  const steps: Array<PlanStep & { field: string }> = [];
  const problems: FieldProblem[] = [];
  for (let index = 0; index < rowCount; index += 1) {
    const row: StepRow = {
      index,
      count: text(raw[`count_${index}`]).trim(),
      unit: text(raw[`unit_${index}`]),
      employee: text(raw[`employee_${index}`]) === 'on',
      employer: text(raw[`employer_${index}`]) === 'on',
      remove: text(raw[`remove_${index}`]) === 'on',
    };
    rows.push(row);
    if (row.remove || row.count === '') continue;
    const field = `count_${index}`;
    const count = /^\d{1,3}$/.test(row.count) ? Number(row.count) : NaN;
    if (!(count >= 1) || !(UNITS as readonly string[]).includes(row.unit)) {
      problems.push({ field, message: 'a step is a whole number of days, weeks or months', ...because(CHECKIN.offsetInvalid, { field }) });
      continue;
    }
    const parties: CheckInParty[] = [...(row.employee ? (['employee'] as const) : []), ...(row.employer ? (['employer'] as const) : [])];
    steps.push({ step: canonicalStep(count, row.unit as Unit), parties, field });
  }
  const values = { noAnswerDays: text(raw.noAnswerDays).trim(), proposalTargetDays: text(raw.proposalTargetDays).trim(), alertRecipients: text(raw.alertRecipients) };
  const whole = (value: string) => (/^\d{1,4}$/.test(value) ? Number(value) : NaN);
  return {
    rows,
    values,
    problems,
    input: problems.length
      ? null
      : {
          steps,
          noAnswerDays: whole(values.noAnswerDays),
          proposalTargetDays: whole(values.proposalTargetDays),
          alertRecipients: values.alertRecipients as AlertRecipients,
        },
  };
}

/** The rows again after a refusal, each with its sentence, and blank rows to add more. */
export function refusedRows(rows: readonly StepRow[], errors: Record<string, string>): StepRow[] {
  const kept = rows.filter((row) => row.count !== '' || errors[`count_${row.index}`]);
  const renumbered = kept.map((row, index) => ({ ...row, index, error: errors[`count_${row.index}`] }));
  return [...renumbered, ...blankRows(renumbered.length)];
}

/** The form's values from saved settings. */
export function settingsValues(settings: FollowUpSettings) {
  return { noAnswerDays: String(settings.noAnswerDays), proposalTargetDays: String(settings.proposalTargetDays), alertRecipients: settings.alertRecipients };
}
