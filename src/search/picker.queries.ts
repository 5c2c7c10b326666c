import { DataSource } from 'typeorm';
import { ACCENTED, likeWord, UNACCENTED } from '../common/folded-like';
import { searchWords } from './search.service';

/*
 * The record pickers of the forms: a company, a contact or a candidate of the structure found by
 * part of its name (case and accents ignored), and how many there are to choose from (a short list
 * stays a plain menu).
 */

export const PICKER_TYPES = ['entreprise', 'contact', 'candidat'] as const;
export type PickerType = (typeof PICKER_TYPES)[number];

/** Choices a search proposes, at most. */
export const PICKER_SIZE = 10;

export interface PickerChoice {
  id: string;
  label: string;
  detail: string | null;
}

export function isPickerType(value: unknown): value is PickerType {
  return typeof value === 'string' && (PICKER_TYPES as readonly string[]).includes(value);
}

interface PickerSql {
  from: string;
  haystack: string;
  select: string;
  order: string;
}

const SQL: Record<PickerType, PickerSql> = {
  entreprise: {
    from: 'company r',
    haystack: `r.name || ' ' || coalesce(r.commune, '')`,
    select: `r.id, r.name AS label, r.commune AS detail`,
    order: 'r.name, r.id',
  },
  contact: {
    from: 'contact r JOIN company c ON c.id = r.company_id AND c.structure_id = r.structure_id',
    haystack: `coalesce(r.first_name, '') || ' ' || r.last_name`,
    select: `r.id, trim(coalesce(r.first_name, '') || ' ' || r.last_name) AS label, c.name AS detail`,
    order: 'r.last_name, r.first_name, r.id',
  },
  candidat: {
    from: 'candidate r',
    haystack: `r.first_name || ' ' || r.last_name`,
    select: `r.id, r.first_name || ' ' || r.last_name AS label, NULL AS detail`,
    order: 'r.last_name, r.first_name, r.id',
  },
};

/** What every query of a type keeps: the structure, a contact not erased and of the company if given, a candidate still followed and not anonymised. */
function scope(type: PickerType, companyId: string | null, params: unknown[]): string {
  const conditions = ['r.structure_id = $1'];
  if (type === 'contact') conditions.push('r.erased_at IS NULL');
  if (type === 'contact' && companyId) {
    params.push(companyId);
    conditions.push(`r.company_id = $${params.length}`);
  }
  if (type === 'candidat') conditions.push(`r.status <> 'exited' AND r.anonymised_at IS NULL`);
  return conditions.join(' AND ');
}

/** The records of a type whose name holds every word typed, at most `PICKER_SIZE`; none under two characters. */
export async function pickerChoices(db: DataSource, structureId: string, type: PickerType, q: string, companyId: string | null): Promise<PickerChoice[]> {
  const words = searchWords(q);
  if (q.trim().length < 2 || !words.length) return [];
  const sql = SQL[type];
  const params: unknown[] = [structureId, ACCENTED, UNACCENTED];
  const where = scope(type, companyId, params);
  const matches = words.map((word) => {
    params.push(likeWord(word));
    return `translate(lower(${sql.haystack}), $2, $3) LIKE $${params.length}`;
  });
  params.push(PICKER_SIZE);
  return db.query(`SELECT ${sql.select} FROM ${sql.from} WHERE ${where} AND ${matches.join(' AND ')} ORDER BY ${sql.order} LIMIT $${params.length}`, params);
}

/** How many records of a type there are to choose from. */
export async function pickerCount(db: DataSource, structureId: string, type: PickerType, companyId: string | null = null): Promise<number> {
  const params: unknown[] = [structureId];
  const where = scope(type, companyId, params);
  const [row] = await db.query(`SELECT count(*)::int AS n FROM ${SQL[type].from} WHERE ${where}`, params);
  return row.n;
}

/** One record by id, if it is the structure's (to show the chosen one). */
export async function pickerChoice(db: DataSource, structureId: string, type: PickerType, id: string): Promise<PickerChoice | null> {
  const params: unknown[] = [structureId, id];
  const [row] = await db.query(`SELECT ${SQL[type].select} FROM ${SQL[type].from} WHERE r.structure_id = $1 AND r.id = $2`, params);
  return row ?? null;
}

/** The first records of a type by name, for a short menu. */
export async function pickerList(db: DataSource, structureId: string, type: PickerType, companyId: string | null, limit: number): Promise<PickerChoice[]> {
  const params: unknown[] = [structureId];
  const where = scope(type, companyId, params);
  params.push(limit);
  return db.query(`SELECT ${SQL[type].select} FROM ${SQL[type].from} WHERE ${where} ORDER BY ${SQL[type].order} LIMIT $${params.length}`, params);
}
