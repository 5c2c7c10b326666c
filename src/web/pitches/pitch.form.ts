import { CreateScriptDto, UpdateScriptDto } from '../../pitches/dto/pitch-script.dto';
import { PostedForm, ShapedFormSpec } from '../kit/form-body.pipe';
import { SCRIPT_KINDS, ScriptKind, ScriptSections, ScriptTargeting } from '../../pitches/pitch-script.entity';

/** The script form: reading a post as typed, the form values of a version, and the DTO input. */

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

export function isScriptKind(value: string): value is ScriptKind {
  return (SCRIPT_KINDS as readonly string[]).includes(value);
}

/** A new script's form. */
export const NEW_SCRIPT_FORM: ShapedFormSpec<CreateScriptDto, ScriptFormValues> = {
  dto: CreateScriptDto,
  read: readScriptForm,
  toInput: (values) => scriptInput(values).input,
};

/** A script's edit form: a new version based on the one shown. */
export const SCRIPT_EDIT_FORM: ShapedFormSpec<UpdateScriptDto, ScriptFormValues> = {
  dto: UpdateScriptDto,
  read: readScriptForm,
  toInput: (values) => {
    const version = Number(values.version);
    return { ...scriptInput(values).input, version: Number.isInteger(version) ? version : undefined };
  },
};

export type NewScriptForm = PostedForm<CreateScriptDto, ScriptFormValues>;
export type ScriptEditForm = PostedForm<UpdateScriptDto, ScriptFormValues>;
