import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { excerpt, foldChar, identityMatcher, MatchKind, Needles, redactSpans, Span } from './identity-search';
import type { Identity } from './scrub';

/**
 * The structure's free text that may name someone, wherever it is: searched for a person's
 * identifiers before an erasure (the manager confirms each mention) and redacted by erasures and
 * by the retention scan. A new free-text column that can hold a name belongs here.
 */
interface TextSource {
  table: string;
  column: string;
  /** `array`: text[]; `json`: every string inside a jsonb document. */
  shape: 'text' | 'array' | 'json';
  /** What the manager is shown, in French. */
  label: string;
}

const source = (table: string, column: string, label: string, shape: TextSource['shape'] = 'text'): TextSource => ({ table, column, shape, label });

export const TEXT_SOURCES: readonly TextSource[] = [
  source('activity', 'text', 'Compte rendu d’un échange avec une entreprise'),
  source('activity', 'refusal_reason', 'Motif de refus d’une entreprise'),
  source('company', 'notes', 'Notes sur une entreprise'),
  source('company', 'next_action_note', 'Prochaine action d’une entreprise'),
  source('contact', 'notes', 'Notes sur un contact en entreprise'),
  source('candidate', 'notes', 'Notes sur une personne accompagnée'),
  source('candidate', 'constraints', 'Freins d’une personne accompagnée', 'json'),
  source('job_lead', 'job_title', 'Intitulé d’une piste'),
  source('job_lead', 'requirements', 'Exigences d’une piste', 'array'),
  source('job_lead', 'adaptations', 'Adaptations du poste d’une piste', 'array'),
  source('job_lead', 'abandon_reason', 'Motif d’abandon d’une piste'),
  source('stage_event', 'reason', 'Motif d’un changement d’étape'),
  source('proposal', 'outcome_reason', 'Motif de la suite d’une mise en relation'),
  source('placement', 'job_title', 'Poste d’un placement'),
  source('placement', 'rupture_reason', 'Motif d’une rupture'),
  source('staff_alert', 'message', 'Message d’une alerte'),
  source('staff_alert', 'resolution_note', 'Note de traitement d’une alerte'),
  source('check_in', 'going_well', 'Point de suivi : ce qui va bien'),
  source('check_in', 'difficulty_details', 'Point de suivi : précisions sur les difficultés'),
  source('check_in', 'call_note', 'Point de suivi : note d’appel'),
  source('check_in', 'last_error', 'Point de suivi : erreur d’envoi'),
  source('mail_outbox', 'context', 'E-mail enregistré', 'json'),
  source('mail_outbox', 'last_error', 'E-mail enregistré : erreur d’envoi'),
  source('privacy_request', 'reason', 'Motif d’une demande RGPD'),
  source('pitch_script_version', 'change_note', 'Note de version d’un argumentaire'),
  source('pitch_script_version', 'sections', 'Texte d’un argumentaire', 'json'),
  source('import_run', 'report', 'Rapport d’un import de fichier', 'json'),
  source('import_run', 'error', 'Erreur d’un import de fichier'),
  // What the audit trail recorded of the texts above, before and after each change.
  source('audit_event', 'changes', 'Journal des modifications', 'json'),
  source('audit_event', 'details', 'Journal des modifications : détails', 'json'),
];

/**
 * Tables edited with optimistic concurrency: a redacted row gets a new version, so a form still
 * open on the old text is refused (409) rather than writing the name back.
 */
const VERSIONED = new Set(['company', 'job_lead', 'placement', 'candidate']);
/** Tables without `updated_at`. */
const UNTIMED = new Set(['mail_outbox', 'privacy_request', 'audit_event']);
/** When a row was written, where it is not `created_at`. */
const WRITTEN_AT: Record<string, string> = { audit_event: 'at' };

const TABLES = [...new Set(TEXT_SOURCES.map((s) => s.table))].map((table) => ({
  table,
  sources: TEXT_SOURCES.filter((s) => s.table === table),
}));

/** One mention of the person in the structure's free text. */
export interface IdentityMention {
  /** Stable while the text around does not change: the erasure form sends back those to keep. */
  id: string;
  table: string;
  column: string;
  rowId: string;
  /** Where in an array or JSON document (`[2]`, `health`, `alerts[0].message`); null for plain text. */
  path: string | null;
  kind: MatchKind;
  /** The kind of text, in French. */
  source: string;
  /** The mention as written. */
  text: string;
  /** About 30 characters either side. */
  context: { before: string; match: string; after: string };
  createdAt: Date;
}

/** A row the search leaves alone (the person's own record, cleared anyway), with its audit trail. */
export interface RowRef {
  table: string;
  id: string;
}

