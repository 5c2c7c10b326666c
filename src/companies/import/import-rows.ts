import { isEmail, isURL } from 'class-validator';
import { parse } from 'csv-parse';
import { Options as SyncOptions, parse as parseSync } from 'csv-parse/sync';
import { Readable, pipeline } from 'node:stream';
import { normalizeSearchText } from '../company-name';
import { COMPANY_SOURCE_LABELS, COMPANY_SOURCES, CompanySource } from '../company.entity';
import { POSTCODE_PATTERN } from '../dto/company.dto';
import { parsePhone } from '../../common/phone';
import { HEADCOUNT_CODES } from '../headcount';
import { isKnownNafCode, nafLabel, normalizeNafCode } from '../naf';
import { isValidSiret, normalizeSiret } from '../siret';
import { hasHiddenCharacters } from '../../common/names';

/**
 * Pure part of the CSV import: decoding, format detection from the header row, and the mapping
 * and validation of one row into the fields of a company. No database, so it is unit-tested.
 */

export type ImportFormat = 'tremplin' | 'sirene';

/**
 * Our template's columns, in order. Only `nom` is required. `telephone` is the company's
 * switchboard; a person's direct line goes with their name in the `contact_*` columns, which add
 * a contact to the company (its phone on the contact, never on the company).
 */
export const TEMPLATE_COLUMNS = [
  'nom',
  'siret',
  'code_naf',
  'secteur',
  'tranche_effectif',
  'adresse',
  'code_postal',
  'commune',
  'territoire',
  'site_web',
  'telephone',
  'origine',
  'referent_email',
  'etiquettes',
  'notes',
  'contact_prenom',
  'contact_nom',
  'contact_fonction',
  'contact_email',
  'contact_telephone',
] as const;

/** The columns of a person at the company: any of them filled makes `contact_nom` required. */
export const CONTACT_COLUMNS = ['contact_prenom', 'contact_nom', 'contact_fonction', 'contact_email', 'contact_telephone'] as const;

/** The SIRENE columns we read (StockEtablissement / API Sirene names). */
export const SIRENE_COLUMNS = [
  'siret',
  'etatAdministratifEtablissement',
  'enseigne1Etablissement',
  'denominationUsuelleEtablissement',
  'denominationUniteLegale',
  'nomUniteLegale',
  'prenom1UniteLegale',
  'activitePrincipaleEtablissement',
  'trancheEffectifsEtablissement',
  'complementAdresseEtablissement',
  'numeroVoieEtablissement',
  'indiceRepetitionEtablissement',
  'typeVoieEtablissement',
  'libelleVoieEtablissement',
  'codePostalEtablissement',
  'libelleCommuneEtablissement',
] as const;

/** What a SIRENE file must have for us to recognise it. */
const SIRENE_REQUIRED = ['siret', 'codePostalEtablissement'];

/** Companies found in a SIRENE extract are prospects nobody has called yet. */
export const SIRENE_SOURCE: CompanySource = 'cold_prospection';
export const DEFAULT_SOURCE: CompanySource = 'cold_prospection';

/** Fields of a company as read from one row, validated and normalised. */
export interface ImportedCompany {
  name: string;
  siret: string | null;
  nafCode: string | null;
  sectorLabel: string | null;
  headcountBand: string | null;
  address: string | null;
  postcode: string | null;
  commune: string | null;
  territory: string | null;
  website: string | null;
  phone: string | null;
  source: CompanySource;
  ownerId: string | null;
  tags: string[];
  notes: string | null;
  /** A person at the company, from the `contact_*` columns of our template. */
  contact: ImportedContact | null;
}

export interface ImportedContact {
  firstName: string | null;
  lastName: string;
  jobTitle: string | null;
  /** Lower-cased, as the contact form keeps it. */
  email: string | null;
  /** Their direct line. */
  phone: string | null;
}

export type RowOutcome =
  | { ok: true; company: ImportedCompany }
  | { ok: false; reason: string; name: string | null; siret: string | null };

export interface RowContext {
  /** Active staff members of the structure: lower-cased e-mail → user id. */
  staffByEmail: ReadonlyMap<string, string>;
}

/** A row keyed by the lower-cased header names. */
export type CsvRecord = Record<string, string>;

/** How the worker decodes a file's bytes; the API decides it while the file streams in. */
export type CsvEncoding = 'utf-8' | 'windows-1252';

