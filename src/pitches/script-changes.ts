import { isDeepStrictEqual } from 'node:util';
import { ScriptKind, ScriptSections, ScriptTargeting } from './pitch-script.entity';

/** What a version says: the rest (number, author, note, date) is about the save, not the script. */
export interface ScriptContent {
  title: string;
  kind: ScriptKind;
  targeting: ScriptTargeting;
  sections: ScriptSections;
}

const SECTION_LABELS: Record<keyof ScriptSections, string> = {
  opening: 'accroche',
  offer: 'offre de service',
  questions: 'questions',
  objections: 'objections',
  closing: 'conclusion',
};

/**
 * A value as JSON stores it. PostgreSQL's jsonb keeps keys in its own order, and a browser sends a
 * textarea's line breaks as CRLF, so neither may count as a change: the text of the JSON cannot be
 * compared, its values can (`isDeepStrictEqual` ignores key order; arrays keep theirs, which is content).
 */
function asStored(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null), (_key, item: unknown) => (typeof item === 'string' ? item.replace(/\r\n?/g, '\n') : item));
}

function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(asStored(a), asStored(b));
}

/** The parts of a script that differ from the previous version, in French for the history; none: same content. */
export function describeChanges(previous: ScriptContent | undefined, version: ScriptContent): string[] {
  if (!previous) return ['création'];
  const changes: string[] = [];
  if (previous.title !== version.title) changes.push('titre');
  if (previous.kind !== version.kind) changes.push('type');
  if (!sameValue(previous.targeting, version.targeting)) changes.push('ciblage');
  for (const [field, label] of Object.entries(SECTION_LABELS) as Array<[keyof ScriptSections, string]>) {
    if (!sameValue(previous.sections[field], version.sections[field])) changes.push(label);
  }
  return changes;
}

/**
 * For each version id, the version its figures count under: itself, or, for a version identical in
 * content to its predecessor, the first version of that run of twins. Saves without a change made
 * such empty versions until they stopped doing so; they stay in the history, but splitting a
 * script's uses between two copies of the same text would halve each sample for nothing.
 */
export function countedUnder<T extends ScriptContent & { id: string; number: number }>(versions: T[]): Map<string, T> {
  const sorted = [...versions].sort((a, b) => a.number - b.number);
  const under = new Map<string, T>();
  sorted.forEach((version, index) => {
    const previous = sorted[index - 1];
    const twin = previous && previous.number === version.number - 1 && describeChanges(previous, version).length === 0;
    under.set(version.id, twin ? under.get(previous.id)! : version);
  });
  return under;
}