export interface RedactOptions {
  /** What a mention becomes (« [effacé le JJ/MM/AAAA] », `erasedText`). */
  mark: string;
  /** Ids (from a search) of mentions to leave as they are; every other mention is redacted. */
  keep?: ReadonlySet<string>;
  exclude?: readonly RowRef[];
}

/** Every mention of the person in the structure's free text, oldest rows first. */
export async function findIdentityMentions(
  manager: EntityManager,
  structureId: string,
  identity: Identity,
  exclude: readonly RowRef[] = [],
): Promise<IdentityMention[]> {
  const matcher = identityMatcher(identity);
  if (!matcher) return [];
  const mentions: IdentityMention[] = [];
  for (const { table, sources } of TABLES) {
    const rows = await candidateRows(manager, structureId, table, sources, matcher.needles, exclude, false);
    for (const row of rows) {
      for (const src of sources) {
        for (const cell of cellsOf(src, row[src.column])) {
          for (const { span, id } of identified(src, row.id, cell.path, matcher.find(cell.value))) {
            mentions.push({
              id,
              table,
              column: src.column,
              rowId: row.id,
              path: cell.path,
              kind: span.kind,
              source: src.label,
              text: span.text,
              context: excerpt(cell.value, span),
              createdAt: row.created_at,
            });
          }
        }
      }
    }
  }
  return mentions;
}

/**
 * Replaces the person's mentions with `mark`, but those kept, in every free text of the structure.
 * Rows are locked and searched again here, so a text edited since the manager's preview is redacted
 * as it now reads (never at stale offsets). Returns how many mentions were redacted and kept.
 */
export async function redactIdentityMentions(
  manager: EntityManager,
  structureId: string,
  identity: Identity,
  options: RedactOptions,
): Promise<{ redacted: number; kept: number }> {
  const matcher = identityMatcher(identity);
  const counts = { redacted: 0, kept: 0 };
  if (!matcher) return counts;
  for (const { table, sources } of TABLES) {
    const rows = await candidateRows(manager, structureId, table, sources, matcher.needles, options.exclude ?? [], true);
    for (const row of rows) {
      const changed = new Map<string, unknown>();
      for (const src of sources) {
        const value = row[src.column];
        const redactCell = (cellPath: string | null, text: string): string => {
          const spans = identified(src, row.id, cellPath, matcher.find(text));
          const chosen = spans.filter(({ id }) => !options.keep?.has(id)).map(({ span }) => span);
          counts.kept += spans.length - chosen.length;
          counts.redacted += chosen.length;
          return chosen.length ? redactSpans(text, chosen, options.mark) : text;
        };
        const next = mapCells(src, value, redactCell);
        if (JSON.stringify(next) !== JSON.stringify(value)) changed.set(src.column, src.shape === 'json' ? JSON.stringify(next) : next);
      }
      if (!changed.size) continue;
      const columns = [...changed.keys()];
      const sets = columns.map((column, i) => `${column} = $${i + 3}${TEXT_SOURCES.find((s) => s.table === table && s.column === column)!.shape === 'json' ? '::jsonb' : ''}`);
      if (VERSIONED.has(table)) sets.push('version = version + 1');
      if (!UNTIMED.has(table)) sets.push('updated_at = now()');
      await manager.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1 AND structure_id = $2`, [row.id, structureId, ...changed.values()]);
    }
  }
  return counts;
}

// ---------------------------------------------------------------- rows and cells

interface Row {
  id: string;
  created_at: Date;
  [column: string]: any;
}

/**
 * The rows of one table whose free text may hold a mention: it contains the surname's longest
 * word, the address or the number's digits once folded as the matcher folds (PostgreSQL does it
 * with `translate`, no extension needed). The matcher then decides, in Node.
 */
async function candidateRows(
  manager: EntityManager,
  structureId: string,
  table: string,
  sources: readonly TextSource[],
  needles: Needles,
  exclude: readonly RowRef[],
  lock: boolean,
): Promise<Row[]> {
  const params: unknown[] = [structureId];
  /** A bind parameter, numbered once. */
  const bound = new Map<unknown, string>();
  const param = (value: unknown) => {
    if (!bound.has(value)) bound.set(value, `$${params.push(value)}`);
    return bound.get(value)!;
  };
  const words = [needles.name, needles.email].filter((needle): needle is string => needle !== null);
  const likes = words.map(likeNeedle).filter((like): like is string => like !== null);
  // A name or address without enough Latin letters to look for: every text goes to the matcher.
  const unfiltered = likes.length < words.length;
  const conditions: string[] = [];
  for (const { column } of sources) {
    const alternatives: string[] = [];
    if (unfiltered) alternatives.push('true');
    else {
      if (likes.length) alternatives.push(`${foldSql(`${column}::text`, param(FOLD_FROM), param(FOLD_TO))} LIKE ANY(${param(likes)}::text[])`);
      if (needles.digits) alternatives.push(`regexp_replace(${column}::text, '[^0-9]', '', 'g') LIKE ${param(`%${needles.digits}%`)}`);
    }
    if (alternatives.length) conditions.push(`(${column} IS NOT NULL AND (${alternatives.join(' OR ')}))`);
  }
  if (!conditions.length) return [];
  const excluded = exclude.filter((ref) => ref.table === table).map((ref) => ref.id);
  // The audit trail's events about the person's own record: the audit forgets them itself (PrivacyHooks).
  const ownHistory =
    table === 'audit_event' ? exclude.map((ref) => ` AND NOT (entity = ${param(ref.table)} AND entity_id::text = ${param(ref.id)})`).join('') : '';
  const columns = sources.map((s) => s.column).join(', ');
  const writtenAt = WRITTEN_AT[table] ?? 'created_at';
  return (await manager.query(
    `SELECT id::text AS id, ${writtenAt} AS created_at, ${columns} FROM ${table}
      WHERE structure_id = $1 AND id::text <> ALL(${param(excluded)}::text[])${ownHistory} AND (${conditions.join(' OR ')})
      ORDER BY ${writtenAt}, id${lock ? ' FOR NO KEY UPDATE' : ''}`,
    params,
  )) as Row[];
}

/** Each searchable string of a value, with where it is. */
function cellsOf(src: TextSource, value: unknown): Array<{ path: string | null; value: string }> {
  const cells: Array<{ path: string | null; value: string }> = [];
  mapCells(src, value, (path, text) => {
    cells.push({ path, value: text });
    return text;
  });
  return cells;
}

/** The value with each string replaced by `map(path, string)`. */
function mapCells(src: TextSource, value: unknown, map: (path: string | null, text: string) => string): unknown {
  if (value === null || value === undefined) return value;
  if (src.shape === 'text') return typeof value === 'string' ? map(null, value) : value;
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') return map(path, node);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, path ? `${path}.${key}` : key)]));
    }
    return node;
  };
  return walk(value, '');
}

/** The spans of one string with their stable ids: same text, same place, same occurrence, same id. */
function identified(src: TextSource, rowId: string, path: string | null, spans: Span[]): Array<{ span: Span; id: string }> {
  const seen = new Map<string, number>();
  return spans.map((span) => {
    const key = `${span.kind}:${span.folded}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const id = createHash('sha256')
      .update([src.table, src.column, rowId, path ?? '', key, occurrence].join('\u0000'))
      .digest('hex')
      .slice(0, 24);
    return { span, id };
  });
}