// Windows-1252 differs from Latin-1 only in 0x80-0x9F (€, curly quotes, Œ, …); Node's TextDecoder
// may lack the table when built without full ICU, so it is spelled out here.
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(buffer: Buffer): string {
  return buffer.toString('latin1').replace(/[\u0080-\u009F]/g, (char) => CP1252_HIGH[char.charCodeAt(0) - 0x80]);
}

/**
 * Decodes a file chunk by chunk: a UTF-8 character split between two chunks is kept whole, and
 * a UTF-8 BOM is dropped (TextDecoder does it).
 */
export class CsvDecoder {
  private readonly utf8: TextDecoder | null;

  constructor(encoding: CsvEncoding) {
    this.utf8 = encoding === 'utf-8' ? new TextDecoder('utf-8') : null;
  }

  write(chunk: Buffer): string {
    return this.utf8 ? this.utf8.decode(chunk, { stream: true }) : decodeWindows1252(chunk);
  }

  end(): string {
    return this.utf8 ? this.utf8.decode() : '';
  }
}

/** How much of the beginning of a file the API keeps to check its header row. */
export const HEAD_BYTES = 64 * 1024;

/**
 * Watches a file stream past without keeping it: its size, whether it holds a NUL byte, whether
 * it is valid UTF-8 throughout (otherwise it is read as Windows-1252, old Excel), and its head.
 */
export class CsvSniffer {
  size = 0;
  hasNul = false;
  private utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  private readonly head: Buffer[] = [];
  private headSize = 0;

  write(chunk: Buffer): void {
    this.size += chunk.length;
    if (!this.hasNul && chunk.includes(0)) this.hasNul = true;
    this.checkUtf8(() => this.utf8?.decode(chunk, { stream: true }));
    if (this.headSize < HEAD_BYTES) {
      const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - this.headSize));
      this.head.push(part);
      this.headSize += part.length;
    }
  }

  finish(): { size: number; hasNul: boolean; encoding: CsvEncoding; head: string; complete: boolean } {
    this.checkUtf8(() => this.utf8?.decode());
    const encoding: CsvEncoding = this.utf8 ? 'utf-8' : 'windows-1252';
    const head = new CsvDecoder(encoding).write(Buffer.concat(this.head));
    return { size: this.size, hasNul: this.hasNul, encoding, head, complete: this.size <= HEAD_BYTES };
  }

  private checkUtf8(decode: () => unknown): void {
    try {
      decode();
    } catch {
      this.utf8 = null;
    }
  }
}

/** `;` (French Excel) or `,` (SIRENE, most tools): whichever the header line holds more of. */
export function detectDelimiter(text: string): ';' | ',' {
  const end = text.search(/\r?\n/);
  const firstLine = end === -1 ? text : text.slice(0, end);
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : ',';
}

export function headerKey(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase();
}

/** The format the header row announces, or null when it is neither ours nor SIRENE's. */
export function detectFormat(headers: string[]): ImportFormat | null {
  const keys = new Set(headers.map(headerKey));
  if (SIRENE_REQUIRED.every((column) => keys.has(column.toLowerCase()))) return 'sirene';
  if (keys.has('nom')) return 'tremplin';
  return null;
}

export const EXPECTED_COLUMNS_MESSAGE =
  `unrecognised columns: expected either the Tremplin template (${TEMPLATE_COLUMNS.join(';')}; only "nom" is required, ` +
  `see GET /api/imports/template.csv) or an INSEE SIRENE establishment file (${SIRENE_REQUIRED.join(', ')}, ` +
  `enseigne1Etablissement or denominationUniteLegale, activitePrincipaleEtablissement, ...)`;

export interface ParsedRow {
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  record: CsvRecord;
}

/** A parsed record with its text as in the file (the `raw` option). */
interface RawRecord {
  record: string[];
  raw: string;
}

