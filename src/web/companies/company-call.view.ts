import { wallClock, wallTimeToInstant } from '../../common/calendar/time-zone';
import { ContactView } from '../../contacts/dto/contact.dto';
import { RenderedScriptView, ScriptView } from '../../pitches/dto/pitch-script-view.dto';
import { SCRIPT_KIND_LABELS, SCRIPT_KINDS, ScriptKind } from '../../pitches/pitch-script.entity';
import { ACTIVITY_LABELS, ACTIVITY_TYPES, ActivityType, CALL_OUTCOME_LABELS, CALL_OUTCOMES, CallOutcome } from '../../prospection/activity.entity';
import { NEXT_ACTION_LABELS, NEXT_ACTION_TYPES, NextActionType } from '../../prospection/cadence';
import { option, Raw, text } from '../kit/forms';
import type { FormState } from './company.form';
import type { TeamMember } from './company.view';

// The call mode of the company page: the activity form, the script beside it and the next action
// the cadence proposes.

/** An instant as a `datetime-local` value ('YYYY-MM-DDTHH:mm') on the wall clock of the time zone. */
export function toLocalInput(at: Date, timeZone: string): string {
  const p = wallClock(timeZone, at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A `datetime-local` value read on the wall clock of the time zone, as an instant; null when it is
 * not a real date and time. (The browser's own zone is not trusted: the business zone decides.)
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return wallTimeToInstant(timeZone, `${match[1]}-${match[2]}-${match[3]}`, hour, minute, second);
}

/** Activity types that have an outcome (and may use a script); "no answer" is for calls only. */
export const OUTCOME_TYPES = ['call', 'meeting'];

/**
 * The activity form's state: as refused, else a call now; `?contact=` (a contact of the company)
 * chooses the contact the script is filled in for and the activity's.
 */
export function activityFormState(refused: FormState | undefined, now: Date, timeZone: string, contactIds: string[], queryContact: string): FormState {
  if (refused) return refused;
  return {
    values: {
      type: 'call',
      outcome: '',
      occurredAt: toLocalInput(now, timeZone),
      contactId: contactIds.includes(queryContact) ? queryContact : '',
      text: '',
      stageId: '',
      nextType: '',
      nextDueOn: '',
      nextOwnerId: '',
    },
    errors: {},
  };
}

/** The script panel: the script shown (rendered), its objections ticked as posted, and every script in service by kind. */
export function scriptPanelView(
  all: ScriptView[],
  suggestedKind: ScriptKind,
  scriptId: string | undefined,
  rendered: RenderedScriptView | null,
  objections: string[],
) {
  const checked = new Set(objections);
  const current = all.find((script) => script.id === scriptId);
  return {
    suggestedKindLabel: SCRIPT_KIND_LABELS[suggestedKind],
    script: rendered
      ? {
          ...rendered,
          kindLabel: SCRIPT_KIND_LABELS[rendered.kind],
          outdated: current ? current.currentVersion !== rendered.number : false,
          objections: rendered.sections.objections.map((objection) => ({ ...objection, checked: checked.has(objection.key) })),
        }
      : null,
    groups: SCRIPT_KINDS.map((kind) => ({
      label: SCRIPT_KIND_LABELS[kind],
      scripts: all
        .filter((script) => script.kind === kind)
        .map((script) => ({ id: script.id, title: script.title, selected: script.id === scriptId })),
    })).filter((group) => group.scripts.length > 0),
  };
}

/** The activity form's fields in page order: the first one in error takes the focus. */
export const ACTIVITY_FOCUS_ORDER = ['type', 'outcome', 'refusalReason', 'occurredAt', 'contactId', 'candidateId', 'text', 'stageId', 'nextType', 'nextDueOn', 'nextOwnerId'];

/** The first field in error, in page order (`{ name: true }`, for `autofocus`), or none. */
export function firstErrorFocus(errors: Record<string, string>, order: readonly string[] = ACTIVITY_FOCUS_ORDER): Record<string, true> {
  const first = order.find((name) => Boolean(errors[name]));
  return first ? { [first]: true } : {};
}

/** What the cadence proposes after an activity, as the call form shows it. */
export interface ProposedNext {
  type: NextActionType;
  dueOn: string;
}

/**
 * The `?type=&outcome=` of the proposal fragment: the cadence is asked only once there is
 * something to propose from (an outcome for a call or a meeting; any other type as it is).
 */
export function proposalQueryOf(query: Raw): { type: ActivityType; outcome: CallOutcome | undefined } | null {
  const type = text(query.type) as ActivityType;
  if (!(ACTIVITY_TYPES as readonly string[]).includes(type)) return null;
  const rawOutcome = text(query.outcome);
  const outcome = (CALL_OUTCOMES as readonly string[]).includes(rawOutcome) ? (rawOutcome as CallOutcome) : undefined;
  if (OUTCOME_TYPES.includes(type) && !outcome) return null;
  if (outcome === 'no_answer' && type !== 'call') return null;
  return { type, outcome: OUTCOME_TYPES.includes(type) ? outcome : undefined };
}

/**
 * The next-action fields of the activity form: as typed (or refused), or filled with the cadence's
 * proposal (`asked`: the outcome was chosen; none proposed says so).
 */
export function nextFieldsView(
  companyId: string,
  state: FormState,
  team: TeamMember[],
  proposal: { asked: boolean; proposed: ProposedNext | null } = { asked: false, proposed: null },
) {
  const values = proposal.proposed ? { ...state.values, nextType: proposal.proposed.type, nextDueOn: proposal.proposed.dueOn } : state.values;
  const ownerId = values.nextOwnerId ?? '';
  return {
    companyId,
    errors: state.errors,
    focus: firstErrorFocus(state.errors),
    dueOn: values.nextDueOn ?? '',
    types: [option('', 'Selon la cadence', values.nextType ?? ''), ...NEXT_ACTION_TYPES.map((type) => option(type, NEXT_ACTION_LABELS[type], values.nextType ?? ''))],
    owners: [
      option('', 'Par défaut', ownerId),
      ...team.filter((user) => user.active || user.id === ownerId).map((user) => option(user.id, `${user.firstName} ${user.lastName}`, ownerId)),
    ],
    proposed: proposal.proposed ? { label: NEXT_ACTION_LABELS[proposal.proposed.type], dueOn: proposal.proposed.dueOn } : null,
    noneProposed: proposal.asked && !proposal.proposed,
  };
}

/** The activity form as the call mode shows it: its choices, the focus on the first error, the next action. */
export function activityFormView(data: {
  companyId: string;
  stageId: string;
  state: FormState;
  contacts: ContactView[];
  candidates: Array<{ id: string; name: string }>;
  stages: Array<{ id: string; name: string }>;
  team: TeamMember[];
  now: Date;
  timeZone: string;
}) {
  const { state, contacts, now, timeZone } = data;
  const outcomeType = state.values.type === 'meeting' ? 'meeting' : 'call';
  return {
    ...state,
    isCall: state.values.type === 'call',
    hasOutcome: OUTCOME_TYPES.includes(state.values.type),
    outcomeLabel: outcomeType === 'meeting' ? 'Issue du rendez-vous' : 'Issue de l’appel',
    isRefused: OUTCOME_TYPES.includes(state.values.type) && state.values.outcome === 'refused',
    types: ACTIVITY_TYPES.map((type) => option(type, ACTIVITY_LABELS[type], state.values.type)),
    outcomes: [
      option('', '— Non précisée —', state.values.outcome),
      ...CALL_OUTCOMES.map((outcome) => ({
        ...option(outcome, CALL_OUTCOME_LABELS[outcome], state.values.outcome),
        callsOnly: outcome === 'no_answer',
        hidden: outcome === 'no_answer' && outcomeType === 'meeting',
      })),
    ],
    noScript: state.values.noScript === 'true',
    contacts: [
      option('', '— Aucun —', state.values.contactId),
      ...contacts.map((contact) => option(contact.id, [contact.firstName, contact.lastName].filter(Boolean).join(' '), state.values.contactId)),
    ],
    candidates: data.candidates.length
      ? [option('', '— Aucun —', state.values.candidateId), ...data.candidates.map((candidate) => option(candidate.id, candidate.name, state.values.candidateId))]
      : null,
    stages: [
      option('', 'Ne pas changer d’étape', state.values.stageId),
      ...data.stages.filter((stage) => stage.id !== data.stageId).map((stage) => option(stage.id, stage.name, state.values.stageId)),
    ],
    next: nextFieldsView(data.companyId, state, data.team),
    focus: firstErrorFocus(state.errors),
    maxOccurredAt: toLocalInput(new Date(now.getTime() + 60 * 60 * 1000), timeZone),
  };
}
