import { Flash } from '../kit/flash';
import { codedProblem, FieldProblem } from '../../common/validation';
import { french, frenchOf } from '../../refusals/french';
import { FIELD, PITCH } from '../../refusals/index';
import { TEMPLATE_CODES } from '../../refusals/pitch';
import { HEADCOUNT_BANDS, headcountLabel } from '../../companies/headcount';
import { ConversionView, Rate, ScriptDetailView, VersionConversion } from '../../pitches/dto/pitch-script-view.dto';
import { SCRIPT_KIND_LABELS, SCRIPT_KINDS, ScriptKind, ScriptTargeting } from '../../pitches/pitch-script.entity';
import { PLACEHOLDERS } from '../../pitches/pitch-template';
import { Actor } from '../../tenancy/actor';
import { ScriptFormValues, withEmptyPairs } from './pitch.form';

/** Below this many cases a rate is shown as a small sample. */
export const SMALL_SAMPLE = 10;

// ---------------------------------------------------------------- French messages

const SECTION_LABELS: Record<string, string> = {
  opening: 'l’accroche',
  offer: 'l’offre de service',
  closing: 'la conclusion',
};

/** The French sentence of a problem, from its code. */
function said(problem: FieldProblem): string {
  return frenchOf(codedProblem(problem));
}

/** Whether a problem is about what a section's text holds (placeholders, braces), said inside that section. */
function isTemplateProblem(problem: FieldProblem): boolean {
  return problem.code !== undefined && TEMPLATE_CODES.has(problem.code);
}

/** An objection pair's part: a missing or too long objection or answer is said as such; a key as its code says. */
function pairSentence(problem: FieldProblem, part: 'objection' | 'answer' | 'key'): string {
  if (part === 'key') return said(problem);
  const required = problem.code === FIELD.required.code;
  const def = part === 'answer' ? (required ? PITCH.answerRequired : PITCH.answerTooLong) : required ? PITCH.objectionRequired : PITCH.objectionTooLong;
  return frenchOf({ code: def.code, params: { field: problem.field } });
}

/** The inputs of the script form a problem can sit next to. */
const FORM_INPUTS: ReadonlySet<string> = new Set(['kind', 'title', 'nafPrefixes', 'headcountBands', 'opening', 'offer', 'questions', 'closing', 'changeNote', 'version']);

