import { addCalendarDays, addMonths, addWorkingDays } from '../common/calendar/working-days';

export const NEXT_ACTION_TYPES = ['call', 'meeting', 'visit', 'email', 'event', 'other'] as const;
export type NextActionType = (typeof NEXT_ACTION_TYPES)[number];

export const CADENCE_UNITS = ['working_days', 'days', 'months'] as const;
export type CadenceUnit = (typeof CADENCE_UNITS)[number];

// A trigger is what just happened: an activity type with its call outcome, or entering a closed stage.
export const CADENCE_TRIGGERS = [
  'call:no_answer',
  'call:call_back',
  'call:refused',
  'call:meeting_booked',
  'call:need_found',
  'call',
  'meeting',
  'visit',
  'email',
  'event',
  'stage:no_need',
] as const;
export type CadenceTrigger = (typeof CADENCE_TRIGGERS)[number];

export interface CadenceRule {
  trigger: CadenceTrigger;
  actionType: NextActionType;
  amount: number;
  unit: CadenceUnit;
}

/**
 * The cadence a structure follows until a manager changes it.
 * `call:refused` has no rule: a refusal ends the follow-up.
 */
export const DEFAULT_CADENCE_RULES: CadenceRule[] = [
  { trigger: 'call:no_answer', actionType: 'call', amount: 2, unit: 'working_days' },
  { trigger: 'call:call_back', actionType: 'call', amount: 1, unit: 'working_days' },
  { trigger: 'call:meeting_booked', actionType: 'meeting', amount: 7, unit: 'days' },
  { trigger: 'call:need_found', actionType: 'call', amount: 2, unit: 'working_days' },
  { trigger: 'call', actionType: 'call', amount: 7, unit: 'days' },
  { trigger: 'meeting', actionType: 'call', amount: 7, unit: 'days' },
  { trigger: 'visit', actionType: 'call', amount: 7, unit: 'days' },
  { trigger: 'email', actionType: 'call', amount: 3, unit: 'working_days' },
  { trigger: 'event', actionType: 'call', amount: 2, unit: 'working_days' },
  { trigger: 'stage:no_need', actionType: 'call', amount: 3, unit: 'months' },
];

export const CADENCE_TRIGGER_LABELS: Record<CadenceTrigger, string> = {
  'call:no_answer': 'Appel sans réponse',
  'call:call_back': 'Appel : à rappeler',
  'call:refused': 'Appel : refus',
  'call:meeting_booked': 'Appel : rendez-vous fixé',
  'call:need_found': 'Appel : besoin repéré',
  call: 'Appel (autre issue)',
  meeting: 'Rendez-vous réalisé',
  visit: 'Visite',
  email: 'E-mail',
  event: 'Événement',
  'stage:no_need': 'Pas de besoin pour l’instant',
};

export const NEXT_ACTION_LABELS: Record<NextActionType, string> = {
  call: 'Appeler',
  meeting: 'Rendez-vous',
  visit: 'Visite',
  email: 'E-mail',
  event: 'Événement',
  other: 'Autre',
};

// Notes are absent: they record without calling for a follow-up.
const ACTIVITY_TRIGGERS: readonly CadenceTrigger[] = ['call', 'meeting', 'visit', 'email', 'event'];

/**
 * The trigger an activity fires: `call:<outcome>` when that outcome has a trigger of its own, else the
 * activity type; null for notes and unknown types.
 */
export function cadenceTrigger(activityType: string, outcome?: string | null): CadenceTrigger | null {
  if (activityType === 'call' && outcome) {
    const specific = CADENCE_TRIGGERS.find((trigger) => trigger === `call:${outcome}`);
    if (specific) return specific;
  }
  return ACTIVITY_TRIGGERS.find((trigger) => trigger === activityType) ?? null;
}

function dueOn(rule: CadenceRule, fromDay: string): string {
  switch (rule.unit) {
    case 'working_days':
      return addWorkingDays(fromDay, rule.amount);
    // Nobody calls an employer on a Sunday or on 14 July: a calendar due date moves to the next working day.
    case 'days':
      return addWorkingDays(addCalendarDays(fromDay, rule.amount), 0);
    case 'months':
      return addWorkingDays(addMonths(fromDay, rule.amount), 0);
  }
}

/**
 * The next action proposed after `trigger` happened on `fromDay`, or null for none. A call outcome without
 * a rule of its own follows the generic `call` rule, except a refusal: following up on it needs an explicit
 * `call:refused` rule.
 */
export function proposeNextAction(
  rules: readonly CadenceRule[],
  trigger: CadenceTrigger,
  fromDay: string,
): { type: NextActionType; dueOn: string } | null {
  const ruleFor = (wanted: CadenceTrigger) => rules.find((rule) => rule.trigger === wanted);
  const fallsBackToCall = trigger.startsWith('call:') && trigger !== 'call:refused';
  const rule = ruleFor(trigger) ?? (fallsBackToCall ? ruleFor('call') : undefined);
  return rule ? { type: rule.actionType, dueOn: dueOn(rule, fromDay) } : null;
}