const PARSE_OPTIONS = { raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

/**
 * Turns parsed records into rows keyed by header, numbered with the file's lines: a quoted field
 * spanning lines moves the next row's number on, and blank lines are counted but yield no row.
 */
class RowNumbering {
  readonly keys: string[];
  private line: number;

  constructor(header: RawRecord) {
    this.keys = header.record.map(headerKey);
    this.line = 1 + lineBreaks(header.raw);
  }

  row({ record, raw }: RawRecord): ParsedRow | null {
    const start = this.line;
    this.line += lineBreaks(raw);
    if (record.every((value) => value.trim() === '')) return null;
    const keyed: CsvRecord = {};
    this.keys.forEach((key, index) => {
      if (key && !(key in keyed)) keyed[key] = record[index] ?? '';
    });
    return { line: start, record: keyed };
  }
}

// The parser's own line counter is thrown off by CRLF inside quoted fields: count the breaks of
// each record's raw text instead (CRLF, LF or a lone CR each end one line).
function lineBreaks(raw: string): number {
  return raw.match(/\r\n|\r|\n/g)?.length ?? 0;
}

export interface CsvFile {
  headers: string[];
  format: ImportFormat | null;
  rows: AsyncIterable<ParsedRow>;
}

async function* noRows(): AsyncGenerator<ParsedRow> {}

/**
 * Reads a file chunk by chunk (as the worker gets it from PostgreSQL): memory holds one chunk and
 * one record at a time, whatever the size of the file.
 */
export async function readCsv(chunks: AsyncIterable<Buffer>, encoding: CsvEncoding): Promise<CsvFile> {
  const decoder = new CsvDecoder(encoding);
  const texts = (async function* () {
    for await (const chunk of chunks) {
      const text = decoder.write(chunk);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  })();
  // The delimiter is read from the header line: gather text until it ends.
  let start = '';
  for (let next = await texts.next(); !next.done; next = await texts.next()) {
    start += next.value;
    if (/[\r\n]/.test(start)) break;
  }
  if (!start) return { headers: [], format: null, rows: noRows() };
  const parser = parse({ ...PARSE_OPTIONS, delimiter: detectDelimiter(start) });
  const source = Readable.from(
    (async function* () {
      yield start;
      yield* texts;
    })(),
    { objectMode: false },
  );
  // Errors reach the reader through the parser, which the pipeline destroys with them.
  pipeline(source, parser, () => undefined);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<RawRecord>;
  const header = await records.next();
  if (header.done) return { headers: [], format: null, rows: noRows() };
  const numbering = new RowNumbering(header.value);
  const headers = header.value.record;
  return {
    headers,
    format: detectFormat(headers),
    rows: (async function* () {
      try {
        for (let next = await records.next(); !next.done; next = await records.next()) {
          const row = numbering.row(next.value);
          if (row) yield row;
        }
      } finally {
        // A reader that stops early (a failed batch) stops the reading of chunks too.
        parser.destroy();
      }
    })(),
  };
}

/**
 * The header row, and whether a data row follows, from the beginning of a file. When `head` is
 * only the beginning, a record it cuts short is no error (a data row longer than the head still
 * counts as a row). Throws the parser's error on a file that is not CSV.
 */
export function peekCsv(head: string, complete: boolean): { headers: string[]; format: ImportFormat | null; hasRows: boolean } {
  const records: RawRecord[] = [];
  const options: SyncOptions = {
    ...PARSE_OPTIONS,
    delimiter: detectDelimiter(head),
    to: 100,
    // With `raw`, the parser hands its { record, raw } pairs to on_record; its types do not say so.
    on_record: ((record: RawRecord) => {
      records.push(record);
      return record;
    }) as unknown as SyncOptions['on_record'],
  };
  try {
    parseSync(head, options);
  } catch (error) {
    if (complete || (error as { code?: string }).code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
  }
  if (!records.length) return { headers: [], format: null, hasRows: false };
  if (!complete && !/[\r\n]$/.test(records[0].raw)) {
    throw new Error(`the header row does not end within the first ${Math.round(head.length / 1024)} KiB`);
  }
  const numbering = new RowNumbering(records[0]);
  const hasRows = !complete || records.slice(1).some((record) => numbering.row(record) !== null);
  return { headers: records[0].record, format: detectFormat(records[0].record), hasRows };
}

/**
 * What a report keeps of a value read from the file: at most this many characters, then « … ».
 * Enough to find the faulty cell, too little to keep a person's details (the report outlives the
 * file, see import-retention.ts).
 */
export const EXCERPT_LENGTH = 40;

export function excerpt(value: string): string;
export function excerpt(value: string | null): string | null;
export function excerpt(value: string | null): string | null {
  if (value === null || value.length <= EXCERPT_LENGTH) return value;
  // Never cut a character outside the BMP in half: PostgreSQL refuses a lone surrogate in jsonb.
  const end = /[\uD800-\uDBFF]/.test(value[EXCERPT_LENGTH - 1]) ? EXCERPT_LENGTH - 1 : EXCERPT_LENGTH;
  return `${value.slice(0, end)}…`;
}

// INSEE street-type codes (typeVoieEtablissement) and how people write them.
const STREET_TYPES: Record<string, string> = {
  ALL: 'allée',
  AV: 'avenue',
  BD: 'boulevard',
  CAR: 'carrefour',
  CHE: 'chemin',
  CHS: 'chaussée',
  CITE: 'cité',
  COR: 'corniche',
  CRS: 'cours',
  DOM: 'domaine',
  DSC: 'descente',
  ECA: 'écart',
  ESP: 'esplanade',
  FG: 'faubourg',
  GR: 'grande rue',
  HAM: 'hameau',
  HLE: 'halle',
  IMP: 'impasse',
  LD: 'lieu-dit',
  LOT: 'lotissement',
  MAR: 'marché',
  MTE: 'montée',
  PARC: 'parc',
  PAS: 'passage',
  PASS: 'passage',
  PL: 'place',
  PLN: 'plaine',
  PLT: 'plateau',
  PRO: 'promenade',
  PRV: 'parvis',
  QUA: 'quartier',
  QUAI: 'quai',
  RES: 'résidence',
  RLE: 'ruelle',
  ROC: 'rocade',
  RPT: 'rond-point',
  RTE: 'route',
  RUE: 'rue',
  SEN: 'sentier',
  SQ: 'square',
  TPL: 'terre-plein',
  TRA: 'traverse',
  VLA: 'villa',
  VLGE: 'village',
  VOIE: 'voie',
  ZA: "zone d'activité",
  ZAC: "zone d'aménagement concerté",
  ZI: 'zone industrielle',
  ZONE: 'zone',
};

const REPETITION_INDEXES: Record<string, string> = { B: 'bis', T: 'ter', Q: 'quater', C: 'quinquies' };

function isUpperCase(text: string): boolean {
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

/**
 * "12 bis avenue de la Gare, Bâtiment B" from SIRENE's address columns: number, repetition index
 * (B → bis, T → ter…), street type written out (AV → avenue…), street name, then the complement.
 * Words we add are in capitals when the street name is (as SIRENE publishes it).
 */
export function sireneAddress(parts: {
  numero?: string;
  indice?: string;
  typeVoie?: string;
  libelleVoie?: string;
  complement?: string;
}): string | null {
  const clean = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');
  const libelle = clean(parts.libelleVoie);
  const typeCode = clean(parts.typeVoie).toUpperCase();
  const typeWord = typeCode ? (STREET_TYPES[typeCode] ?? typeCode.toLowerCase()) : '';
  const indice = clean(parts.indice).toUpperCase();
  const indiceWord = indice ? (REPETITION_INDEXES[indice] ?? indice.toLowerCase()) : '';
  const caps = (word: string) => (isUpperCase(libelle) ? word.toUpperCase() : word);
  const street = [clean(parts.numero), caps(indiceWord), caps(typeWord), libelle].filter(Boolean).join(' ');
  const address = [street, clean(parts.complement)].filter(Boolean).join(', ');
  return address || null;
}

/** A CompanySource from its key or its French label, accents and case ignored. */
export function parseSource(input: string): CompanySource | null {
  const wanted = normalizeSearchText(input);
  for (const source of COMPANY_SOURCES) {
    if (wanted === source || wanted === normalizeSearchText(source)) return source;
    const label = normalizeSearchText(COMPANY_SOURCE_LABELS[source]);
    // "Événement (job dating, food & job…)" is also accepted as just "Événement".
    if (wanted === label || wanted === label.split(' ')[0]) return source;
  }
  return null;
}

/** One column's problem, in French, naming the column as the file spells it. */
type Problem = string;

class RowReader {
  readonly problems: Problem[] = [];

  constructor(private readonly record: CsvRecord) {}

  /** Trimmed value, null when blank or the column is absent. */
  get(column: string): string | null {
    const value = this.record[column.toLowerCase()];
    if (value === undefined) return null;
    const trimmed = value.trim();
    // SIRENE writes [ND] (non diffusible) where a person asked for their details not to be published.
    return trimmed === '' || trimmed.toUpperCase() === '[ND]' ? null : trimmed;
  }

  text(column: string, max: number): string | null {
    const value = this.get(column);
    if (value !== null && value.length > max) {
      this.problems.push(`${column} : ${max} caractères au plus`);
      return null;
    }
    return value;
  }

  siret(column: string): string | null {
    const value = this.get(column);
    if (value === null) return null;
    const siret = normalizeSiret(value);
    if (!isValidSiret(siret)) {
      this.problems.push(`${column} : 14 chiffres attendus avec une clé de contrôle valide`);
      return null;
    }
    return siret;
  }

  naf(column: string): string | null {
    const value = this.get(column);
    if (value === null) return null;
    const code = normalizeNafCode(value);
    if (!code || !isKnownNafCode(code)) {
      this.problems.push(`${column} : code NAF rév. 2 inconnu (« ${excerpt(value)} » ; attendu par exemple 47.11D)`);
      return null;
    }
    return code;
  }

  headcount(column: string): string | null {
    const value = this.get(column);
    if (value === null) return null;
    const code = value.toUpperCase();
    if (!(HEADCOUNT_CODES as readonly string[]).includes(code)) {
      this.problems.push(`${column} : tranche d'effectif INSEE inconnue (« ${excerpt(value)} » ; attendu ${HEADCOUNT_CODES.join(', ')})`);
      return null;
    }
    return code;
  }

  postcode(column: string): string | null {
    const value = this.get(column);
    if (value === null) return null;
    if (!POSTCODE_PATTERN.test(value)) {
      this.problems.push(`${column} : 5 chiffres attendus (« ${excerpt(value)} »)`);
      return null;
    }
    return value;
  }

  website(column: string): string | null {
    const value = this.text(column, 300);
    if (value === null) return null;
    if (!isURL(value, { require_protocol: false })) {
      this.problems.push(`${column} : adresse web invalide (« ${excerpt(value)} »)`);
      return null;
    }
    return value;
  }

  phone(column: string): string | null {
    const value = this.get(column);
    if (value === null) return null;
    const phone = parsePhone(value);
    if (!phone) {
      this.problems.push(`${column} : numéro de téléphone invalide (« ${excerpt(value)} »)`);
      return null;
    }
    return phone.e164;
  }

  source(column: string): CompanySource {
    const value = this.get(column);
    if (value === null) return DEFAULT_SOURCE;
    const source = parseSource(value);
    if (!source) {
      this.problems.push(`${column} : origine inconnue (« ${excerpt(value)} » ; attendu ${Object.values(COMPANY_SOURCE_LABELS).join(', ')})`);
      return DEFAULT_SOURCE;
    }
    return source;
  }

  owner(column: string, staffByEmail: ReadonlyMap<string, string>): string | null {
    const value = this.get(column);
    if (value === null) return null;
    const id = staffByEmail.get(value.toLowerCase());
    if (!id) {
      this.problems.push(`${column} : aucun membre actif de la structure n'a l'adresse « ${excerpt(value)} »`);
      return null;
    }
    return id;
  }

  tags(column: string): string[] {
    const value = this.get(column);
    if (value === null) return [];
    const tags = [...new Set(value.split(',').map((tag) => tag.trim()).filter(Boolean))];
    if (tags.length > 20) this.problems.push(`${column} : 20 étiquettes au plus`);
    else if (tags.some((tag) => tag.length > 50)) this.problems.push(`${column} : 50 caractères au plus par étiquette`);
    else return tags;
    return [];
  }

  email(column: string): string | null {
    const value = this.get(column);
    if (value === null) return null;
    if (value.length > 254 || !isEmail(value)) {
      this.problems.push(`${column} : adresse e-mail invalide (« ${excerpt(value)} »)`);
      return null;
    }
    return value.toLowerCase();
  }

  /** A person's first or last name: at most 100 characters, nothing invisible. */
  personName(column: string): string | null {
    const value = this.get(column);
    if (value === null) return null;
    if (value.length > 100) this.problems.push(`${column} : 100 caractères au plus`);
    else if (hasHiddenCharacters(value)) this.problems.push(`${column} : caractères invisibles ou d’inversion du sens du texte interdits`);
    else return value;
    return null;
  }

  name(column: string, value: string | null): string | null {
    if (value === null) {
      this.problems.push(`${column} : obligatoire`);
      return null;
    }
    if (value.length > 200) {
      this.problems.push(`${column} : 200 caractères au plus`);
      return null;
    }
    if (hasHiddenCharacters(value)) {
      this.problems.push(`${column} : caractères invisibles ou d’inversion du sens du texte interdits`);
      return null;
    }
    return value;
  }
}

function outcome(reader: RowReader, company: ImportedCompany, rawName: string | null, rawSiret: string | null): RowOutcome {
  if (reader.problems.length) return { ok: false, reason: reader.problems.join(' ; '), name: excerpt(rawName), siret: excerpt(rawSiret) };
  return { ok: true, company };
}

function mapTemplateRow(record: CsvRecord, context: RowContext): RowOutcome {
  const row = new RowReader(record);
  const rawName = row.get('nom');
  const name = row.name('nom', rawName);
  const nafCode = row.naf('code_naf');
  const company: ImportedCompany = {
    name: name ?? '',
    siret: row.siret('siret'),
    nafCode,
    sectorLabel: row.text('secteur', 200) ?? (nafCode ? (nafLabel(nafCode) ?? null) : null),
    headcountBand: row.headcount('tranche_effectif'),
    address: row.text('adresse', 300),
    postcode: row.postcode('code_postal'),
    commune: row.text('commune', 100),
    territory: row.text('territoire', 100),
    website: row.website('site_web'),
    phone: row.phone('telephone'),
    source: row.source('origine'),
    ownerId: row.owner('referent_email', context.staffByEmail),
    tags: row.tags('etiquettes'),
    notes: row.text('notes', 5000),
    contact: templateContact(row),
  };
  return outcome(row, company, rawName, row.get('siret'));
}

/** The person of the `contact_*` columns, or null when they are all blank. */
function templateContact(row: RowReader): ImportedContact | null {
  if (CONTACT_COLUMNS.every((column) => row.get(column) === null)) return null;
  const lastName = row.personName('contact_nom');
  if (row.get('contact_nom') === null) row.problems.push('contact_nom : obligatoire quand une autre colonne contact_… est remplie');
  const contact = {
    firstName: row.personName('contact_prenom'),
    jobTitle: row.text('contact_fonction', 150),
    email: row.email('contact_email'),
    phone: row.phone('contact_telephone'),
  };
  return lastName === null ? null : { ...contact, lastName };
}

function sireneName(row: RowReader): string | null {
  const person = [row.get('nomUniteLegale'), row.get('prenom1UniteLegale')].filter(Boolean).join(' ');
  return (
    row.get('enseigne1Etablissement') ??
    row.get('denominationUsuelleEtablissement') ??
    row.get('denominationUniteLegale') ??
    row.get('denominationUsuelle1UniteLegale') ??
    (person || null)
  );
}

function mapSireneRow(record: CsvRecord): RowOutcome {
  const row = new RowReader(record);
  const rawName = sireneName(row);
  const rawSiret = row.get('siret');
  if (row.get('etatAdministratifEtablissement')?.toUpperCase() === 'F') {
    return { ok: false, reason: 'etatAdministratifEtablissement : établissement fermé (F)', name: excerpt(rawName), siret: excerpt(rawSiret) };
  }
  const name = row.name('enseigne1Etablissement', rawName);
  if (rawName === null) {
    // SIRENE has no single name column: say which ones were looked at.
    row.problems[row.problems.length - 1] =
      'nom : aucun des champs enseigne1Etablissement, denominationUsuelleEtablissement, denominationUniteLegale, nomUniteLegale n’est renseigné ' +
      '(le fichier StockEtablissement seul ne contient pas la dénomination : ajoutez la colonne denominationUniteLegale de StockUniteLegale)';
  }
  const nafCode = row.naf('activitePrincipaleEtablissement');
  const commune = row.text('libelleCommuneEtablissement', 100);
  const company: ImportedCompany = {
    name: name ?? '',
    siret: row.siret('siret'),
    nafCode,
    sectorLabel: nafCode ? (nafLabel(nafCode) ?? null) : null,
    headcountBand: row.headcount('trancheEffectifsEtablissement'),
    address: sireneAddress({
      numero: row.get('numeroVoieEtablissement') ?? undefined,
      indice: row.get('indiceRepetitionEtablissement') ?? undefined,
      typeVoie: row.get('typeVoieEtablissement') ?? undefined,
      libelleVoie: row.get('libelleVoieEtablissement') ?? undefined,
      complement: row.get('complementAdresseEtablissement') ?? undefined,
    }),
    postcode: row.postcode('codePostalEtablissement'),
    commune,
    territory: null,
    website: null,
    phone: null,
    source: SIRENE_SOURCE,
    ownerId: null,
    tags: [],
    notes: null,
    contact: null,
  };
  if (company.address && company.address.length > 300) row.problems.push('adresse : 300 caractères au plus');
  return outcome(row, company, rawName, rawSiret);
}

/** Validates one row in full; a row with any problem is rejected whole, with every problem named. */
export function mapRow(format: ImportFormat, record: CsvRecord, context: RowContext): RowOutcome {
  return format === 'sirene' ? mapSireneRow(record) : mapTemplateRow(record, context);
}
