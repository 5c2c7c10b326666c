import { Flash } from '../kit/flash';
import hbs from 'hbs';
import { codedProblem, namedFieldRefusal, ValidationFailedException } from '../../common/validation';
import { CompanyCard } from '../../companies/company-card';
import {
  CADENCE_TRIGGER_LABELS,
  CADENCE_TRIGGERS,
  CadenceRule,
  CadenceTrigger,
  CadenceUnit,
  NEXT_ACTION_LABELS,
  NextActionType,
} from '../../prospection/cadence';
import { PipelineStage } from '../../prospection/pipeline-stage.entity';
import { frenchOf } from '../../refusals/french';
import { isCodedRefusal } from '../../refusals/refused';
import { CadenceFormRow } from './pipeline-settings.form';

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

/** A company card with its place (postcode and commune) as one line. */
export function cardView<T extends Pick<CompanyCard, 'postcode' | 'commune'>>(card: T) {
  return { ...card, place: [card.postcode, card.commune].filter(Boolean).join(' ') };
}

/**
 * A board column as the page shows it: its cards, the « + » that creates a company in it (open
 * stages only: a company starts in a step of the pipeline, not closed), and whether a move into it
 * asks something first (a reason for a closed stage, the meeting's date and time for « Rendez-vous fixé »).
 */
export function columnView<S extends { id: string; kind: PipelineStage['kind']; key: string | null }, C extends Pick<CompanyCard, 'postcode' | 'commune'>>(
  column: { stage: S; cards: C[] },
) {
  const { stage } = column;
  return {
    ...column,
    cards: column.cards.map(cardView),
    addHref: stage.kind === 'open' ? `/entreprises/nouvelle?etape=${encodeURIComponent(stage.id)}` : null,
    asks: stage.kind !== 'open' ? 'reason' : stage.key === 'meeting_booked' ? 'meeting' : '',
  };
}

/** The owner filter's menu: the active team, and the one filtered on even if no longer active. */
export function ownerFilterOptions(
  team: Array<{ id: string; firstName: string; lastName: string; active: boolean }>,
  selected: string,
) {
  return team
    .filter((user) => user.active || user.id === selected)
    .map((user) => ({ id: user.id, name: `${user.firstName} ${user.lastName}`, selected: user.id === selected }));
}

/** The French sentence of a refusal of the pipeline services or settings forms, from its code. */
export function pipelineErrorFr(error: unknown): string {
  if (error instanceof ValidationFailedException || namedFieldRefusal(error)) {
    return [...new Set(error.problems.map((problem) => frenchOf(codedProblem(problem))))].join(' ');
  }
  if (isCodedRefusal(error)) return frenchOf(error.refusal);
  return 'L’opération n’a pas pu être enregistrée.';
}

/** The settings page's notice after a change (`?ok=`). */
export const SETTINGS_NOTICES = new Flash({
  etape: 'L’étape a été enregistrée.',
  ajout: 'L’étape a été ajoutée.',
  ordre: 'L’ordre des étapes a été modifié.',
  archive: 'L’étape a été archivée.',
  restauree: 'L’étape a été restaurée.',
  cadence: 'Les règles de relance ont été enregistrées.',
  defaut: 'Les règles de relance par défaut ont été rétablies.',
  repos: 'Les règles de mise au repos ont été enregistrées.',
});

/** The active stages of the settings page, in order: closed ones, and the ends (no arrow past them). */
export function settingsStages<T extends Pick<PipelineStage, 'kind' | 'archivedAt'>>(all: T[]) {
  const active = all.filter((stage) => stage.archivedAt === null);
  return {
    stages: active.map((stage, index) => ({
      ...stage,
      closed: stage.kind !== 'open',
      first: index === 0,
      last: index === active.length - 1,
    })),
    archivedStages: all.filter((stage) => stage.archivedAt !== null),
  };
}

/** The cadence table as saved: one row per trigger, empty where no rule. */
export function cadenceRows(rules: CadenceRule[]): CadenceFormRow[] {
  return CADENCE_TRIGGERS.map((trigger, index) => {
    const rule = rules.find((candidate) => candidate.trigger === trigger);
    return {
      index,
      trigger,
      label: CADENCE_TRIGGER_LABELS[trigger],
      actionType: rule?.actionType ?? '',
      amount: rule ? String(rule.amount) : '',
      unit: rule?.unit ?? 'days',
    };
  });
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
