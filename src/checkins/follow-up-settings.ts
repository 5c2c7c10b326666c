import { FieldProblem, ValidationFailedException } from '../common/validation';
import { CHECKIN } from '../refusals/index';
import { because } from '../refusals/refused';
import { parseOffset, partiesOf, PlanInput } from './check-in-plan';
import { CHECK_IN_PARTIES, CheckInParty } from './check-in.entity';

export const ALERT_RECIPIENTS = ['follower', 'follower_and_managers'] as const;
export type AlertRecipients = (typeof ALERT_RECIPIENTS)[number];

/** One step of the follow-up plan as managers set it: its offset and who receives it. */
export interface PlanStep {
  step: string;
  parties: CheckInParty[];
}

/** Roughly how many days a step is, to keep the plan in chronological order. */
function roughDays(step: string): number {
  const { count, unit } = parseOffset(step);
  return count * (unit === 'month' ? 30.5 : unit === 'week' ? 7 : 1);
}

/** "3 day" and "3 days" are one step: stored in the plural form the plan and its rows are keyed by. */
export function canonicalStep(count: number, unit: 'day' | 'week' | 'month'): string {
  return `${count} ${unit}${count > 1 ? 's' : ''}`;
}

/**
 * A plan as stored: the offsets in chronological order and the map of steps sent to one party only
 * (null when every step goes to both). `field` names the input of each step, for the refusals.
 */
export function storedPlan(
  steps: ReadonlyArray<PlanStep & { field: string }>,
  planField: string,
): { offsets: string[]; parties: Record<string, CheckInParty[]> | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const { step, parties, field } of steps) {
    if (seen.has(step)) problems.push({ field, message: `${step} is already in the plan`, ...because(CHECKIN.stepDuplicate, { field }) });
    seen.add(step);
    if (!parties.length) problems.push({ field, message: 'a step goes to one party at least', ...because(CHECKIN.stepNoParty, { field }) });
  }
  if (!steps.length) problems.push({ field: planField, message: 'keep one step at least', ...because(CHECKIN.planEmpty, { field: planField }) });
  const ordered = [...steps].sort((a, b) => roughDays(a.step) - roughDays(b.step));
  const oneParty = ordered.filter((step) => step.parties.length === 1);
  return {
    offsets: ordered.map((step) => step.step),
    parties: oneParty.length ? Object.fromEntries(oneParty.map((step) => [step.step, [...step.parties]])) : null,
    problems,
  };
}

/** The plan's steps with their parties, as the settings page and the API show them. */
export function planSteps(offsets: readonly string[], parties: PlanInput['parties']): PlanStep[] {
  return offsets.map((step) => ({ step, parties: partiesOf(step, parties) }));
}

/**
 * The API's plan (`offsets`, and the steps reserved to one party) as steps with their parties:
 * a step named in both lists, or in none of the offsets, is refused naming its list.
 */
export function apiSteps(input: { offsets: string[]; employeeOnly?: string[]; employerOnly?: string[] }): Array<PlanStep & { field: string }> {
  const employeeOnly = input.employeeOnly ?? [];
  const employerOnly = input.employerOnly ?? [];
  const problems: FieldProblem[] = [];
  for (const [field, list] of [['employeeOnly', employeeOnly], ['employerOnly', employerOnly]] as const) {
    if (list.some((step) => !input.offsets.includes(step))) problems.push({ field, message: `${field} must name steps of offsets`, ...because(CHECKIN.stepNotInPlan, { field }) });
  }
  if (employerOnly.some((step) => employeeOnly.includes(step))) {
    problems.push({ field: 'employerOnly', message: 'a step cannot be for the employee only and the employer only', ...because(CHECKIN.stepPartiesConflict, { field: 'employerOnly' }) });
  }
  if (problems.length) throw new ValidationFailedException(problems);
  return [...new Set(input.offsets)].map((step) => ({
    step,
    parties: employeeOnly.includes(step) ? ['employee'] : employerOnly.includes(step) ? ['employer'] : [...CHECK_IN_PARTIES],
    field: 'offsets',
  }));
}
