import hbs from 'hbs';
import { wallClock, wallTimeToInstant } from '../common/time-zone';
import { ConflictException, HttpException } from '@nestjs/common';
import { codedProblem, FieldProblem, namedFieldRefusal } from '../common/validation';
import { COMMON, COMPANY } from '../refusals/index';
import { french, frenchOf } from '../refusals/french';
import { isCodedRefusal } from '../refusals/refused';
import { ACTIVITY_LABELS, ActivityType, CALL_OUTCOME_LABELS, CallOutcome } from '../prospection/activity.entity';

let registered = false;

/** Timeline kinds as the filter and the entries name them. */
export const TIMELINE_KIND_LABELS: Record<ActivityType | 'stage_change', string> = {
  ...ACTIVITY_LABELS,
  stage_change: 'Changement d’étape',
};

/** The timeline filter's options (plural, as a menu reads). */
export const TIMELINE_FILTERS: Array<{ value: ActivityType | 'stage_change'; label: string }> = [
  { value: 'call', label: 'Appels' },
  { value: 'meeting', label: 'Rendez-vous' },
  { value: 'visit', label: 'Visites' },
  { value: 'email', label: 'E-mails' },
  { value: 'event', label: 'Événements' },
  { value: 'note', label: 'Notes' },
  { value: 'stage_change', label: 'Changements d’étape' },
];

// ---------------------------------------------------------------- time zones

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

// ---------------------------------------------------------------- French messages

/**
 * The French sentence of a field problem: its code's, from the catalogue. The DTOs and services
 * give each field of the company forms its own code, whose sentence says what the field accepts.
 */
export function fieldMessageFr(problem: FieldProblem): string {
  return frenchOf(codedProblem(problem));
}

/**
 * Field problems as `{ inputName: French message }` (first problem per field); `names` renames DTO
 * fields to the form's input names. Problems no input shows go to `others`.
 */
export function problemsFr(problems: FieldProblem[], shown: readonly string[], names: Record<string, string> = {}) {
  const errors: Record<string, string> = {};
  const others: string[] = [];
  for (const problem of problems) {
    const input = names[problem.field] ?? problem.field;
    const message = fieldMessageFr(problem);
    if (!shown.includes(input)) others.push(message);
    else errors[input] ??= message;
  }
  return { errors, others: [...new Set(others)] };
}

export interface ConflictFr {
  message: string;
  link?: { href: string; label: string };
  field?: string;
}

/**
 * The French sentence of a 409 or 422 of the company services, from its code: with the field it
 * concerns, and for a SIRET already used a link to the company that holds it.
 */
export function conflictFr(error: HttpException): ConflictFr {
  if (namedFieldRefusal(error) && error.problems.length) {
    const [first] = error.problems;
    return { message: fieldMessageFr(first), field: first.field };
  }
  if (isCodedRefusal(error)) {
    const { refusal, field } = error;
    if (refusal.code === COMPANY.siretTaken.code) {
      const { companyId, companyName } = refusal.params;
      return { message: frenchOf(refusal), field, link: { href: `/entreprises/${companyId}`, label: `Voir la fiche « ${companyName} »` } };
    }
    return { message: frenchOf(refusal), field };
  }
  return { message: error instanceof ConflictException ? french(COMMON.conflict.code, {}) : 'L’opération n’a pas pu être enregistrée.' };
}

// ---------------------------------------------------------------- helpers

/** A web address as a link target: `www.exemple.fr` becomes `https://www.exemple.fr`. */
export function websiteHref(website: string | null | undefined): string | null {
  if (!website) return null;
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}

/** Helpers of the company pages; registered once per process. */
export function registerCompanyViewHelpers(): void {
  if (registered) return;
  registered = true;
  hbs.registerHelper('timelineKindLabel', (kind: unknown) =>
    typeof kind === 'string' && kind in TIMELINE_KIND_LABELS ? TIMELINE_KIND_LABELS[kind as ActivityType] : String(kind),
  );
  hbs.registerHelper('callOutcomeLabel', (outcome: unknown) =>
    typeof outcome === 'string' && outcome in CALL_OUTCOME_LABELS ? CALL_OUTCOME_LABELS[outcome as CallOutcome] : '',
  );
}
