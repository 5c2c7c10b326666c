import { codedProblem, FieldProblem } from '../common/validation';
import { french, frenchOf } from '../refusals/french';
import { FIELD, PITCH } from '../refusals/index';
import { TEMPLATE_CODES } from '../refusals/pitch';
import { HEADCOUNT_BANDS, headcountLabel } from '../companies/headcount';
import { Rate, VersionConversion } from '../pitches/dto/pitch-script-view.dto';
import { SCRIPT_KINDS, ScriptKind, ScriptSections, ScriptTargeting } from '../pitches/pitch-script.entity';

/** Below this many cases a rate is shown as a small sample. */
export const SMALL_SAMPLE = 10;

/** How many empty objection pairs the edit form offers for new objections. */
export const EMPTY_OBJECTION_PAIRS = 2;

/** The most objection pairs a form post is read for (the API allows 30). */
const MAX_OBJECTION_PAIRS = 40;

type Raw = Record<string, unknown>;

/** One objection pair as the form shows it. */
export interface ObjectionPair {
  index: number;
  key: string;
  objection: string;
  answer: string;
  error?: string;
}

/** What the script form shows: the typed values, and the French problems by input. */
export interface ScriptFormValues {
  kind: string;
  title: string;
  nafPrefixes: string;
  headcountBands: string[];
  opening: string;
  offer: string;
  questions: string;
  objections: ObjectionPair[];
  closing: string;
  changeNote: string;
  version: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** The form values of a version (the edit form starts from the current one). */
export function scriptFormValues(version: {
  kind: ScriptKind;
  title: string;
  targeting: ScriptTargeting;
  sections: ScriptSections;
  number?: number;
}): ScriptFormValues {
  return {
    kind: version.kind,
    title: version.title,
    nafPrefixes: version.targeting.nafPrefixes.join(', '),
    headcountBands: [...version.targeting.headcountBands],
    opening: version.sections.opening,
    offer: version.sections.offer,
    questions: version.sections.questions.join('\n'),
    objections: version.sections.objections.map((objection, index) => ({ index, ...objection })),
    closing: version.sections.closing,
    changeNote: '',
    version: version.number ? String(version.number) : '',
  };
}

/** An empty form for a new script of that kind. */
export function emptyScriptForm(kind: ScriptKind): ScriptFormValues {
  return {
    kind,
    title: '',
    nafPrefixes: '',
    headcountBands: [],
    opening: '',
    offer: '',
    questions: '',
    objections: [],
    closing: '',
    changeNote: '',
    version: '',
  };
}

/** The posted script form, as typed (objection pairs by their index in the form). */
export function readScriptForm(form: Raw): ScriptFormValues {
  const objections: ObjectionPair[] = [];
  for (let index = 0; index < MAX_OBJECTION_PAIRS; index++) {
    const present = [`objection_${index}_key`, `objection_${index}_objection`, `objection_${index}_answer`].some((name) => name in form);
    if (!present) continue;
    objections.push({
      index,
      key: text(form[`objection_${index}_key`]).trim(),
      objection: text(form[`objection_${index}_objection`]),
      answer: text(form[`objection_${index}_answer`]),
    });
  }
  return {
    kind: text(form.kind),
    title: text(form.title),
    nafPrefixes: text(form.nafPrefixes),
    headcountBands: list(form.headcountBands),
    opening: text(form.opening),
    offer: text(form.offer),
    questions: text(form.questions),
    objections,
    closing: text(form.closing),
    changeNote: text(form.changeNote),
    version: text(form.version),
  };
}

/**
 * The DTO input of a posted form. Questions are the non-blank lines; a pair with both fields empty
 * is removed. `pairOf[i]` is the form index of the i-th objection sent, to put errors back in place.
 */
export function scriptInput(values: ScriptFormValues) {
  const kept = values.objections.filter((pair) => pair.objection.trim() || pair.answer.trim());
  const questions = values.questions
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    input: {
      kind: values.kind,
      title: values.title,
      targeting: {
        nafPrefixes: values.nafPrefixes
          .split(/[,;\s]+/)
          .map((prefix) => prefix.trim().toUpperCase())
          .filter(Boolean),
        headcountBands: values.headcountBands,
      },
      sections: {
        opening: values.opening,
        offer: values.offer,
        questions,
        objections: kept.map((pair) => ({ ...(pair.key ? { key: pair.key } : {}), objection: pair.objection, answer: pair.answer })),
        closing: values.closing,
      },
      changeNote: values.changeNote,
    },
    pairOf: kept.map((pair) => pair.index),
  };
}

/** The form with its objections, plus the empty pairs offered for new ones. */
export function withEmptyPairs(objections: ObjectionPair[]): ObjectionPair[] {
  const filled = objections.filter((pair) => pair.key || pair.objection.trim() || pair.answer.trim() || pair.error);
  const next = filled.reduce((max, pair) => Math.max(max, pair.index + 1), 0);
  const renumbered = filled.map((pair) => ({ ...pair }));
  for (let extra = 0; extra < EMPTY_OBJECTION_PAIRS; extra++) {
    renumbered.push({ index: next + extra, key: '', objection: '', answer: '' });
  }
  return renumbered;
}

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

export function isScriptKind(value: string): value is ScriptKind {
  return (SCRIPT_KINDS as readonly string[]).includes(value);
}