// ---------------------------------------------------------------- folding in SQL

/**
 * The matcher's folding of Latin letters as `translate` arguments (accented letter → its base
 * letter; combining accents, listed last without a counterpart, are dropped), and the ligatures
 * that fold to two letters.
 */
const { FOLD_FROM, FOLD_TO, LIGATURES } = (() => {
  let from = '';
  let to = '';
  const ligatures: Array<[string, string]> = [];
  for (const [low, high] of [
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ]) {
    for (let code = low; code <= high; code++) {
      const char = String.fromCodePoint(code);
      const folded = foldChar(char);
      if (folded === char || !/^[a-z]+$/.test(folded)) continue;
      if (folded.length === 1) {
        from += char;
        to += folded;
      } else ligatures.push([char, folded]);
    }
  }
  for (let code = 0x300; code <= 0x36f; code++) from += String.fromCodePoint(code);
  return { FOLD_FROM: from, FOLD_TO: to, LIGATURES: ligatures };
})();

/** SQL folding `expression` like the matcher: accents (`from` and `to`: FOLD_FROM, FOLD_TO), then case, then ligatures. */
function foldSql(expression: string, from: string, to: string): string {
  return LIGATURES.reduce((sql, [char, folded]) => `replace(${sql}, '${char}', '${folded}')`, `lower(translate(${expression}, ${from}, ${to}))`);
}

/** A LIKE pattern for a folded needle: its longest run of plain letters and digits, when long enough to be selective. */
function likeNeedle(needle: string | null): string | null {
  if (!needle) return null;
  if (/^[a-z0-9@._+-]+$/.test(needle)) return `%${needle.replace(/[\\%_]/g, '\\$&')}%`;
  const run = (needle.match(/[a-z0-9]+/g) ?? []).reduce((best, part) => (part.length > best.length ? part : best), '');
  return run.length >= 3 ? `%${run}%` : null;
}
