import { CALL_OUTCOME_LABELS, CALL_OUTCOMES } from '../../prospection/activity.entity';
import { NEXT_ACTION_LABELS } from '../../prospection/cadence';
import { ActionView } from '../../prospection/dto/board.dto';
import { addWorkingDays } from '../../common/calendar/working-days';
import { formatPhone } from '../../common/phone';
import { Role } from '../../tenancy/actor';
import { Flash } from '../kit/flash';
import { option, Values } from '../kit/forms';

/** The lists of the « Relances » page, in order; the first two are one person's, or everyone's for a manager. */
export const FOLLOW_UP_SECTIONS: Array<{ view: ActionView; anchor: string; title: string; empty: string; ownerScoped: boolean }> = [
  { view: 'today', anchor: 'aujourdhui', title: 'Aujourd’hui', empty: 'Aucune action prévue aujourd’hui.', ownerScoped: true },
  { view: 'overdue', anchor: 'en-retard', title: 'En retard', empty: 'Aucune action en retard.', ownerScoped: true },
  { view: 'stalled', anchor: 'au-point-mort', title: 'Au point mort', empty: 'Aucune entreprise au point mort.', ownerScoped: false },
  { view: 'unassigned', anchor: 'non-attribuees', title: 'Non attribuées', empty: 'Toutes les entreprises ont un·e référent·e.', ownerScoped: false },
];

/** Whose actions the page lists: a manager may ask for everyone's (`?owner=all`), anyone else sees their own. */
export function followUpOwner(role: Role, ownerParam: unknown): 'all' | 'me' {
  const isManager = role === 'manager' || role === 'admin';
  return isManager && ownerParam === 'all' ? 'all' : 'me';
}

/** A section with its page of rows and how many more there are than shown. */
export function followUpSection<S, T>(section: S, page: { items: T[]; total: number }) {
  return { ...section, items: page.items, total: page.total, more: Math.max(0, page.total - page.items.length) };
}

/** The orders of the lists (`?tri=`): due date first by default. */
export const FOLLOW_UP_SORTS = [
  { key: 'echeance', label: 'Échéance' },
  { key: 'entreprise', label: 'Entreprise' },
  { key: 'responsable', label: 'Responsable' },
] as const;
export type FollowUpSort = (typeof FOLLOW_UP_SORTS)[number]['key'];

/** The order asked for, or the due date when the query names none (or another). */
export function followUpSort(param: unknown): FollowUpSort {
  return FOLLOW_UP_SORTS.some((sort) => sort.key === param) ? (param as FollowUpSort) : 'echeance';
}

/** The sort links, the current one marked, each keeping the owner choice. */
export function sortLinks(current: FollowUpSort, everyone: boolean) {
  return FOLLOW_UP_SORTS.map((sort) => ({
    ...sort,
    href: `/relances?tri=${sort.key}${everyone ? '&owner=all' : ''}`,
    current: sort.key === current,
  }));
}