/** `sections.objections.0.answer` and `sections.objections[0].answer` alike become the latter. */
function normalise(field: string): string {
  return field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

export interface ScriptProblems {
  /** By form input: kind, title, nafPrefixes, headcountBands, opening, offer, questions, closing, changeNote. */
  errors: Record<string, string>;
  /** By form pair index. */
  pairs: Record<number, string>;
  others: string[];
}

/** Problems of a script post as French messages next to the inputs they concern. */
export function scriptProblemsFr(problems: FieldProblem[], pairOf: number[]): ScriptProblems {
  const errors: Record<string, string> = {};
  const pairs: Record<number, string> = {};
  const others: string[] = [];
  const add = (input: string, message: string) => {
    errors[input] = errors[input] ? `${errors[input]} ${message}` : message;
  };
  for (const problem of problems) {
    const field = normalise(problem.field);
    const template = isTemplateProblem(problem) ? said(problem) : null;
    let match = /^sections\.(opening|offer|closing)$/.exec(field);
    if (match) {
      add(match[1], template ? `Dans ${SECTION_LABELS[match[1]]} : ${template}` : said(problem));
      continue;
    }
    match = /^sections\.questions(?:\[(\d+)\])?$/.exec(field);
    if (match) {
      const which = match[1] !== undefined ? `Question ${Number(match[1]) + 1} : ` : '';
      add('questions', `${which}${template ?? french(PITCH.questionsInvalid.code, { field: 'sections.questions' })}`);
      continue;
    }
    match = /^sections\.objections\[(\d+)\]\.(objection|answer|key)$/.exec(field);
    if (match) {
      const pair = pairOf[Number(match[1])] ?? Number(match[1]);
      const part = match[2] as 'objection' | 'answer' | 'key';
      const message = template ? `Dans ${part === 'answer' ? 'la réponse' : 'l’objection'} : ${template}` : pairSentence(problem, part);
      pairs[pair] = pairs[pair] ? `${pairs[pair]} ${message}` : message;
      continue;
    }
    if (/^sections\.objections/.test(field)) {
      others.push(french(PITCH.objectionsInvalid.code, { field: 'sections.objections' }));
      continue;
    }
    match = /^targeting\.(nafPrefixes|headcountBands)/.exec(field);
    if (match) {
      add(match[1], said(problem));
      continue;
    }
    const input = field.split(/[.[]/)[0];
    if (FORM_INPUTS.has(input)) add(input, said(problem));
    else others.push(said(problem));
  }
  // One sentence per input is enough when the same problem repeats.
  for (const [input, message] of Object.entries(errors)) errors[input] = [...new Set(message.split(/(?<=\.) /))].join(' ');
  return { errors, pairs, others: [...new Set(others)] };
}

// ---------------------------------------------------------------- figures

export function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)} %`;
}

/** A rate as the tables show it: count / total, the rate, its 95% interval, and whether the sample is small. */
export function rateView(rate: Rate) {
  return {
    counts: `${rate.count} / ${rate.total}`,
    rate: rate.rate === null ? '—' : percent(rate.rate),
    interval: rate.low === null || rate.high === null ? '' : `entre ${percent(rate.low)} et ${percent(rate.high)}`,
    small: rate.total < SMALL_SAMPLE,
  };
}

/** Which rate measures a script of that kind, and how the tables name it. */
export function measureOf(kind: ScriptKind): { key: 'meetingBooked' | 'needFound'; label: string; among: string } {
  return kind === 'first_meeting'
    ? { key: 'needFound', label: 'Besoins repérés', among: 'rendez-vous' }
    : { key: 'meetingBooked', label: 'Rendez-vous obtenus', among: 'appels aboutis' };
}

/** The headline figure of a script in the list, from one version's conversion. */
export function headline(kind: ScriptKind, conversion: VersionConversion | undefined): string {
  if (kind === 'first_meeting') {
    const rate = conversion?.needFound;
    if (!rate || rate.total === 0) return 'besoins repérés : aucun rendez-vous noté pour l’instant';
    return `besoins repérés : ${rate.count} sur ${rate.total} (${percent(rate.rate)})`;
  }
  if (kind === 'other') {
    const uses = conversion?.uses ?? 0;
    return uses ? `utilisé ${uses} fois` : 'pas encore utilisé';
  }
  const rate = conversion?.meetingBooked;
  if (!rate || rate.total === 0) return 'rendez-vous obtenus : aucun appel abouti pour l’instant';
  return `rendez-vous obtenus : ${rate.count} sur ${rate.total} ${rate.total > 1 ? 'appels aboutis' : 'appel abouti'} (${percent(rate.rate)})`;
}

/** "Toutes les entreprises", or the sectors and sizes a script is written for. */
export function targetingSummary(targeting: ScriptTargeting): string {
  const parts: string[] = [];
  if (targeting.nafPrefixes.length) parts.push(`NAF ${targeting.nafPrefixes.join(', ')}`);
  if (targeting.headcountBands.length) {
    parts.push(`tailles : ${targeting.headcountBands.map((code) => headcountLabel(code) ?? code).join(', ')}`);
  }
  return parts.length ? parts.join(' · ') : 'Toutes les entreprises';
}

export function headcountChoices(checked: string[]) {
  return HEADCOUNT_BANDS.map((band) => ({ value: band.code, label: band.label, checked: checked.includes(band.code) }));
}

// ---------------------------------------------------------------- page models

export const PITCH_NOTICES = new Flash({
  cree: 'L’argumentaire a été créé.',
  version: 'La nouvelle version a été enregistrée.',
  inchange: 'Rien n’a changé : aucune nouvelle version n’a été créée.',
  archive: 'L’argumentaire a été archivé : il n’est plus proposé sur les fiches des entreprises.',
  restaure: 'L’argumentaire a été restauré.',
});

/** What the script form shows again after a refused post. */
export interface ScriptFormState {
  values: ScriptFormValues;
  errors: Record<string, string>;
  pairErrors?: Record<number, string>;
  alert?: string;
}

export function isManager(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'manager' || actor.role === 'admin';
}

/** A refused script post as a form state: the French problems by input and by objection pair. */
export function scriptRefusal(problems: FieldProblem[], values: ScriptFormValues, pairOf: number[]): ScriptFormState {
  const { errors, pairs, others } = scriptProblemsFr(problems, pairOf);
  return {
    values,
    errors,
    pairErrors: pairs,
    alert: others.length ? others.join(' ') : 'Certaines informations sont à corriger : voir les messages à côté des champs.',
  };
}

/** The list's groups by kind (a kind without script shown only outside the archives). */
export function scriptGroups<T extends { kind: ScriptKind; targeting: ScriptTargeting; currentVersion: number }>(
  shown: T[],
  conversions: ConversionView[],
  archives: boolean,
) {
  return SCRIPT_KINDS.map((kind) => ({
    kind,
    label: SCRIPT_KIND_LABELS[kind],
    scripts: shown
      .map((script, index) => ({ script, conversion: conversions[index] }))
      .filter(({ script }) => script.kind === kind)
      .map(({ script, conversion }) => ({
        ...script,
        targetingSummary: targetingSummary(script.targeting),
        headline: headline(script.kind, conversion.versions.find((version) => version.numbers.includes(script.currentVersion))),
      })),
  })).filter((group) => group.scripts.length > 0 || !archives);
}

/** The view model of the script form partial (creation and edit). */
export function scriptFormModel(prefix: string, action: string, form: ScriptFormState, editing: boolean) {
  const values = form.values;
  const pairs = withEmptyPairs(values.objections.map((pair) => ({ ...pair, error: form.pairErrors?.[pair.index] }))).map((pair, position) => ({
    ...pair,
    position: position + 1,
  }));
  return {
    prefix,
    action,
    editing,
    values,
    errors: form.errors,
    alert: form.alert,
    kinds: SCRIPT_KINDS.map((kind) => ({ value: kind, label: SCRIPT_KIND_LABELS[kind], selected: kind === values.kind })),
    bands: headcountChoices(values.headcountBands),
    pairs,
    placeholders: Object.entries(PLACEHOLDERS).map(([name, description]) => ({ code: `{{${name}}}`, description })),
    ifExample: '{{#if contact.firstName}}Bonjour {{contact.firstName}}{{else}}Bonjour Madame, Monsieur{{/if}}',
    nextVersion: Number(values.version) + 1,
    submitLabel: editing ? 'Enregistrer une nouvelle version' : 'Créer l’argumentaire',
  };
}

/** The history table: each version, the current and the shown one marked. */
export function historyRows(script: Pick<ScriptDetailView, 'id' | 'history' | 'currentVersion'>, shownNumber: number) {
  return script.history.map((version) => ({
    ...version,
    authorName: version.authorName ?? 'Tremplin',
    changesText: version.changes.join(', '),
    isCurrent: version.number === script.currentVersion,
    isShown: version.number === shownNumber,
    href: version.number === script.currentVersion ? `/argumentaires/${script.id}` : `/argumentaires/${script.id}?version=${version.number}`,
  }));
}

/** A conversion row's label: versions saved without a change count together, « v2–v3 ». */
export function versionLabel(entry: Pick<VersionConversion, 'number' | 'numbers'>): string {
  return entry.numbers.length > 1 ? `v${entry.numbers[0]}–v${entry.numbers.at(-1)}` : `v${entry.number}`;
}

export function conversionModel(kind: ScriptKind, conversion: ConversionView) {
  const measure = measureOf(kind);
  const row = (entry: VersionConversion) => ({
    label: versionLabel(entry),
    uses: entry.uses,
    reached: entry.reached,
    measure: rateView(entry[measure.key]),
  });
  return {
    measureLabel: measure.label,
    among: measure.among,
    isMeeting: measure.key === 'needFound',
    versions: conversion.versions.map(row),
    byStaff: conversion.byStaff.map((entry) => ({ ...row(entry), authorName: entry.authorName })),
    objections: conversion.objections,
    used: conversion.versions.some((entry) => entry.uses > 0),
  };
}