interface SortableRow {
  id: string;
  name: string;
  owner: { name: string } | null;
  nextAction: { dueOn: string } | null;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/**
 * The rows in the order asked for: due date (undated last), company name (accents ignored), or
 * owner name (unassigned last); ties by company name, then id, so that the order is stable.
 */
export function sortRows<T extends SortableRow>(rows: readonly T[], sort: FollowUpSort): T[] {
  const byName = (a: T, b: T) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const lastWhenMissing = (a: string | undefined, b: string | undefined, compare: (x: string, y: string) => number) =>
    a === undefined ? (b === undefined ? 0 : 1) : b === undefined ? -1 : compare(a, b);
  const compare: Record<FollowUpSort, (a: T, b: T) => number> = {
    echeance: (a, b) => lastWhenMissing(a.nextAction?.dueOn, b.nextAction?.dueOn, (x, y) => (x < y ? -1 : x > y ? 1 : 0)) || byName(a, b),
    entreprise: byName,
    responsable: (a, b) => lastWhenMissing(a.owner?.name, b.owner?.name, (x, y) => collator.compare(x, y)) || byName(a, b),
  };
  return [...rows].sort(compare[sort]);
}

/** Where a row's form sends back to without JavaScript: the page it was posted from. */
export type FollowUpReturn = 'accueil' | 'relances';

export function followUpReturn(param: unknown): FollowUpReturn {
  return param === 'accueil' ? 'accueil' : 'relances';
}

export const FOLLOW_UP_NOTICES = new Flash({
  fait: 'C’est noté : la prochaine action est planifiée.',
  reportee: 'L’action est reportée.',
  prise: 'L’entreprise vous est attribuée.',
});

/** The page (and row anchor) a row's form returns to after a post without JavaScript. */
export function returnAddress(to: FollowUpReturn, key: 'fait' | 'reportee' | 'prise', companyId: string): string {
  return to === 'accueil' ? FOLLOW_UP_NOTICES.to('/', key, `journee-${companyId}`) : FOLLOW_UP_NOTICES.to('/relances', key, `relance-${companyId}`);
}

/**
 * The day a rescheduled action moves to: the day chosen, or the next working day when it is a
 * weekend or a public holiday; 'past' when it is before today, 'invalid' when it is not a day.
 */
export function rescheduledDay(typed: string, today: string): string | 'past' | 'invalid' {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(typed)) return 'invalid';
  let day: string;
  try {
    day = addWorkingDays(typed, 0);
  } catch {
    return 'invalid';
  }
  return typed < today ? 'past' : day;
}

/** What a row's forms show again after a refused post, and what the row says after a done one. */
export interface RowState {
  form?: 'fait' | 'reporter' | 'prendre';
  values?: Values;
  errors?: Record<string, string>;
  alert?: string;
  notice?: string;
}

/** The activity types the quick log form offers. */
export const QUICK_LOG_TYPES = [
  { value: 'call', label: 'Appel' },
  { value: 'meeting', label: 'Rendez-vous' },
] as const;

interface RowCard extends SortableRow {
  version: number;
  nextAction: { dueOn: string; type: keyof typeof NEXT_ACTION_LABELS } | null;
}

/**
 * One row of a work list with what its forms need: the `tel:` address of the main contact's phone
 * (if any), whether it can be claimed (no owner) or rescheduled (a next action), the quick log form
 * with its typed values and French errors, and the notice of the post just done.
 */
export function followUpRow<T extends RowCard>(card: T, phone: string | null, to: FollowUpReturn, state: RowState = {}) {
  const values = state.values ?? {};
  const type = values.type || 'call';
  return {
    ...card,
    anchor: to === 'accueil' ? `journee-${card.id}` : `relance-${card.id}`,
    returnTo: to,
    tel: phone ? `tel:${phone.replace(/[^\d+]/g, '')}` : null,
    phone: phone ? formatPhone(phone) : null,
    canClaim: card.owner === null,
    canReschedule: card.nextAction !== null,
    nextActionLabel: card.nextAction ? NEXT_ACTION_LABELS[card.nextAction.type] : null,
    log: {
      open: state.form === 'fait',
      types: QUICK_LOG_TYPES.map((item) => option(item.value, item.label, type)),
      outcomes: CALL_OUTCOMES.map((outcome) => option(outcome, CALL_OUTCOME_LABELS[outcome], values.outcome ?? '')),
      text: values.text ?? '',
      refusalReason: values.refusalReason ?? '',
      errors: state.form === 'fait' ? (state.errors ?? {}) : {},
      alert: state.form === 'fait' ? state.alert : undefined,
    },
    reschedule: {
      open: state.form === 'reporter',
      dueOn: values.dueOn ?? card.nextAction?.dueOn ?? '',
      errors: state.form === 'reporter' ? (state.errors ?? {}) : {},
      alert: state.form === 'reporter' ? state.alert : undefined,
    },
    claimAlert: state.form === 'prendre' ? state.alert : undefined,
    notice: state.notice,
  };
}
