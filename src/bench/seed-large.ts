import 'reflect-metadata';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { hashPassword } from '../auth/password';
import { zonedInstant } from '../checkins/check-in-plan';
import { PROJECT_ROOT } from '../common/paths';
import { derivedNames } from '../companies/companies.service';
import { HeadcountBand } from '../companies/headcount';
import { sirenWithCheckDigit, withCheckDigit } from '../companies/siret';
import { CONSTRAINT_CATEGORIES, REFERRERS } from '../candidates/candidate.entity';
import { DEFAULT_SCRIPTS } from '../pitches/default-scripts';
import { insertDefaultScripts } from '../pitches/pitch-scripts.queries';
import { ContractType, SHIFT_PATTERNS, ShiftPattern } from '../placements/contract-types';
import { exitCategoryOf } from '../placements/exit-category';
import { periodLastDay } from '../placements/periods';
import { kindOf, placementTermProblems } from '../placements/placement-rules';
import { DEFAULT_STAGES } from '../prospection/default-stages';
import { insertDefaultStages } from '../prospection/stages.queries';
import { calendarDayIn, isWorkingDay } from '../common/calendar/working-days';
import {
  ABANDON_REASONS,
  ACTIVITY_TEXTS,
  BENCH_ROME_CODES,
  CANDIDATE_SKILLS,
  CANDIDATE_STRENGTHS,
  CHAIN_BRANDS,
  COMPANY_TAGS,
  CONSTRAINT_TEXTS,
  CONTACT_JOB_TITLES,
  DECLINE_REASONS_CANDIDATE,
  DECLINE_REASONS_EMPLOYER,
  FANCY_NAMES,
  FEMALE_FIRST_NAMES,
  GENERIC_TRADE_WORDS,
  LAST_NAMES,
  LEAD_ADAPTATIONS,
  LEAD_REQUIREMENTS,
  LEGAL_FORM_SUFFIXES,
  MALE_FIRST_NAMES,
  NOT_NOW_REASON,
  PLACE_ENDINGS,
  REFUSAL_REASONS,
  RUPTURE_REASONS,
  STREET_NAMES,
  STREET_TYPES,
  TRADE_WORDS,
} from './names';
import { ProgressSink, SilentProgress, StreamProgress, TaskResult } from './progress';
import { addDays, hash32, Random, rowUuid, Weighted } from './random';

/**
 * The benchmark structure (issue 8, point 1): a large, realistic structure generated fast and
 * deterministically from a seed. `seedLarge` is the library entry point; run this file with node
 * for the command line (`node dist/src/bench/seed-large.js --seed=42 --scale=1`).
 *
 * Every generated row is a function of (seed, scale, now): ids are computed from the seed and the
 * row's index (`rowUuid`), each part of the data draws from its own seeded stream, and times are
 * offsets in working days from `now`. The default stages and pitch scripts are inserted with the
 * app's own helpers and then given ids derived from the seed too.
 */

export const BENCH_STRUCTURE_ID = '00000000-0000-4000-8000-00000000be4c';
export const BENCH_STRUCTURE_NAME = 'Structure de référence (bench)';
export const BENCH_PASSWORD = 'bench-password';
export const BENCH_EMAIL_DOMAIN = 'bench.tremplin.fr';
export const BENCH_TIME_ZONE = 'Europe/Paris';

/** Sizes at scale 1 (issue 8). Activities and stage events come out of the stories, near these. */
export const SCALE_ONE = {
  companies: 100_000,
  contacts: 200_000,
  activities: 1_000_000,
  stageEvents: 1_000_000,
  candidates: 5_000,
  leads: 20_000,
  placements: 10_000,
} as const;

/** The window of history: this many working days before today (about three years). */
const PAST_DAYS = 756;
/** Next actions and planned placements may fall this many working days ahead. */
const FUTURE_DAYS = 300;
const BATCH_ROWS = 10_000;

export interface SeedLargeOptions {
  seed?: number;
  scale?: number;
  /** The moment the history ends (default: now). The same seed and `now` give identical rows. */
  now?: Date;
  /** Progress on stderr (default), or a sink of your own, or false for none. */
  progress?: boolean | ProgressSink;
  /** One line per step (default: nothing). */
  log?: (line: string) => void;
  /** VACUUM (ANALYZE) the loaded tables afterwards, so plans and index-only scans are right at once (default true). */
  analyze?: boolean;
  /**
   * When the bench structure is the only structure of the schema, replace it with TRUNCATE ... CASCADE
   * (instant) instead of DELETE (default true). The check and the truncate happen under a lock.
   */
  allowTruncate?: boolean;
  /**
   * Writes nothing: answers the users and the current row counts of the bench structure already in
   * the database (see `benchStructureExists`), for a benchmark run that reuses it.
   */
  describeOnly?: boolean;
  /**
   * Drop the foreign keys of company, contact, activity and stage_event during their load and add them
   * back (same names and definitions, validated in one pass each) before the commit. Default: when
   * there are 50 000 activities or more. It locks those tables exclusively for the load.
   */
  dropForeignKeys?: boolean;
}

export interface BenchUser {
  id: string;
  email: string;
  role: 'admin' | 'manager' | 'staff';
  firstName: string;
  lastName: string;
}

export interface SeedLargeResult {
  structureId: string;
  seed: number;
  scale: number;
  now: string;
  password: string;
  users: BenchUser[];
  /** Rows written per table. */
  counts: Record<string, number>;
  /** Milliseconds per step (generation, each table's load, rebuild, vacuum...) and `total`. */
  timings: Record<string, number>;
  /** The whole seed, in seconds (0 with `describeOnly`). */
  seconds: number;
}

// ---------------------------------------------------------------------------------------------
// Reference data (data/*.csv), read once.

interface CommuneRow {
  postcode: string;
  name: string;
  department: string;
  latitude: number;
  longitude: number;
}

interface NafRow {
  code: string;
  label: string;
  division: string;
}

interface Reference {
  communes: CommuneRow[];
  communePicker: Weighted<number>;
  localCommunes: number[];
  localPicker: Weighted<number>;
  naf: NafRow[];
  nafPicker: Weighted<number>;
  jobsByRome: Map<string, string[]>;
}

/** Departments the bench structure mostly works in (Hauts-de-France), and their share of companies. */
const DEPARTMENT_SHARES: Record<string, number> = { '59': 0.36, '62': 0.2, '80': 0.04, '02': 0.04, '60': 0.04 };
const OTHER_DEPARTMENTS_SHARE = 0.32;

/** Where companies concentrate: each of these communes weighs as much as this many villages. */
const CITY_WEIGHT = 60;
const CITIES = new Set([
  'LILLE', 'ROUBAIX', 'TOURCOING', 'VILLENEUVE D ASCQ', 'DUNKERQUE', 'VALENCIENNES', 'DOUAI', 'CAMBRAI', 'MAUBEUGE',
  'ARMENTIERES', 'WATTRELOS', 'MARCQ EN BAROEUL', 'LAMBERSART', 'LA MADELEINE', 'LOOS', 'SECLIN', 'LESQUIN', 'HEM',
  'CROIX', 'WASQUEHAL', 'HAZEBROUCK', 'LENS', 'ARRAS', 'CALAIS', 'BOULOGNE SUR MER', 'BETHUNE', 'LIEVIN',
  'HENIN BEAUMONT', 'ST OMER', 'CARVIN', 'BRUAY LA BUISSIERE', 'AMIENS', 'BEAUVAIS', 'ST QUENTIN', 'COMPIEGNE',
  'SOISSONS', 'LAON', 'CREIL', 'ABBEVILLE', 'LYON', 'MARSEILLE', 'TOULOUSE', 'NANTES', 'BORDEAUX', 'STRASBOURG',
  'RENNES', 'MONTPELLIER', 'NICE', 'REIMS', 'ROUEN', 'LE HAVRE',
]);

/** Employment areas of Nord and Pas-de-Calais, by their main town: a commune belongs to the nearest. */
const TERRITORIES: Array<[string, number, number]> = [
  ['Métropole Européenne de Lille', 50.63, 3.07],
  ['Roubaix-Tourcoing', 50.70, 3.17],
  ['Dunkerquois', 51.03, 2.37],
  ['Flandre intérieure', 50.72, 2.54],
  ['Valenciennois', 50.36, 3.52],
  ['Cambrésis', 50.18, 3.23],
  ['Douaisis', 50.37, 3.08],
  ['Sambre-Avesnois', 50.28, 3.97],
  ['Lens-Liévin', 50.43, 2.83],
  ['Hénin-Carvin', 50.42, 2.95],
  ['Béthune-Bruay', 50.53, 2.64],
  ['Arrageois', 50.29, 2.78],
  ['Calaisis', 50.95, 1.86],
  ['Boulonnais', 50.73, 1.61],
  ['Audomarois', 50.75, 2.25],
  ['Montreuillois-Ternois', 50.46, 1.76],
];
const DEPARTMENT_NAMES: Record<string, string> = { '80': 'Somme', '02': 'Aisne', '60': 'Oise' };

/** Relative weight of each NAF division among prospected companies (others: 0.3). */
const DIVISION_WEIGHTS: Record<string, number> = {
  '47': 14, '56': 9, '43': 9, '46': 6, '81': 6, '49': 4, '45': 4, '10': 4, '52': 3, '55': 3, '86': 3, '88': 3,
  '96': 3, '87': 2.5, '41': 2, '25': 2, '68': 2, '69': 2, '85': 2, '70': 1.5, '71': 1.5, '62': 1.5, '93': 1.5,
  '01': 1.5, '16': 1, '22': 1, '38': 1, '80': 1, '82': 1, '78': 1, '42': 1, '33': 1, '18': 0.8, '11': 0.6,
};

/** ROME codes a need at a company of this NAF division is most likely about. */
const ROME_BY_DIVISION: Record<string, readonly string[]> = {
  '47': ['D1507', 'D1505', 'D1106', 'N1103', 'D1101'],
  '46': ['N1103', 'N1105', 'N1101', 'N4105'],
  '56': ['G1602', 'G1603', 'G1803', 'G1605'],
  '55': ['G1501', 'G1803', 'G1603', 'K2204'],
  '81': ['K2204', 'A1203', 'K2303', 'I1203'],
  '49': ['N4105', 'N4101', 'N1105'],
  '52': ['N1103', 'N1101', 'N1105', 'H3302'],
  '41': ['F1703', 'F1606', 'F1602', 'I1203'],
  '42': ['F1703', 'K2303', 'N1105'],
  '43': ['F1703', 'F1606', 'F1610', 'F1602', 'I1203'],
  '10': ['H2102', 'D1102', 'D1101', 'H3302', 'N1103'],
  '86': ['J1301', 'K2204', 'G1603'],
  '87': ['J1301', 'K1302', 'K2204', 'G1602'],
  '88': ['K1302', 'K1304', 'K2204'],
  '96': ['K2201', 'K2204'],
  '38': ['H3302', 'N1105', 'K2303'],
  '25': ['H3203', 'H3302', 'N1105'],
};

const HEADCOUNT_WEIGHTS: ReadonlyArray<readonly [HeadcountBand, number]> = [
  ['NN', 5], ['00', 8], ['01', 18], ['02', 16], ['03', 12], ['11', 12], ['12', 12], ['21', 7], ['22', 4],
  ['31', 1.5], ['32', 2], ['41', 1], ['42', 0.5], ['51', 0.3], ['52', 0.1], ['53', 0.1],
];

let reference: Reference | undefined;

function readCsv(file: string): string[][] {
  return parse(readFileSync(join(PROJECT_ROOT, 'data', file), 'utf8'), { from_line: 2 }) as string[][];
}

function loadReference(): Reference {
  if (reference) return reference;
  const seen = new Set<string>();
  const communes: CommuneRow[] = [];
  for (const [insee, postcode, name, department, , , latitude, longitude] of readCsv('communes.csv')) {
    const key = `${insee}|${postcode}`;
    if (seen.has(key) || !/^\d{5}$/.test(postcode)) continue;
    seen.add(key);
    communes.push({ postcode, name, department, latitude: Number(latitude) || 0, longitude: Number(longitude) || 0 });
  }
  // Each listed department gets its share, spread over its communes (cities weigh more); the rest of
  // France shares what is left the same way.
  const boost = (row: CommuneRow) => (CITIES.has(row.name) ? CITY_WEIGHT : 1);
  const totals = new Map<string, number>();
  let otherTotal = 0;
  for (const row of communes) {
    if (row.department in DEPARTMENT_SHARES) totals.set(row.department, (totals.get(row.department) ?? 0) + boost(row));
    else otherTotal += boost(row);
  }
  const weights = communes.map((row) =>
    row.department in DEPARTMENT_SHARES
      ? (DEPARTMENT_SHARES[row.department] * boost(row)) / totals.get(row.department)!
      : (OTHER_DEPARTMENTS_SHARE * boost(row)) / otherTotal,
  );
  const localCommunes = communes.flatMap((row, index) => (row.department === '59' || row.department === '62' ? [index] : []));

  const naf = readCsv('naf-rev2.csv').map(([code, label]) => ({ code, label, division: code.slice(0, 2) }));
  const perDivision = new Map<string, number>();
  for (const row of naf) perDivision.set(row.division, (perDivision.get(row.division) ?? 0) + 1);
  const nafPicker = new Weighted(
    naf.map((_, index) => index),
    naf.map((row) => (DIVISION_WEIGHTS[row.division] ?? 0.3) / perDivision.get(row.division)!),
  );

  const wanted = new Set<string>(BENCH_ROME_CODES);
  const jobsByRome = new Map<string, string[]>();
  for (const [, label, rome] of readCsv('rome-appellations.csv')) {
    if (!wanted.has(rome)) continue;
    const list = jobsByRome.get(rome) ?? [];
    list.push(label);
    jobsByRome.set(rome, list);
  }
  reference = {
    communes,
    communePicker: new Weighted(
      communes.map((_, index) => index),
      weights,
    ),
    localCommunes,
    localPicker: new Weighted(
      localCommunes,
      localCommunes.map((index) => boost(communes[index])),
    ),
    naf,
    nafPicker,
    jobsByRome,
  };
  return reference;
}

const SMALL_WORDS = new Set(['DE', 'DU', 'DES', 'LA', 'LE', 'LES', 'EN', 'SUR', 'SOUS', 'AUX', 'AU', 'ET', 'LES']);

/** "VILLENEUVE D ASCQ" → "Villeneuve-d'Ascq", "LA MADELEINE" → "La Madeleine", "ST OMER" → "Saint-Omer". */
export function communeDisplayName(postal: string): string {
  const words = postal.split(' ').filter(Boolean);
  const capital = (word: string) => word.charAt(0) + word.slice(1).toLowerCase();
  const parts: string[] = [];
  let elided = '';
  words.forEach((word, i) => {
    if ((word === 'D' || word === 'L') && i < words.length - 1) {
      elided = `${i === 0 ? word : word.toLowerCase()}'`;
      return;
    }
    const text = word === 'ST' ? 'Saint' : word === 'STE' ? 'Sainte' : i > 0 && !elided && SMALL_WORDS.has(word) ? word.toLowerCase() : capital(word);
    parts.push(elided + text);
    elided = '';
  });
  // An article at the start stays apart ("La Madeleine", "Le Touquet-Paris-Plage"); the rest is hyphenated.
  if (parts.length > 1 && ['Le', 'La', 'Les'].includes(parts[0])) return `${parts[0]} ${parts.slice(1).join('-')}`;
  return parts.join('-');
}

function territoryOf(row: CommuneRow): string {
  if (row.department !== '59' && row.department !== '62') return DEPARTMENT_NAMES[row.department] ?? `Département ${row.department}`;
  let best = TERRITORIES[0][0];
  let bestDistance = Infinity;
  const cos = Math.cos((row.latitude * Math.PI) / 180);
  for (const [name, latitude, longitude] of TERRITORIES) {
    const distance = (row.latitude - latitude) ** 2 + ((row.longitude - longitude) * cos) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = name;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Calendar: working days before today (the history) and from today on (what is planned).

interface Calendar {
  now: Date;
  today: string;
  /** Working days, oldest first: [0, PAST_DAYS) before today, then from today on. */
  days: string[];
  /** 00:00 Europe/Paris of each day, in ms. */
  starts: Float64Array;
}

function buildCalendar(now: Date): Calendar {
  const today = calendarDayIn(BENCH_TIME_ZONE, now);
  const past: string[] = [];
  for (let day = addDays(today, -1); past.length < PAST_DAYS; day = addDays(day, -1)) if (isWorkingDay(day)) past.push(day);
  past.reverse();
  const future: string[] = [];
  for (let day = today; future.length < FUTURE_DAYS; day = addDays(day, 1)) if (isWorkingDay(day)) future.push(day);
  const days = [...past, ...future];
  const starts = new Float64Array(days.length);
  days.forEach((day, index) => (starts[index] = zonedInstant(day, 0, 0, BENCH_TIME_ZONE).getTime()));
  return { now, today, days, starts };
}

// ---------------------------------------------------------------------------------------------
// Growable columns for the big tables (a million rows as typed arrays rather than objects).

class Column<T extends Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array> {
  data: T;
  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }
  set(index: number, value: number): void {
    if (index >= this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[index] = value;
  }
}

const f64 = () => new Column((size) => new Float64Array(size));
const i32 = () => new Column((size) => new Int32Array(size));
const i16 = () => new Column((size) => new Int16Array(size));
const i8 = () => new Column((size) => new Int8Array(size));
const u8 = () => new Column((size) => new Uint8Array(size));

const ACTIVITY_TYPES = ['call', 'meeting', 'visit', 'email', 'event', 'note'] as const;
const [CALL, MEETING, VISIT, EMAIL, EVENT, NOTE] = [0, 1, 2, 3, 4, 5];
const OUTCOMES = [null, 'no_answer', 'call_back', 'refused', 'meeting_booked', 'need_found'] as const;
const [NONE, NO_ANSWER, CALL_BACK, REFUSED_OUTCOME, MEETING_BOOKED_OUTCOME, NEED_FOUND_OUTCOME] = [0, 1, 2, 3, 4, 5];
const NEXT_ACTION_TYPES = ['call', 'meeting', 'visit', 'email', 'event', 'other'] as const;

const STAGE = Object.fromEntries(DEFAULT_STAGES.map((stage, index) => [stage.key, index])) as Record<string, number>;
const [TO_PROSPECT, FIRST_CALL, MEETING_BOOKED, MEETING_HELD, NEED_FOUND, CANDIDATE_PROPOSED, RECRUITMENT, ACTIVE_PARTNER, NO_NEED, REFUSED] = [
  STAGE.to_prospect, STAGE.first_call, STAGE.meeting_booked, STAGE.meeting_held, STAGE.need_found,
  STAGE.candidate_proposed, STAGE.recruitment, STAGE.active_partner, STAGE.no_need, STAGE.refused,
];

const MOVE_REASONS = [
  null,
  'Rendez-vous annulé',
  'Candidature non retenue',
  'Injoignable après plusieurs appels',
  'Besoin abandonné',
  'Erreur de colonne',
  'Relance après trois mois',
  'Nouvelle prospection après un refus',
  'Plus de besoin pour le moment',
] as const;
const [R_NONE, R_CANCELLED, R_DECLINED, R_UNREACHABLE, R_ABANDONED, R_MISTAKE, R_COME_BACK, R_RETRY, R_NO_MORE_NEED] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

const REFUSALS = [null, NOT_NOW_REASON, ...REFUSAL_REASONS] as const;

/** Activity texts, flattened; each category is a range of indices. */
const TEXTS: string[] = [];
const TEXT_RANGES: Record<string, [number, number]> = {};
for (const [category, texts] of Object.entries(ACTIVITY_TEXTS)) {
  TEXT_RANGES[category] = [TEXTS.length, texts.length];
  TEXTS.push(...texts);
}

const SCRIPT_KINDS = ['first_call', 'first_meeting'] as const;
const SCRIPT_OBJECTIONS: string[][] = SCRIPT_KINDS.map((kind) =>
  DEFAULT_SCRIPTS.find((script) => script.kind === kind)!.sections.objections.map((objection) => objection.key),
);

// ---------------------------------------------------------------------------------------------
// The generated data, before it is written.

interface LeadPlan {
  company: number;
  contact: number;
  sourceActivity: number;
  spottedAt: number;
  owner: number;
  rome: string;
  romeKnown: boolean;
  jobTitle: string;
  contractType: ContractType;
  hours: number | null;
  shift: ShiftPattern;
  startDate: string;
  requiresLicence: boolean;
  requiresVehicle: boolean;
  requirements: string[];
  adaptations: string[];
  hidden: boolean;
  status: 'spotted' | 'qualified' | 'candidate_proposed' | 'interview' | 'filled' | 'abandoned';
  abandonReason: string | null;
  firstProposedAt: number | null;
  version: number;
  proposals: number[];
}

interface ProposalPlan {
  lead: number;
  candidate: number;
  proposedAt: number;
  proposedBy: number;
  outcome: 'pending' | 'interview' | 'immersion' | 'hired' | 'declined_by_employer' | 'declined_by_candidate';
  reason: string | null;
  outcomeAt: number | null;
  placements: number[];
}

interface PlacementPlan {
  company: number;
  lead: number;
  proposal: number;
  candidate: number;
  contractType: ContractType;
  jobTitle: string;
  startDate: string;
  plannedEndDate: string | null;
  hours: number | null;
  trialEndDate: string | null;
  status: 'planned' | 'started' | 'ended';
  endDate: string | null;
  endKind: 'normal' | 'early' | null;
  ruptureReason: string | null;
  endedBy: 'employee' | 'employer' | 'both' | null;
  owner: number;
  employerContact: number;
}

interface CandidatePlan {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  referrer: string;
  referrerName: string | null;
  entryDate: string;
  contractEnd: string;
  wantedJobs: Array<{ label: string; romeCode: string | null }>;
  strengths: string[];
  skills: string[];
  licence: boolean;
  vehicle: boolean;
  homeCommune: string;
  reachable: string[];
  radius: number | null;
  hours: number | null;
  shifts: string[];
  availableFrom: string | null;
  constraints: Record<string, string>;
  notes: string | null;
  status: 'on_path' | 'in_placement' | 'exited';
  exitCategory: string | null;
  exitDate: string | null;
  owner: number;
  createdAt: number;
}

interface UserPlan extends BenchUser {
  phone: string;
}

const USER_COUNT = 20;
/** Users 1 and 2 are managers, 3–19 staff; user 0 (admin) does not prospect. */
const ACTOR_PICKER = new Weighted(
  Array.from({ length: USER_COUNT - 1 }, (_, index) => index + 1),
  Array.from({ length: USER_COUNT - 1 }, (_, index) => (index < 2 ? 0.3 : 1)),
);

function benchUsers(random: Random, seedKey: number): UserPlan[] {
  return Array.from({ length: USER_COUNT }, (_, index) => {
    const female = random.chance(0.6);
    const role = index === 0 ? 'admin' : index <= 2 ? 'manager' : 'staff';
    const email = role === 'admin' ? `admin@${BENCH_EMAIL_DOMAIN}` : role === 'manager' ? `responsable${index}@${BENCH_EMAIL_DOMAIN}` : `staff${String(index - 2).padStart(2, '0')}@${BENCH_EMAIL_DOMAIN}`;
    return {
      id: rowUuid(seedKey, KIND.user, index),
      email,
      role,
      firstName: random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
      lastName: random.pick(LAST_NAMES),
      phone: `06 ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
    };
  });
}

const KIND = {
  user: 1,
  company: 2,
  contact: 3,
  activity: 4,
  stageEvent: 5,
  candidate: 6,
  lead: 7,
  proposal: 8,
  placement: 9,
  stage: 10,
  scriptVersion: 11,
} as const;

const SOURCES = ['cold_prospection', 'network', 'event', 'inbound', 'prescriber', 'other'] as const;

/** Everything the seeder writes, generated in memory first (the process peaks near 300 MB RSS at scale 1). */
export class BenchData {
  readonly seedKey: number;
  readonly users: UserPlan[];
  readonly calendar: Calendar;
  readonly companyCount: number;
  readonly candidateCount: number;

  // Companies (one entry per company).
  readonly company = {
    name: [] as string[],
    siret: [] as string[],
    naf: [] as number[],
    band: [] as string[],
    address: [] as (string | null)[],
    commune: [] as number[],
    website: [] as (string | null)[],
    phone: [] as (string | null)[],
    source: new Uint8Array(0),
    owner: new Int8Array(0),
    creator: new Uint8Array(0),
    tags: [] as string[],
    notes: [] as (string | null)[],
    createdDay: new Int32Array(0),
    createdAt: new Float64Array(0),
    dormant: new Uint8Array(0),
    contactStart: new Int32Array(0),
    contactCount: new Uint8Array(0),
    stage: new Uint8Array(0),
    stageEnteredAt: new Float64Array(0),
    updatedAt: new Float64Array(0),
    nextType: new Int8Array(0),
    nextDue: new Int32Array(0),
    nextTime: new Int16Array(0),
    nextOwner: new Int8Array(0),
    comeBack: new Int32Array(0),
    version: new Int32Array(0),
  };
  contactTotal = 0;

  // Activities, as columns.
  activityCount = 0;
  readonly activity = { company: i32(), contact: i32(), type: u8(), outcome: u8(), at: f64(), author: u8(), text: i16(), script: u8(), objections: u8(), refusal: u8() };
  // Stage events, as columns (from = -1 for the creation event, activity = -1 for a manual move).
  stageEventCount = 0;
  readonly stageEvent = { company: i32(), from: i8(), to: i8(), actor: u8(), activity: i32(), reason: u8(), at: f64() };

  readonly leads: LeadPlan[] = [];
  readonly proposals: ProposalPlan[] = [];
  readonly placements: PlacementPlan[] = [];
  readonly candidates: CandidatePlan[] = [];
  readonly timings: Record<string, number> = {};

  constructor(
    readonly seed: number,
    readonly scale: number,
    now: Date,
  ) {
    this.seedKey = hash32(seed);
    this.calendar = buildCalendar(now);
    this.companyCount = Math.max(1, Math.round(SCALE_ONE.companies * scale));
    this.candidateCount = Math.max(5, Math.round(SCALE_ONE.candidates * scale));
    this.users = benchUsers(Random.stream(seed, 'users'), this.seedKey);
  }

  id(kind: number, index: number): string {
    return rowUuid(this.seedKey, kind, index);
  }

  /** The instant (ms) of a time of day on working day `day`. */
  at(day: number, second: number): number {
    return this.calendar.starts[day] + second * 1000;
  }
}

// ---------------------------------------------------------------------------------------------
// Companies.

function companyName(random: Random, division: string, commune: string): string {
  const trade = TRADE_WORDS[division] ?? GENERIC_TRADE_WORDS;
  const word = random.pick(trade);
  const roll = random.next();
  let name: string;
  if (roll < 0.34) name = `${word} ${random.pick(LAST_NAMES)}`;
  else if (roll < 0.58) name = `${word} ${random.pick(PLACE_ENDINGS)}`;
  else if (roll < 0.66) name = `${random.pick(LAST_NAMES)} ${random.chance(0.5) ? '& Fils' : 'Frères'}`;
  else if (roll < 0.8) name = `${word} de ${commune}`;
  else if (roll < 0.88) name = `${Array.from({ length: random.int(3, 4) }, () => String.fromCharCode(65 + random.int(0, 25))).join('')} ${word}`;
  else name = `${random.pick(FANCY_NAMES)}`;
  if (random.chance(0.3)) name += ` ${random.pick(LEGAL_FORM_SUFFIXES)}`;
  return name;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/*
 * First pairs allocated in metropolitan France after every prefix the seeder uses (01–07): 07 1x/2x
 * are not allocated, 06 39, 02 62 and 06 9x are overseas (Mayotte, Réunion, the Antilles).
 */
const FIRST_PAIRS = Array.from({ length: 60 }, (_, index) => 30 + index).filter((pair) => pair !== 39 && pair !== 62);

/**
 * A French number in E.164, as the application stores them (+33612345678). Built as text, not parsed:
 * the seeder writes hundreds of thousands.
 */
function frenchPhone(random: Random, department: string): string {
  const mobile = random.chance(0.3);
  const prefix = mobile ? random.pick(['06', '07']) : ['75', '77', '78', '91', '92', '93', '94', '95'].includes(department) ? '01' : ['59', '62', '80', '02', '60', '08', '51', '57', '67'].includes(department) ? '03' : random.pick(['02', '04', '05']);
  const pair = () => String(random.int(0, 99)).padStart(2, '0');
  return `+33${prefix[1]}${FIRST_PAIRS[random.int(0, 99) % FIRST_PAIRS.length]}${pair()}${pair()}${pair()}`;
}

/** A French mobile in E.164. */
function frenchMobile(random: Random): string {
  return `+33${random.pick([6, 7])}${FIRST_PAIRS[random.int(10, 99) % FIRST_PAIRS.length]}${random.int(10, 99)}${random.int(10, 99)}${random.int(10, 99)}`;
}

function generateCompanies(data: BenchData): void {
  const ref = loadReference();
  const random = Random.stream(data.seed, 'companies');
  const n = data.companyCount;
  const c = data.company;
  c.source = new Uint8Array(n);
  c.owner = new Int8Array(n);
  c.creator = new Uint8Array(n);
  c.createdDay = new Int32Array(n);
  c.createdAt = new Float64Array(n);
  c.dormant = new Uint8Array(n);
  c.contactStart = new Int32Array(n);
  c.contactCount = new Uint8Array(n);
  const bands = Weighted.of(HEADCOUNT_WEIGHTS);
  const sources = Weighted.of<number>([[0, 55], [1, 15], [2, 10], [3, 8], [4, 9], [5, 3]]);
  const activeContacts = Weighted.of<number>([[0, 3], [1, 27], [2, 30], [3, 21], [4, 11], [5, 5], [6, 3]]);
  const dormantContacts = Weighted.of<number>([[0, 50], [1, 35], [2, 15]]);

  // SIRENs: distinct by construction (an affine bijection of the company index), a few chains with
  // several establishments (same SIREN, NIC 00012, 00020...).
  const sirenOffset = random.int(0, 89_999_999);
  const sirenOf = (index: number) => {
    const eight = String(10_000_000 + ((index * 48_271 + sirenOffset) % 90_000_000));
    return sirenWithCheckDigit(eight);
  };
  const chainCount = Math.max(1, Math.round(CHAIN_BRANDS.length * Math.min(1, data.scale * 10)));
  const chainNext = new Array<number>(chainCount).fill(1);

  // Imports: a few big CSV files over the years, the rest created one by one.
  const importCount = Math.max(1, Math.round(24 * Math.min(1, data.scale * 20)));
  const imports = Array.from({ length: importCount }, () => ({ day: random.int(0, PAST_DAYS - 20), second: random.int(9 * 3600, 17 * 3600), creator: random.int(1, 2) }));
  let contactCursor = 0;
  for (let i = 0; i < n; i++) {
    const nafIndex = ref.nafPicker.pick(random);
    const naf = ref.naf[nafIndex];
    const communeIndex = ref.communePicker.pick(random);
    const commune = ref.communes[communeIndex];
    const communeName = communeDisplayName(commune.name);
    let siret: string;
    let name: string;
    const chain = random.chance(0.03) ? random.int(0, chainCount - 1) : -1;
    if (chain >= 0) {
      name = `${CHAIN_BRANDS[chain]} ${communeName}`;
      const nic = String(chainNext[chain]++).padStart(4, '0');
      siret = withCheckDigit(sirenOf(n + chain) + nic);
    } else {
      name = companyName(random, naf.division, communeName);
      siret = withCheckDigit(sirenOf(i) + '0001');
    }
    c.name.push(name);
    c.siret.push(siret);
    c.naf.push(nafIndex);
    c.band.push(bands.pick(random));
    c.commune.push(communeIndex);
    c.address.push(random.chance(0.85) ? `${random.int(1, 240)} ${random.pick(STREET_TYPES)} ${random.pick(STREET_NAMES)}` : null);
    c.website.push(random.chance(0.3) ? `https://www.${slug(name)}.example` : null);
    c.phone.push(random.chance(0.7) ? frenchPhone(random, commune.department) : null);
    const tagCount = random.chance(0.55) ? 0 : random.int(1, 2);
    c.tags.push(pgArray(random.sample(COMPANY_TAGS, tagCount)));
    c.notes.push(random.chance(0.05) ? 'Entreprise repérée lors d’une tournée de terrain.' : null);
    const owner = random.chance(0.9) ? ACTOR_PICKER.pick(random) : -1;
    c.owner[i] = owner;
    const imported = random.chance(0.45);
    if (imported) {
      const batch = imports[random.int(0, imports.length - 1)];
      c.createdDay[i] = batch.day;
      c.createdAt[i] = data.at(batch.day, batch.second) + (i % 50_000) * 3;
      c.creator[i] = batch.creator;
      c.source[i] = 0;
    } else {
      const day = random.int(0, PAST_DAYS - 1);
      c.createdDay[i] = day;
      c.createdAt[i] = data.at(day, random.int(8 * 3600 + 1800, 17 * 3600));
      c.creator[i] = owner >= 0 ? owner : ACTOR_PICKER.pick(random);
      c.source[i] = sources.pick(random);
    }
    const dormant = random.chance(0.2);
    c.dormant[i] = dormant ? 1 : 0;
    const contacts = (dormant ? dormantContacts : activeContacts).pick(random);
    c.contactStart[i] = contactCursor;
    c.contactCount[i] = contacts;
    contactCursor += contacts;
  }
  data.contactTotal = contactCursor;
}

// ---------------------------------------------------------------------------------------------
// Stories: each company's prospection history, written as activities and stage events.

type StoryState =
  | 'prospect'
  | 'meeting'
  | 'held'
  | 'no_need'
  | 'refused_retry'
  | 'propose'
  | 'outcome'
  | 'immersion_decision'
  | 'partner_after_start'
  | 'abandon'
  | 'partner';

const FIRST_CYCLE_OUTCOMES = Weighted.of<number>([[NO_ANSWER, 45], [CALL_BACK, 17], [MEETING_BOOKED_OUTCOME, 12], [-1, 17], [REFUSED_OUTCOME, 4], [NEED_FOUND_OUTCOME, 0.8]]);
const RECONTACT_OUTCOMES = Weighted.of<number>([[NO_ANSWER, 42], [CALL_BACK, 15], [MEETING_BOOKED_OUTCOME, 4], [-1, 34], [REFUSED_OUTCOME, 1.5], [NEED_FOUND_OUTCOME, 0.6]]);
const PARTNER_ACTIVITIES = Weighted.of<number>([[MEETING, 35], [VISIT, 25], [CALL, 25], [EMAIL, 10], [EVENT, 5]]);
const LEAD_CONTRACTS = Weighted.of<ContractType>([
  ['cdd', 34], ['cdi', 18], ['interim', 14], ['cdd_usage', 5], ['cdi_inclusion', 4], ['apprenticeship', 5],
  ['professionalisation', 4], ['cddi', 6], ['cdd_tremplin', 4],
]);
const SHIFTS = Weighted.of<ShiftPattern>([['day', 70], ['2x8', 14], ['3x8', 5], ['night', 4], ['weekend', 7]]);
const OUTCOME_PICK = Weighted.of<string>([['hired', 17], ['immersion', 8], ['declined_by_employer', 27], ['declined_by_candidate', 16], ['interview', 12]]);
const DECISION_PICK = Weighted.of<string>([['hired', 45], ['declined_by_employer', 35], ['declined_by_candidate', 20]]);

class StoryWriter {
  private company = 0;
  private d = 0;
  private second = 0;
  stage = 0;
  private lastMoveAt = 0;
  private moves = 0;
  private lastAuthor = 0;
  private partner = false;
  private firstCycle = true;
  private cycleCalls = 0;
  private attempts = 0;
  private maxAttempts = 5;
  private heldFollowUps = 0;
  private lead = -1;
  private proposal = -1;
  private pendingType = 0;

  constructor(
    private readonly data: BenchData,
    private readonly random: Random,
  ) {}

  private lastAt = 0;
  private lastDay = 0;
  private finished = false;
  private interviewed = false;

  private get c() {
    return this.data.company;
  }

  private now(): number {
    return this.data.at(this.d, this.second);
  }

  /**
   * Moves the clock `workingDays` ahead; false when that is no longer the past. With 0, a little later
   * the same day (or the next working day after 18:30), never crossing into today: on the last day
   * of the window the evening just gets later, so nothing written is ever in the future.
   */
  private wait(workingDays: number, minSeconds = 120, maxSeconds = 2400): boolean {
    if (workingDays <= 0) {
      const later = this.second + this.random.int(minSeconds, maxSeconds);
      if (later > 18 * 3600 + 1800 && this.d + 1 < PAST_DAYS) {
        this.d += 1;
        this.second = this.random.int(8 * 3600 + 1800, 10 * 3600);
      } else {
        this.second = later < 86_000 ? later : Math.max(this.second + 1, 86_000);
      }
    } else {
      this.d += workingDays;
      this.second = this.random.int(8 * 3600 + 1800, 17 * 3600 + 2700);
    }
    return this.d < PAST_DAYS;
  }

  private author(): number {
    const owner = this.c.owner[this.company];
    const who = owner >= 0 && this.random.chance(0.8) ? owner : ACTOR_PICKER.pick(this.random);
    this.lastAuthor = who;
    return who;
  }

  private contact(probability = 0.85): number {
    const count = this.c.contactCount[this.company];
    if (count === 0 || !this.random.chance(probability)) return -1;
    const start = this.c.contactStart[this.company];
    return start + (this.random.chance(0.7) ? 0 : this.random.int(0, count - 1));
  }

  private text(category: string): number {
    const [start, length] = TEXT_RANGES[category];
    return this.random.chance(0.85) ? start + this.random.int(0, length - 1) : -1;
  }

  private activity(type: number, outcome: number, category: string, options: { script?: number; refusal?: number; author?: number } = {}): number {
    const data = this.data;
    const a = data.activity;
    const index = data.activityCount++;
    const script = options.script ?? 0;
    let objections = 0;
    if (script && outcome !== NO_ANSWER) {
      const keys = SCRIPT_OBJECTIONS[script - 1].length;
      const count = this.random.chance(0.45) ? 0 : this.random.chance(0.75) ? 1 : 2;
      for (let k = 0; k < count; k++) objections |= 1 << Math.min(keys - 1, Math.floor(this.random.next() ** 1.6 * keys));
    }
    a.company.set(index, this.company);
    a.contact.set(index, type === CALL || type === MEETING || type === VISIT || type === EMAIL ? this.contact() : -1);
    a.type.set(index, type);
    a.outcome.set(index, outcome);
    a.at.set(index, this.now());
    a.author.set(index, options.author ?? this.author());
    a.text.set(index, this.text(category));
    a.script.set(index, script);
    a.objections.set(index, objections);
    a.refusal.set(index, options.refusal ?? 0);
    this.lastAt = this.now();
    this.lastDay = this.d;
    return index;
  }

  /** A stage change at the current time, caused by `activity` (or by hand when -1). */
  private move(to: number, activity = -1, reason = R_NONE, actor = -1): void {
    if (to === this.stage) return;
    this.pushMove(this.stage, to, activity, reason, actor >= 0 ? actor : activity >= 0 ? this.data.activity.author.data[activity] : this.author());
    // Now and then a card is dropped one column short and put back a few minutes later (a move back
    // is evidence of nothing new, so the funnel is not inflated by it).
    if (this.random.chance(0.02) && to <= ACTIVE_PARTNER) {
      const wrong = Math.max(FIRST_CALL, to - 1);
      if (wrong !== to) {
        const who = this.lastAuthor;
        this.wait(0, 60, 400);
        this.pushMove(to, wrong, -1, R_NONE, who);
        this.wait(0, 60, 300);
        this.pushMove(wrong, to, -1, R_MISTAKE, who);
      }
    }
  }

  private pushMove(from: number, to: number, activity: number, reason: number, actor: number): void {
    const data = this.data;
    const e = data.stageEvent;
    const index = data.stageEventCount++;
    const at = this.now();
    e.company.set(index, this.company);
    e.from.set(index, from);
    e.to.set(index, to);
    e.actor.set(index, actor);
    e.activity.set(index, activity);
    e.reason.set(index, reason);
    e.at.set(index, at);
    this.stage = to;
    this.lastMoveAt = at;
    this.lastAt = at;
    this.lastDay = this.d;
    this.moves++;
  }

  private finish(nextType: number, nextDay: number, options: { comeBack?: boolean; time?: boolean } = {}): void {
    const c = this.c;
    const i = this.company;
    this.finished = true;
    c.stage[i] = this.stage;
    c.stageEnteredAt[i] = this.lastMoveAt;
    c.version[i] = Math.max(1, this.moves);
    c.updatedAt[i] = this.lastAt;
    if (nextType < 0) {
      c.nextType[i] = -1;
      c.nextDue[i] = -1;
      c.nextTime[i] = -1;
      c.nextOwner[i] = -1;
    } else {
      let day = Math.min(nextDay, this.data.calendar.days.length - 1);
      // Staff run late: a share of what was planned for the coming days is already overdue.
      if (day >= PAST_DAYS && day < PAST_DAYS + 15 && this.random.chance(0.12)) day = Math.max(this.lastDay, PAST_DAYS - 1 - this.random.geometric(4));
      // Very old overdue actions are often cleared by someone going through the board.
      if (day < PAST_DAYS - 120 && this.random.chance(0.6)) {
        c.nextType[i] = -1;
        c.nextDue[i] = -1;
        c.nextTime[i] = -1;
        c.nextOwner[i] = -1;
      } else {
        c.nextType[i] = nextType;
        c.nextDue[i] = day;
        c.nextTime[i] = options.time ? this.random.pick([540, 570, 600, 630, 840, 870, 900, 960]) : -1;
        const owner = c.owner[i];
        c.nextOwner[i] = owner >= 0 ? owner : this.lastAuthor;
      }
    }
    c.comeBack[i] = options.comeBack && nextDay >= 0 ? Math.min(nextDay, this.data.calendar.days.length - 1) : -1;
  }

  /** Writes company `index`'s whole story. */
  write(index: number): void {
    this.story(index);
    if (!this.finished) throw new Error(`bench story of company ${index} ended without its final state`);
  }

  private story(index: number): void {
    const random = this.random;
    const c = this.c;
    this.company = index;
    this.d = c.createdDay[index];
    this.second = Math.round((c.createdAt[index] - this.data.calendar.starts[this.d]) / 1000);
    this.stage = -1;
    this.moves = 0;
    this.partner = false;
    this.firstCycle = true;
    this.cycleCalls = 0;
    this.attempts = 0;
    this.lead = -1;
    this.proposal = -1;
    this.finished = false;
    this.lastAuthor = c.creator[index];
    this.pushMove(-1, TO_PROSPECT, -1, R_NONE, c.creator[index]);
    // The creation event carries the exact creation time (imports: a few ms apart).
    this.lastMoveAt = this.lastAt = c.createdAt[index];
    this.data.stageEvent.at.data[this.data.stageEventCount - 1] = c.createdAt[index];
    if (c.source[index] === 2 && random.chance(0.6) && this.wait(0)) this.activity(EVENT, NONE, 'event');
    if (c.source[index] === 1 && random.chance(0.3) && this.wait(0)) this.activity(NOTE, NONE, 'note');

    if (c.dormant[index]) {
      // Never called yet: the backlog of the first column, its calls planned or overdue.
      const roll = random.next();
      const due = roll < 0.45 ? PAST_DAYS + random.geometric(25) : roll < 0.85 ? Math.max(this.d, PAST_DAYS - 1 - random.geometric(20)) : -1;
      return this.finish(due < 0 ? -1 : 0, due);
    }
    this.pendingType = CALL;
    let gap = 1 + random.geometric(30);
    let state: StoryState = 'prospect';
    for (;;) {
      if (!this.wait(gap)) return this.finish(this.pendingType, this.d, { time: this.pendingType === MEETING, comeBack: this.stage === NO_NEED });
      // Forgotten: the planned action was never done, and stays overdue.
      if (random.chance(0.002)) return this.finish(this.pendingType, this.d, { comeBack: this.stage === NO_NEED });
      const next = this.step(state);
      if (!next) return;
      [state, gap] = next;
    }
  }

  /** Does what `state` planned at the current time; answers the next state and its delay, or null when the story ends. */
  private step(state: StoryState): [StoryState, number] | null {
    const random = this.random;
    switch (state) {
      case 'prospect':
        return this.call();
      case 'meeting': {
        if (random.chance(0.12)) {
          this.move(FIRST_CALL, -1, R_CANCELLED);
          this.pendingType = CALL;
          return ['prospect', 1 + random.geometric(1)];
        }
        const script = random.chance(0.6) ? 2 : 0;
        const roll = random.next();
        if (roll < 0.16) {
          const a = this.activity(MEETING, NEED_FOUND_OUTCOME, 'need_found_meeting', { script });
          this.move(NEED_FOUND, a);
          return this.need(a);
        }
        if (roll < 0.75) {
          const a = this.activity(MEETING, NONE, 'meeting', { script });
          this.move(MEETING_HELD, a);
          this.heldFollowUps = 0;
          this.pendingType = random.chance(0.5) ? EMAIL : CALL;
          return ['held', 3 + random.geometric(4)];
        }
        if (roll < 0.92) {
          const a = this.activity(MEETING, REFUSED_OUTCOME, 'not_now', { script, refusal: 1 });
          this.move(NO_NEED, a);
          return this.comeBackLater();
        }
        const a = this.activity(MEETING, REFUSED_OUTCOME, 'refused', { script, refusal: 2 + random.int(0, REFUSAL_REASONS.length - 1) });
        this.move(REFUSED, a);
        return this.afterRefusal();
      }
      case 'held': {
        if (this.pendingType === EMAIL) {
          this.activity(EMAIL, NONE, 'email');
          this.pendingType = CALL;
          return ['held', 2 + random.geometric(2)];
        }
        const roll = random.next();
        if (roll < 0.13) {
          const a = this.activity(CALL, NEED_FOUND_OUTCOME, 'need_found_call');
          this.move(NEED_FOUND, a);
          return this.need(a);
        }
        if (roll < 0.6 || this.heldFollowUps >= 3) {
          const a = this.activity(CALL, REFUSED_OUTCOME, 'not_now', { refusal: 1 });
          this.move(NO_NEED, a);
          return this.comeBackLater();
        }
        this.heldFollowUps++;
        this.activity(CALL, random.chance(0.5) ? CALL_BACK : NO_ANSWER, 'call_back');
        return ['held', 2 + random.geometric(2)];
      }
      case 'no_need':
        if (random.chance(0.03)) {
          // Nobody called back: the come-back call stays overdue.
          this.finish(CALL, this.d, { comeBack: true });
          return null;
        }
        this.move(FIRST_CALL, -1, R_COME_BACK);
        this.wait(0, 60, 600);
        this.cycleCalls = 0;
        this.attempts = 0;
        this.maxAttempts = random.int(3, 6);
        return this.call();
      case 'refused_retry':
        this.move(FIRST_CALL, -1, R_RETRY);
        this.wait(0, 60, 600);
        this.cycleCalls = 0;
        this.attempts = 0;
        this.maxAttempts = random.int(2, 5);
        return this.call();
      case 'propose':
        return this.propose();
      case 'outcome':
        return this.outcome();
      case 'immersion_decision':
        return this.immersionDecision();
      case 'partner_after_start': {
        const a = this.activity(VISIT, NONE, 'visit');
        this.move(ACTIVE_PARTNER, a);
        this.partner = true;
        this.pendingType = MEETING;
        return ['partner', 15 + random.geometric(20)];
      }
      case 'abandon': {
        const lead = this.data.leads[this.lead];
        lead.status = 'abandoned';
        lead.abandonReason = random.pick(ABANDON_REASONS);
        lead.version++;
        if (this.partner) {
          this.move(ACTIVE_PARTNER, -1, R_ABANDONED);
          this.pendingType = MEETING;
          return ['partner', 15 + random.geometric(20)];
        }
        this.move(NO_NEED, -1, R_ABANDONED);
        return this.comeBackLater();
      }
      case 'partner': {
        const type = PARTNER_ACTIVITIES.pick(random);
        const roll = random.next();
        if ((type === CALL || type === MEETING) && roll < 0.06) {
          const a = this.activity(type, NEED_FOUND_OUTCOME, type === CALL ? 'need_found_call' : 'need_found_meeting');
          this.move(NEED_FOUND, a);
          return this.need(a);
        }
        this.activity(type, NONE, type === VISIT ? 'visit' : type === EMAIL ? 'email' : type === EVENT ? 'event' : 'follow_up');
        if (roll > 0.96) {
          this.wait(0);
          this.move(NO_NEED, -1, R_NO_MORE_NEED);
          this.partner = false;
          return this.comeBackLater();
        }
        this.pendingType = random.chance(0.5) ? MEETING : random.chance(0.5) ? VISIT : CALL;
        return ['partner', 15 + random.geometric(20)];
      }
    }
  }

  private comeBackLater(): [StoryState, number] {
    this.pendingType = CALL;
    return ['no_need', 36 + this.random.int(0, 22)];
  }

  private afterRefusal(): [StoryState, number] | null {
    if (!this.random.chance(0.3)) {
      this.finish(-1, -1);
      return null;
    }
    this.firstCycle = false;
    this.pendingType = CALL;
    return ['refused_retry', 230 + this.random.int(0, 60)];
  }

  private call(): [StoryState, number] | null {
    const random = this.random;
    let linked = false;
    if (this.stage !== FIRST_CALL) {
      if (this.stage === TO_PROSPECT && random.chance(0.5)) linked = true;
      else {
        this.move(FIRST_CALL);
        this.wait(0, 30, 300);
      }
    }
    const outcome = (this.firstCycle ? FIRST_CYCLE_OUTCOMES : RECONTACT_OUTCOMES).pick(random);
    const script = this.firstCycle && this.cycleCalls < 3 && random.chance(0.7) ? 1 : 0;
    this.cycleCalls++;
    const realOutcome = outcome === -1 ? REFUSED_OUTCOME : outcome;
    const category = outcome === -1 ? 'not_now' : outcome === NO_ANSWER ? 'no_answer' : outcome === CALL_BACK ? 'call_back' : outcome === MEETING_BOOKED_OUTCOME ? 'meeting_booked' : outcome === REFUSED_OUTCOME ? 'refused' : 'need_found_call';
    const refusal = outcome === -1 ? 1 : outcome === REFUSED_OUTCOME ? 2 + random.int(0, REFUSAL_REASONS.length - 1) : 0;
    const a = this.activity(CALL, realOutcome, category, { script, refusal });
    // An activity causes one move at most: a call that books a meeting (or ends in a refusal...) moves
    // the card there straight from "À prospecter"; only a call without such an outcome moves it to
    // "Premier appel".
    if (linked && (outcome === NO_ANSWER || outcome === CALL_BACK)) this.move(FIRST_CALL, a);
    switch (outcome) {
      case NO_ANSWER:
        this.attempts++;
        if (this.attempts >= this.maxAttempts) {
          this.firstCycle = false;
          if (random.chance(0.8)) {
            this.wait(0);
            this.move(NO_NEED, -1, R_UNREACHABLE);
            return this.comeBackLater();
          }
          // Given up on, with its next call long overdue.
          this.finish(CALL, Math.min(this.d + 2, PAST_DAYS + 5));
          return null;
        }
        if (random.chance(0.1) && this.wait(0)) this.activity(EMAIL, NONE, 'email');
        else if (random.chance(0.02) && this.wait(0)) this.activity(NOTE, NONE, 'note');
        return ['prospect', 1 + random.geometric(1.5)];
      case CALL_BACK:
        return ['prospect', 1 + random.geometric(0.8)];
      case MEETING_BOOKED_OUTCOME:
        this.move(MEETING_BOOKED, a);
        this.firstCycle = false;
        this.pendingType = MEETING;
        return ['meeting', 3 + random.geometric(3)];
      case -1:
        this.move(NO_NEED, a);
        this.firstCycle = false;
        return this.comeBackLater();
      case REFUSED_OUTCOME:
        this.move(REFUSED, a);
        return this.afterRefusal();
      default:
        this.move(NEED_FOUND, a);
        this.firstCycle = false;
        return this.need(a);
    }
  }

  /** A need was found at the current time (by `activity`): the job lead, then proposals. */
  private need(activity: number): [StoryState, number] | null {
    const random = this.random;
    const data = this.data;
    const ref = loadReference();
    const company = this.company;
    const division = ref.naf[data.company.naf[company]].division;
    const rome = random.chance(0.8) && ROME_BY_DIVISION[division] ? random.pick(ROME_BY_DIVISION[division]) : random.pick(BENCH_ROME_CODES);
    const spottedAt = this.now() + random.int(1, 30) * 60_000;
    const contractType = LEAD_CONTRACTS.pick(random);
    const owner = data.company.owner[company] >= 0 ? data.company.owner[company] : data.activity.author.data[activity];
    const spottedDay = calendarDayIn(BENCH_TIME_ZONE, new Date(spottedAt));
    this.lead = data.leads.length;
    data.leads.push({
      company,
      contact: data.activity.contact.data[activity],
      sourceActivity: activity,
      spottedAt,
      owner,
      rome,
      romeKnown: random.chance(0.85),
      jobTitle: random.pick(ref.jobsByRome.get(rome)!),
      contractType,
      hours: random.chance(0.85) ? random.pick([20, 24, 26, 28, 30, 35, 35, 35, 39]) : null,
      shift: SHIFTS.pick(random),
      startDate: addDays(spottedDay, random.int(10, 45)),
      requiresLicence: random.chance(0.15),
      requiresVehicle: random.chance(0.05),
      requirements: random.sample(LEAD_REQUIREMENTS, random.int(0, 2)),
      adaptations: random.sample(LEAD_ADAPTATIONS, random.int(0, 2)),
      hidden: random.chance(0.85),
      status: 'spotted',
      abandonReason: null,
      firstProposedAt: null,
      version: 1,
      proposals: [],
    });
    if (random.chance(0.74)) {
      this.pendingType = CALL;
      return ['propose', random.geometric(3)];
    }
    this.pendingType = CALL;
    return ['abandon', 10 + random.geometric(15)];
  }

  private propose(): [StoryState, number] | null {
    const random = this.random;
    const data = this.data;
    const lead = data.leads[this.lead];
    const proposedBy = random.chance(0.75) ? lead.owner : ACTOR_PICKER.pick(random);
    // A proposal never comes before the lead was written down.
    if (this.now() <= lead.spottedAt) this.second += Math.ceil((lead.spottedAt - this.now()) / 1000) + this.random.int(60, 1800);
    this.proposal = data.proposals.length;
    this.interviewed = false;
    data.proposals.push({ lead: this.lead, candidate: -1, proposedAt: this.now(), proposedBy, outcome: 'pending', reason: null, outcomeAt: null, placements: [] });
    lead.proposals.push(this.proposal);
    lead.firstProposedAt ??= this.now();
    lead.status = 'candidate_proposed';
    lead.romeKnown = true;
    lead.hours ??= 35;
    lead.version++;
    const a = random.chance(0.5) ? this.activity(EMAIL, NONE, 'email', { author: proposedBy }) : -1;
    this.move(CANDIDATE_PROPOSED, a, R_NONE, proposedBy);
    this.pendingType = random.chance(0.5) ? CALL : VISIT;
    return ['outcome', 2 + random.geometric(4)];
  }

  private outcome(): [StoryState, number] | null {
    const random = this.random;
    const data = this.data;
    const proposal = data.proposals[this.proposal];
    const lead = data.leads[this.lead];
    const outcome = (this.interviewed ? DECISION_PICK : OUTCOME_PICK).pick(random);
    proposal.outcomeAt = this.now();
    if (outcome === 'interview') {
      this.interviewed = true;
      // An interview at the workplace first; the decision follows a few days later.
      proposal.outcome = 'interview';
      lead.status = 'interview';
      lead.version++;
      this.activity(VISIT, NONE, 'visit');
      this.pendingType = CALL;
      return ['outcome', 1 + random.geometric(3)];
    }
    if (outcome === 'hired') return this.hire();
    if (outcome === 'immersion') {
      proposal.outcome = 'immersion';
      lead.status = 'interview';
      lead.version++;
      const start = this.d + 2 + random.geometric(3);
      const startDate = this.data.calendar.days[Math.min(start, this.data.calendar.days.length - 1)];
      const length = random.int(4, 25);
      this.placement('pmsmp', startDate, addDays(startDate, length));
      this.pendingType = VISIT;
      return ['immersion_decision', start - this.d + Math.ceil(length * 5 / 7) + 1 + random.geometric(2)];
    }
    proposal.outcome = outcome as ProposalPlan['outcome'];
    proposal.reason = random.pick(outcome === 'declined_by_employer' ? DECLINE_REASONS_EMPLOYER : DECLINE_REASONS_CANDIDATE);
    return this.declined();
  }

  private declined(): [StoryState, number] | null {
    const random = this.random;
    const lead = this.data.leads[this.lead];
    lead.status = 'qualified';
    lead.version++;
    this.move(NEED_FOUND, -1, R_DECLINED);
    this.pendingType = CALL;
    if (lead.proposals.length < 4 && random.chance(0.62)) return ['propose', random.geometric(3)];
    return ['abandon', 5 + random.geometric(10)];
  }

  private immersionDecision(): [StoryState, number] | null {
    const random = this.random;
    const proposal = this.data.proposals[this.proposal];
    this.activity(VISIT, NONE, 'visit');
    this.wait(0);
    proposal.outcomeAt = this.now();
    if (random.chance(0.5)) return this.hire();
    proposal.outcome = 'declined_by_employer';
    proposal.reason = 'Immersion non concluante';
    return this.declined();
  }

  private hire(): [StoryState, number] | null {
    const random = this.random;
    const data = this.data;
    const proposal = data.proposals[this.proposal];
    const lead = data.leads[this.lead];
    proposal.outcome = 'hired';
    proposal.outcomeAt = this.now();
    lead.status = 'filled';
    lead.version++;
    const a = random.chance(0.5) ? this.activity(CALL, NONE, 'follow_up') : -1;
    this.move(RECRUITMENT, a);
    const start = Math.min(this.d + 2 + random.geometric(5), data.calendar.days.length - 1);
    this.placement(lead.contractType, data.calendar.days[start], null);
    this.pendingType = VISIT;
    return ['partner_after_start', start - this.d + 8 + random.geometric(6)];
  }

  /** A placement of the current proposal; a contract's terms follow its type (placement-rules.ts). */
  private placement(contractType: ContractType, startDate: string, immersionEnd: string | null): void {
    const random = this.random;
    const data = this.data;
    const lead = data.leads[this.lead];
    let plannedEndDate: string | null;
    switch (contractType) {
      case 'pmsmp':
        plannedEndDate = immersionEnd!;
        break;
      case 'cdi':
      case 'cdi_inclusion':
        plannedEndDate = null;
        break;
      case 'cddi':
      case 'cdd_tremplin':
        plannedEndDate = periodLastDay(startDate, random.int(4, 24));
        break;
      case 'cdd':
        plannedEndDate = periodLastDay(startDate, random.pick([1, 2, 3, 6, 6, 9, 12]));
        break;
      case 'interim':
        plannedEndDate = addDays(startDate, random.int(5, 180));
        break;
      case 'cdd_usage':
        plannedEndDate = addDays(startDate, random.int(1, 60));
        break;
      case 'apprenticeship':
        plannedEndDate = periodLastDay(startDate, random.pick([12, 24]));
        break;
      default:
        plannedEndDate = periodLastDay(startDate, random.int(6, 24));
    }
    const trialDays = contractType === 'pmsmp' ? 0 : plannedEndDate ? Math.min(30, random.int(7, 30)) : 60;
    let trialEndDate = contractType === 'pmsmp' ? null : addDays(startDate, trialDays);
    if (trialEndDate && plannedEndDate && trialEndDate > plannedEndDate) trialEndDate = plannedEndDate;
    const today = data.calendar.today;
    let status: PlacementPlan['status'] = 'planned';
    let endDate: string | null = null;
    let endKind: PlacementPlan['endKind'] = null;
    let ruptureReason: string | null = null;
    let endedBy: PlacementPlan['endedBy'] = null;
    if (startDate <= today) {
      status = 'started';
      const early = random.chance(contractType === 'pmsmp' ? 0.08 : 0.16);
      const lastPossible = plannedEndDate && plannedEndDate < today ? plannedEndDate : today;
      const span = Math.round((Date.parse(lastPossible) - Date.parse(startDate)) / 86_400_000);
      if (early && span >= 1) {
        status = 'ended';
        endDate = addDays(startDate, random.int(1, Math.max(1, Math.min(span, 120))));
        endKind = 'early';
        ruptureReason = random.pick(RUPTURE_REASONS);
        endedBy = random.pick(['employee', 'employee', 'employer', 'both'] as const);
      } else if (plannedEndDate && plannedEndDate < today) {
        status = 'ended';
        endDate = plannedEndDate;
        endKind = 'normal';
      }
    }
    const placement: PlacementPlan = {
      company: this.company,
      lead: this.lead,
      proposal: this.proposal,
      candidate: -1,
      contractType,
      jobTitle: lead.jobTitle,
      startDate,
      plannedEndDate,
      hours: lead.hours,
      trialEndDate,
      status,
      endDate,
      endKind,
      ruptureReason,
      endedBy,
      owner: lead.owner,
      employerContact: lead.contact,
    };
    const problems = placementTermProblems({ kind: kindOf(contractType), contractType, startDate, plannedEndDate, trialEndDate });
    if (problems.length) throw new Error(`bench placement breaks the rules: ${JSON.stringify(problems)} ${JSON.stringify(placement)}`);
    data.proposals[this.proposal].placements.push(data.placements.length);
    data.placements.push(placement);
  }
}

function generateStories(data: BenchData): void {
  const n = data.companyCount;
  const c = data.company;
  c.stage = new Uint8Array(n);
  c.stageEnteredAt = new Float64Array(n);
  c.updatedAt = new Float64Array(n);
  c.nextType = new Int8Array(n);
  c.nextDue = new Int32Array(n);
  c.nextTime = new Int16Array(n);
  c.nextOwner = new Int8Array(n);
  c.comeBack = new Int32Array(n);
  c.version = new Int32Array(n);
  const writer = new StoryWriter(data, Random.stream(data.seed, 'stories'));
  for (let i = 0; i < n; i++) writer.write(i);
}

// ---------------------------------------------------------------------------------------------
// Candidates: people on a path, given to proposals and placements so that nobody holds two jobs at once.

function generateCandidates(data: BenchData): void {
  const random = Random.stream(data.seed, 'candidates');
  const ref = loadReference();
  const count = data.candidateCount;
  const referrers = Weighted.of<string>([[REFERRERS[0], 40], [REFERRERS[1], 18], [REFERRERS[2], 6], [REFERRERS[3], 18], [REFERRERS[4], 10], [REFERRERS[5], 8]]);
  const firstDay = data.calendar.days[0];
  const today = data.calendar.today;
  // busyUntil: the last day of the person's current job (ISO day), '' when free.
  const busyUntil: string[] = new Array(count).fill('');
  const firstSeen: string[] = new Array(count).fill('');
  const lastSeen: string[] = new Array(count).fill('');
  const placementsOf: number[][] = Array.from({ length: count }, () => []);
  const isFree = (who: number, day: string) => busyUntil[who] < day;
  const findFree = (day: string, avoid: ReadonlySet<number>): number => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const who = random.int(0, count - 1);
      if (isFree(who, day) && !avoid.has(who)) return who;
    }
    const start = random.int(0, count - 1);
    for (let k = 0; k < count; k++) {
      const who = (start + k) % count;
      if (isFree(who, day) && !avoid.has(who)) return who;
    }
    for (let k = 0; k < count; k++) {
      const who = (start + k) % count;
      if (!avoid.has(who)) return who;
    }
    return start;
  };
  const dayOf = (ms: number) => calendarDayIn(BENCH_TIME_ZONE, new Date(ms));
  // Proposals in time order (they were made in that order across companies).
  const order = data.proposals.map((_, index) => index).sort((a, b) => data.proposals[a].proposedAt - data.proposals[b].proposedAt || a - b);
  for (const index of order) {
    const proposal = data.proposals[index];
    const lead = data.leads[proposal.lead];
    const taken = new Set(lead.proposals.map((other) => data.proposals[other].candidate).filter((who) => who >= 0));
    const day = dayOf(proposal.proposedAt);
    const who = findFree(day, taken);
    proposal.candidate = who;
    if (!firstSeen[who] || day < firstSeen[who]) firstSeen[who] = day;
    if (day > lastSeen[who]) lastSeen[who] = day;
    for (const placementIndex of proposal.placements) {
      const placement = data.placements[placementIndex];
      placement.candidate = who;
      placementsOf[who].push(placementIndex);
      const end = placement.endDate ?? (placement.plannedEndDate ?? '9999-12-31');
      if (end > busyUntil[who]) busyUntil[who] = end;
    }
  }
  for (let i = 0; i < count; i++) {
    const female = random.chance(0.5);
    const firstName = random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const entryBound = firstSeen[i] ? addDays(firstSeen[i], -random.int(10, 120)) : addDays(today, -random.int(5, 1000));
    const entryDate = entryBound < addDays(firstDay, -180) ? addDays(firstDay, -random.int(0, 180)) : entryBound;
    const romes = random.sample(BENCH_ROME_CODES, random.int(1, 2));
    const home = ref.communes[random.chance(0.9) ? ref.localPicker.pick(random) : ref.communePicker.pick(random)];
    const licence = random.chance(0.45);
    const constraints: Record<string, string> = {};
    for (const category of random.sample(CONSTRAINT_CATEGORIES, random.chance(0.4) ? random.int(1, 2) : 0)) {
      constraints[category] = random.pick(CONSTRAINT_TEXTS[category]);
    }
    // Status from the person's placements: in a job now, exited with it, or still on the path.
    const mine = placementsOf[i].map((index) => data.placements[index]).sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
    const contracts = mine.filter((placement) => placement.contractType !== 'pmsmp' && placement.status !== 'planned');
    const last = contracts.at(-1);
    let status: CandidatePlan['status'] = 'on_path';
    let exitCategory: string | null = null;
    let exitDate: string | null = null;
    if (last && last.status === 'started') {
      status = 'in_placement';
      const category = exitCategoryOf(last);
      if (category === 'durable_employment' && addDays(last.startDate, 60) < today && random.chance(0.6)) {
        status = 'exited';
        exitCategory = category;
        exitDate = addDays(last.startDate, random.int(30, 60));
      }
    } else if (last && last.status === 'ended' && last.endKind === 'normal' && random.chance(0.7)) {
      status = 'exited';
      exitCategory = exitCategoryOf(last);
      exitDate = last.endDate;
    } else if (!last && entryDate < addDays(today, -500) && random.chance(0.3)) {
      status = 'exited';
      exitCategory = 'other';
      exitDate = addDays(entryDate, random.int(200, 480));
    }
    if (exitDate && exitDate < entryDate) exitDate = entryDate;
    if (exitDate && exitDate > today) exitDate = today;
    // Someone proposed for a job after that date had not left the path.
    if (exitDate && lastSeen[i] && exitDate < lastSeen[i]) {
      status = last && last.status === 'started' ? 'in_placement' : 'on_path';
      exitCategory = null;
      exitDate = null;
    }
    const entryMs = Date.parse(`${entryDate}T09:00:00Z`);
    data.candidates.push({
      firstName,
      lastName,
      email: random.chance(0.7) ? `${slug(firstName)}.${slug(lastName)}${random.int(1, 999)}@courriel.example` : null,
      phone: random.chance(0.85) ? frenchMobile(random) : null,
      referrer: referrers.pick(random),
      referrerName: random.chance(0.5) ? `${random.pick(['M.', 'Mme'])} ${random.pick(LAST_NAMES)}` : null,
      entryDate,
      contractEnd: periodLastDay(entryDate, 24),
      wantedJobs: romes.map((rome) => ({ label: random.pick(ref.jobsByRome.get(rome)!).split(' / ')[0].toLowerCase(), romeCode: random.chance(0.8) ? rome : null })),
      strengths: random.sample(CANDIDATE_STRENGTHS, random.int(1, 3)),
      skills: random.sample(CANDIDATE_SKILLS, random.int(0, 3)),
      licence,
      vehicle: licence && random.chance(0.6),
      homeCommune: communeDisplayName(home.name),
      reachable: random.chance(0.3) ? Array.from({ length: random.int(1, 3) }, () => communeDisplayName(ref.communes[ref.localPicker.pick(random)].name)).filter((name, index, all) => all.indexOf(name) === index) : [],
      radius: random.chance(0.65) ? random.pick([5, 10, 15, 20, 25, 30, 40]) : null,
      hours: random.chance(0.85) ? random.pick([20, 24, 26, 28, 30, 35, 35]) : null,
      shifts: ['day', ...random.sample(SHIFT_PATTERNS.filter((shift) => shift !== 'day'), random.chance(0.5) ? random.int(1, 2) : 0)],
      availableFrom: random.chance(0.3) ? addDays(today, random.int(-30, 60)) : null,
      constraints,
      notes: random.chance(0.2) ? 'Suivi renforcé les premières semaines.' : null,
      status,
      exitCategory,
      exitDate,
      owner: ACTOR_PICKER.pick(random),
      createdAt: Math.min(entryMs, data.calendar.now.getTime() - 86_400_000),
    });
  }
}

/** What the stories came to: activities by type and outcome, moves by target stage, companies by stage, next actions. */
export function describeBenchData(data: BenchData): Record<string, Record<string, number>> {
  const bump = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
  const activities: Record<string, number> = {};
  for (let i = 0; i < data.activityCount; i++) {
    const outcome = OUTCOMES[data.activity.outcome.data[i]];
    bump(activities, `${ACTIVITY_TYPES[data.activity.type.data[i]]}${outcome ? `:${outcome}` : ''}${data.activity.script.data[i] ? ' (script)' : ''}`);
  }
  const moves: Record<string, number> = {};
  for (let i = 0; i < data.stageEventCount; i++) {
    const to = DEFAULT_STAGES[data.stageEvent.to.data[i]].key;
    bump(moves, data.stageEvent.from.data[i] < 0 ? 'creation' : `${to}${data.stageEvent.activity.data[i] >= 0 ? '' : ' (by hand)'}`);
  }
  const stages: Record<string, number> = {};
  const nextActions: Record<string, number> = {};
  for (let i = 0; i < data.companyCount; i++) {
    bump(stages, DEFAULT_STAGES[data.company.stage[i]].key);
    const due = data.company.nextDue[i];
    bump(nextActions, data.company.nextType[i] < 0 ? 'none' : due < PAST_DAYS ? 'overdue' : due < PAST_DAYS + 20 ? 'next 4 weeks' : 'later');
  }
  const leads: Record<string, number> = {};
  for (const lead of data.leads) bump(leads, lead.status);
  const placements: Record<string, number> = {};
  for (const placement of data.placements) bump(placements, `${placement.contractType}:${placement.status}${placement.endKind === 'early' ? ' (rupture)' : ''}`);
  const candidates: Record<string, number> = {};
  for (const candidate of data.candidates) bump(candidates, candidate.status);
  return { activities, moves, stages, nextActions, leads, placements, candidates };
}

/** Generates the whole structure in memory (no database): the seeder's first half, and a dry run. */
export function generateBenchData(seed: number, scale: number, now: Date): BenchData {
  const data = new BenchData(seed, scale, now);
  const time = (step: string, work: () => void) => {
    const started = performance.now();
    work();
    data.timings[step] = Math.round(performance.now() - started);
  };
  time('generate:reference', () => loadReference());
  time('generate:companies', () => generateCompanies(data));
  time('generate:stories', () => generateStories(data));
  time('generate:candidates', () => generateCandidates(data));
  return data;
}

// ---------------------------------------------------------------------------------------------
// Writing: INSERT ... SELECT FROM unnest(arrays), batches of 10 000 rows, the next batch built while
// the previous one is written.

/** A PostgreSQL array literal ('{"a","b"}'), passed as one text value and cast back in SQL. */
function pgArray(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

interface Col {
  name: string;
  /** Element type of the array parameter. */
  type: string;
  /** Expression over the unnested columns (default: the column itself). */
  expr?: string;
  /** Computed from other columns by `expr`: no array of its own. */
  derived?: boolean;
}

function insertSql(table: string, fixed: Col[], columns: Col[]): string {
  const given = columns.filter((column) => !column.derived);
  const names = [...fixed, ...columns].map((column) => `"${column.name}"`).join(', ');
  const fixedValues = fixed.map((column, index) => `$${index + 1}::${column.type}`);
  const values = columns.map((column) => column.expr ?? `t."${column.name}"`);
  const arrays = given.map((column, index) => `$${fixed.length + index + 1}::${column.type}[]`).join(', ');
  const alias = given.map((column) => `"${column.name}"`).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${[...fixedValues, ...values].join(', ')} FROM unnest(${arrays}) AS t(${alias})`;
}

/** The driver connection under a query runner: errors without TypeORM logging ten thousand parameters. */
interface RawClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

const iso = (ms: number) => new Date(ms).toISOString();

class Loader {
  readonly counts: Record<string, number> = {};
  readonly timings: Record<string, number> = {};

  constructor(
    private readonly client: RawClient,
    private readonly progress: ProgressSink,
  ) {}

  /** Writes `total` rows in batches; `build(from, to)` answers one array per column for rows [from, to). */
  async load(table: string, fixed: Col[], fixedValues: unknown[], columns: Col[], total: number, build: (from: number, to: number) => unknown[][]): Promise<TaskResult> {
    const sql = insertSql(table, fixed, columns);
    const task = this.progress.task(table, total);
    let pending: Promise<unknown> | undefined;
    let pendingRows = 0;
    for (let from = 0; from < total; from += BATCH_ROWS) {
      const to = Math.min(total, from + BATCH_ROWS);
      const params = [...fixedValues, ...build(from, to)];
      if (pending) {
        await pending;
        task.tick(pendingRows);
      }
      pending = this.client.query(sql, params).catch((error: Error) => {
        throw new Error(`loading ${table} (rows ${from}–${to}): ${error.message}`);
      });
      pendingRows = to - from;
    }
    if (pending) {
      await pending;
      task.tick(pendingRows);
    }
    const result = task.done(total);
    this.counts[table] = (this.counts[table] ?? 0) + total;
    this.timings[`load:${table}`] = Math.round(result.ms);
    return result;
  }
}

/** Fills `columns` arrays for rows [from, to) with `row(index, push)`. */
function columnsOf(width: number, from: number, to: number, row: (index: number, out: unknown[][]) => void): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => new Array(to - from));
  for (let index = from; index < to; index++) row(index, out);
  return out;
}

/** Tables whose foreign keys are dropped during a bulk load and added back after it. */
const BULK_TABLES = ['company', 'contact', 'activity', 'stage_event'] as const;

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * Starts the transaction and takes every table lock the load needs at once, before writing anything:
 * each LOCK waits at most 250 ms, and on a timeout the transaction is rolled back (releasing what it
 * held) and tried again a little later, so the seeder never waits while holding a lock another session
 * waits for (no deadlock with an API or a test suite using the same schema).
 */
async function beginWithLocks(runner: QueryRunner, client: RawClient, bulk: boolean): Promise<void> {
  const exclusive = bulk ? [...BULK_TABLES] : [];
  const shareRowExclusive = [
    ...(bulk ? ['structure', 'app_user', 'pipeline_stage', 'pitch_script_version'] : []),
    ...FUNNEL_TRIGGERS.map(([table]) => table).filter((table) => !exclusive.includes(table as (typeof BULK_TABLES)[number])),
  ];
  const random = new Random(Date.now() % 1_000_000);
  for (let attempt = 1; ; attempt++) {
    await runner.startTransaction();
    try {
      await client.query(`SET LOCAL lock_timeout = '250ms'`);
      if (exclusive.length) await client.query(`LOCK TABLE ${exclusive.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await client.query(`LOCK TABLE ${shareRowExclusive.join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
      await client.query(`SET LOCAL lock_timeout TO DEFAULT`);
      return;
    } catch (error) {
      await runner.rollbackTransaction();
      if ((error as { code?: string }).code !== '55P03' || attempt >= 120) throw error;
      await new Promise((resolve) => setTimeout(resolve, random.int(20, 250)));
    }
  }
}

const FUNNEL_TRIGGERS: Array<[string, string]> = [
  ['activity', 'company_funnel_activity'],
  ['stage_event', 'company_funnel_stage_event'],
  ['job_lead', 'company_funnel_lead'],
  ['proposal', 'company_funnel_proposal'],
  ['placement', 'company_funnel_placement'],
];

/** Unindexed foreign-key columns: a DELETE of many parents scans these once per parent without an index. */
const DELETE_HELPER_INDEXES: Array<[string, string]> = [
  ['activity', 'contact_id'],
  ['activity', 'author_id'],
  ['stage_event', 'activity_id'],
  ['stage_event', 'actor_id'],
  ['stage_event', 'from_stage_id'],
  ['stage_event', 'to_stage_id'],
  ['job_lead', 'source_activity_id'],
  ['job_lead', 'contact_id'],
  ['placement', 'company_id'],
  ['placement', 'lead_id'],
  ['placement', 'proposal_id'],
  ['placement', 'employer_contact_id'],
  ['staff_alert', 'placement_id'],
  ['email_suppression', 'contact_id'],
  ['company', 'stage_id'],
  ['company', 'created_by'],
  ['company', 'next_action_owner_id'],
  ['company_funnel', 'contacted_by'],
];

/**
 * Removes the bench structure and everything in it. When it is the only structure of the schema,
 * TRUNCATE ... CASCADE (checked under lock); otherwise DELETEs from the leaves up, with temporary
 * indexes on the unindexed foreign keys when there is a lot to delete (dropped in the same transaction).
 */
export async function deleteBenchStructure(
  dataSource: DataSource,
  options: { structureId?: string; allowTruncate?: boolean; log?: (line: string) => void } = {},
): Promise<'absent' | 'truncated' | 'deleted'> {
  const id = options.structureId ?? BENCH_STRUCTURE_ID;
  const log = options.log ?? (() => undefined);
  const [{ present }] = await dataSource.query(`SELECT EXISTS (SELECT 1 FROM structure WHERE id = $1) AS present`, [id]);
  if (!present) return 'absent';
  // Lock waits are short and the whole transaction is retried, as in `beginWithLocks`.
  const random = new Random(Date.now() % 1_000_000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await deleteOnce(dataSource, id, options.allowTruncate ?? true, log);
    } catch (error) {
      if ((error as { code?: string }).code !== '55P03' || attempt >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, random.int(50, 500)));
    }
  }
}

async function deleteOnce(dataSource: DataSource, id: string, allowTruncate: boolean, log: (line: string) => void): Promise<'truncated' | 'deleted'> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL lock_timeout = '1s'`);
    if (allowTruncate) {
      await manager.query(`LOCK TABLE structure, mail_outbox IN EXCLUSIVE MODE`);
      const [{ others }] = await manager.query(
        `SELECT (SELECT count(*) FROM structure WHERE id <> $1) + (SELECT count(*) FROM mail_outbox WHERE structure_id IS NULL) AS others`,
        [id],
      );
      if (Number(others) === 0) {
        log('  the bench structure is alone in this schema: TRUNCATE ... CASCADE');
        await manager.query(`TRUNCATE structure CASCADE`);
        return 'truncated';
      }
    }
    const [{ activities }] = await manager.query(`SELECT count(*)::int AS activities FROM activity WHERE structure_id = $1`, [id]);
    const helpers = activities > 20_000 ? DELETE_HELPER_INDEXES : [];
    for (const [table, column] of helpers) {
      await manager.query(`CREATE INDEX IF NOT EXISTS bench_delete_${table}_${column} ON ${table} (${column})`);
    }
    log(`  deleting the previous bench structure from the leaves up${helpers.length ? ' (with temporary indexes)' : ''}`);
    for (const table of ['staff_alert', 'check_in', 'placement', 'proposal', 'job_lead', 'candidate', 'company_funnel', 'stage_event', 'activity', 'email_suppression', 'contact', 'company']) {
      await manager.query(`DELETE FROM ${table} WHERE structure_id = $1`, [id]);
    }
    await manager.query(`DELETE FROM structure WHERE id = $1`, [id]);
    for (const [table, column] of helpers) await manager.query(`DROP INDEX IF EXISTS bench_delete_${table}_${column}`);
    return 'deleted';
  });
}

/**
 * Whether the bench structure in the database was seeded with `seed` (and `scale`, when given): its
 * first company has the id that seed gives, and (with `scale`) it holds exactly that many companies.
 */
export async function benchStructureExists(dataSource: DataSource, seed = 42, scale?: number): Promise<boolean> {
  const seedKey = hash32(seed);
  const [{ first }] = await dataSource.query(`SELECT EXISTS (SELECT 1 FROM company WHERE id = $1 AND structure_id = $2) AS first`, [
    rowUuid(seedKey, KIND.company, 0),
    BENCH_STRUCTURE_ID,
  ]);
  if (!first || scale === undefined) return Boolean(first);
  const count = Math.max(1, Math.round(SCALE_ONE.companies * scale));
  const [{ companies }] = await dataSource.query(`SELECT count(*)::int AS companies FROM company WHERE structure_id = $1`, [BENCH_STRUCTURE_ID]);
  return companies === count;
}

/** Rows of the bench structure per table, as they are in the database. */
export async function benchCounts(dataSource: DataSource, structureId = BENCH_STRUCTURE_ID): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['app_user', 'pipeline_stage', 'company', 'contact', 'email_suppression', 'activity', 'stage_event', 'candidate', 'job_lead', 'proposal', 'placement', 'company_funnel']) {
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM ${table} WHERE structure_id = $1`, [structureId]);
    counts[table] = count;
  }
  return counts;
}

/** Placements that need a check-in plan (planned or started), for the planner benchmark. */
export async function placementsNeedingCheckIns(dataSource: DataSource, structureId = BENCH_STRUCTURE_ID): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(
    `SELECT id FROM placement WHERE structure_id = $1 AND status IN ('planned', 'started') ORDER BY start_date, id`,
    [structureId],
  );
  return rows.map((row) => row.id);
}

async function writeBenchData(
  runner: QueryRunner,
  client: RawClient,
  data: BenchData,
  passwordHash: string,
  progress: ProgressSink,
  log: (line: string) => void,
  bulk: boolean,
): Promise<Loader> {
  const loader = new Loader(client, progress);
  const structureId = BENCH_STRUCTURE_ID;
  const calendar = data.calendar;
  const days = calendar.days;
  const userId = data.users.map((user) => user.id);
  const ref = loadReference();
  const timed = async (step: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    loader.timings[step] = Math.round(performance.now() - started);
  };
  const windowStart = iso(calendar.starts[0] - 30 * 86_400_000);

  // The triggers that feed company_funnel are disabled inside this transaction only (other sessions
  // never see them disabled; a rollback restores them), and the funnel is rebuilt once at the end.
  // In bulk mode the foreign keys of the big tables go the same way, each added back after its load.
  let foreignKeys: ForeignKey[] = [];
  await timed('setup', async () => {
    for (const [table, trigger] of FUNNEL_TRIGGERS) await runner.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    if (bulk) {
      foreignKeys = (
        await client.query(
          `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
           FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY conrelid::regclass::text, conname`,
          [[...BULK_TABLES]],
        )
      ).rows as unknown as ForeignKey[];
      for (const key of foreignKeys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
      log(`  bulk load: ${foreignKeys.length} foreign keys of ${BULK_TABLES.join(', ')} dropped until their table is loaded`);
    }
    await runner.query(
      `INSERT INTO structure (id, name, type, territory, activity_targets, created_at, updated_at) VALUES ($1, $2, 'ACI', 'Hauts-de-France', $3, $4, $4)`,
      [structureId, BENCH_STRUCTURE_NAME, JSON.stringify({ call: 40, meeting: 5, visit: 3, event: 1 }), windowStart],
    );
    await runner.query(
      `INSERT INTO app_user (id, structure_id, email, first_name, last_name, phone, role, password_hash, created_at, updated_at)
       SELECT id, $1, email, first_name, last_name, phone, role, $2, $3, $3
       FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(id, email, first_name, last_name, phone, role)`,
      [
        structureId,
        passwordHash,
        windowStart,
        userId,
        data.users.map((user) => user.email),
        data.users.map((user) => user.firstName),
        data.users.map((user) => user.lastName),
        data.users.map((user) => user.phone),
        data.users.map((user) => user.role),
      ],
    );
    loader.counts.app_user = data.users.length;
    await insertDefaultStages(runner.manager, structureId);
    await runner.query(
      `UPDATE pipeline_stage s SET id = v.id, created_at = $4, updated_at = $4 FROM unnest($2::text[], $3::uuid[]) AS v(key, id)
       WHERE s.structure_id = $1 AND s.key = v.key`,
      [structureId, DEFAULT_STAGES.map((stage) => stage.key), DEFAULT_STAGES.map((_, index) => data.id(KIND.stage, index)), windowStart],
    );
    loader.counts.pipeline_stage = DEFAULT_STAGES.length;
    const versions = await insertDefaultScripts(runner.manager, structureId);
    for (const [index, kind] of SCRIPT_KINDS.entries()) {
      await runner.query(`UPDATE pitch_script_version SET id = $2, created_at = $3, updated_at = $3 WHERE id = $1`, [versions[kind], data.id(KIND.scriptVersion, index), windowStart]);
    }
    await runner.query(`UPDATE pitch_script SET created_at = $2, updated_at = $2 WHERE structure_id = $1`, [structureId, windowStart]);
    loader.counts.pitch_script_version = SCRIPT_KINDS.length;
  });
  const restoreForeignKeys = (table: string) =>
    timed(`fk:${table}`, async () => {
      const keys = foreignKeys.filter((key) => key.table === table);
      if (keys.length) await client.query(`ALTER TABLE ${table} ${keys.map((key) => `ADD CONSTRAINT ${key.name} ${key.definition}`).join(', ')}`);
    });
  const stageId = DEFAULT_STAGES.map((_, index) => data.id(KIND.stage, index));
  const scriptVersionId = SCRIPT_KINDS.map((_, index) => data.id(KIND.scriptVersion, index));
  const companyId = Array.from({ length: data.companyCount }, (_, index) => data.id(KIND.company, index));
  const contactId = (index: number) => (index < 0 ? null : data.id(KIND.contact, index));
  const activityId = (index: number) => (index < 0 ? null : data.id(KIND.activity, index));

  // Companies.
  const c = data.company;
  const uid = (index: number) => (index < 0 ? null : userId[index]);
  const companyNames = new Array<{ searchName: string; dedupName: string; searchCommune: string | null }>(data.companyCount);
  await timed('derive:company-names', async () => {
    for (let i = 0; i < data.companyCount; i++) companyNames[i] = derivedNames(c.name[i], communeDisplayName(ref.communes[c.commune[i]].name));
  });
  await loader.load(
    'company',
    [{ name: 'structure_id', type: 'uuid' }],
    [structureId],
    [
      { name: 'id', type: 'uuid' }, { name: 'name', type: 'text' }, { name: 'search_name', type: 'text' }, { name: 'dedup_name', type: 'text' },
      { name: 'siret', type: 'text' }, { name: 'naf_code', type: 'text' }, { name: 'sector_label', type: 'text' }, { name: 'headcount_band', type: 'text' },
      { name: 'address', type: 'text' }, { name: 'postcode', type: 'text' }, { name: 'commune', type: 'text' }, { name: 'search_commune', type: 'text' },
      { name: 'territory', type: 'text' }, { name: 'website', type: 'text' }, { name: 'phone', type: 'text' }, { name: 'source', type: 'text' },
      { name: 'owner_id', type: 'uuid' }, { name: 'tags', type: 'text', expr: 't.tags::text[]' }, { name: 'notes', type: 'text' },
      { name: 'stage_id', type: 'uuid' }, { name: 'stage_entered_at', type: 'timestamptz' }, { name: 'come_back_on', type: 'date' },
      { name: 'next_action_type', type: 'text' }, { name: 'next_action_due', type: 'date' }, { name: 'next_action_owner_id', type: 'uuid' },
      { name: 'next_action_time', type: 'time' }, { name: 'version', type: 'int' }, { name: 'created_by', type: 'uuid' },
      { name: 'created_at', type: 'timestamptz' }, { name: 'updated_at', type: 'timestamptz' },
    ],
    data.companyCount,
    (from, to) =>
      columnsOf(30, from, to, (i, o) => {
        const k = i - from;
        const commune = ref.communes[c.commune[i]];
        const naf = ref.naf[c.naf[i]];
        const names = companyNames[i];
        const next = c.nextType[i];
        const time = c.nextTime[i];
        o[0][k] = companyId[i];
        o[1][k] = c.name[i];
        o[2][k] = names.searchName;
        o[3][k] = names.dedupName;
        o[4][k] = c.siret[i];
        o[5][k] = naf.code;
        o[6][k] = naf.label;
        o[7][k] = c.band[i];
        o[8][k] = c.address[i];
        o[9][k] = commune.postcode;
        o[10][k] = communeDisplayName(commune.name);
        o[11][k] = names.searchCommune;
        o[12][k] = territoryOf(commune);
        o[13][k] = c.website[i];
        o[14][k] = c.phone[i];
        o[15][k] = SOURCES[c.source[i]];
        o[16][k] = uid(c.owner[i]);
        o[17][k] = c.tags[i];
        o[18][k] = c.notes[i];
        o[19][k] = stageId[c.stage[i]];
        o[20][k] = iso(c.stageEnteredAt[i]);
        o[21][k] = c.comeBack[i] >= 0 ? days[c.comeBack[i]] : null;
        o[22][k] = next >= 0 ? NEXT_ACTION_TYPES[next] : null;
        o[23][k] = next >= 0 ? days[c.nextDue[i]] : null;
        o[24][k] = next >= 0 ? uid(c.nextOwner[i]) : null;
        o[25][k] = next >= 0 && time >= 0 ? `${String(Math.floor(time / 60)).padStart(2, '0')}:${String(time % 60).padStart(2, '0')}` : null;
        o[26][k] = c.version[i];
        o[27][k] = uid(c.creator[i]);
        o[28][k] = iso(c.createdAt[i]);
        o[29][k] = iso(c.updatedAt[i]);
      }),
  );
  if (bulk) await restoreForeignKeys('company');

  // Contacts (generated here, in order, from their own stream).
  const contactRandom = Random.stream(data.seed, 'contacts');
  const contactOwner = new Int32Array(data.contactTotal);
  for (let i = 0; i < data.companyCount; i++) contactOwner.fill(i, c.contactStart[i], c.contactStart[i] + c.contactCount[i]);
  await loader.load(
    'contact',
    [{ name: 'structure_id', type: 'uuid' }],
    [structureId],
    [
      { name: 'id', type: 'uuid' }, { name: 'company_id', type: 'uuid' }, { name: 'first_name', type: 'text' }, { name: 'last_name', type: 'text' },
      { name: 'job_title', type: 'text' }, { name: 'email', type: 'text' }, { name: 'phone', type: 'text' }, { name: 'preferred_channel', type: 'text' },
      { name: 'decision_maker', type: 'bool' }, { name: 'email_opt_out', type: 'bool' }, { name: 'email_opt_out_at', type: 'timestamptz' },
      { name: 'created_at', type: 'timestamptz' }, { name: 'updated_at', type: 'timestamptz' },
    ],
    data.contactTotal,
    (from, to) =>
      columnsOf(13, from, to, (i, o) => {
        const k = i - from;
        const company = contactOwner[i];
        const first = i === c.contactStart[company];
        const female = contactRandom.chance(0.5);
        const firstName = contactRandom.chance(0.95) ? contactRandom.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES) : null;
        const lastName = contactRandom.pick(LAST_NAMES);
        const email = contactRandom.chance(0.6) ? `${slug(firstName ? `${firstName.charAt(0)}.${lastName}` : lastName)}@${slug(c.name[company])}.example` : null;
        const optOut = email !== null && contactRandom.chance(0.03);
        o[0][k] = data.id(KIND.contact, i);
        o[1][k] = companyId[company];
        o[2][k] = firstName;
        o[3][k] = lastName;
        o[4][k] = contactRandom.chance(0.85) ? contactRandom.pick(CONTACT_JOB_TITLES) : null;
        o[5][k] = email;
        o[6][k] = contactRandom.chance(0.75) ? frenchPhone(contactRandom, ref.communes[c.commune[company]].department) : null;
        o[7][k] = contactRandom.chance(0.3) ? contactRandom.pick(['phone', 'email', 'sms', 'in_person']) : null;
        o[8][k] = first && contactRandom.chance(0.6);
        o[9][k] = optOut;
        o[10][k] = optOut ? iso(c.createdAt[company] + (c.updatedAt[company] - c.createdAt[company]) * contactRandom.next()) : null;
        o[11][k] = iso(c.createdAt[company]);
        o[12][k] = iso(c.createdAt[company]);
      }),
  );
  if (bulk) await restoreForeignKeys('contact');
  await timed('load:email_suppression', async () => {
    const rows = await runner.query(
      `INSERT INTO email_suppression (structure_id, email, contact_id, created_at)
       SELECT DISTINCT ON (lower(email)) structure_id, lower(email), id, email_opt_out_at FROM contact
       WHERE structure_id = $1 AND email_opt_out AND email IS NOT NULL ORDER BY lower(email), id
       ON CONFLICT DO NOTHING RETURNING 1`,
      [structureId],
    );
    loader.counts.email_suppression = rows.length;
  });

  // Activities and stage events.
  const a = data.activity;
  await loader.load(
    'activity',
    [{ name: 'structure_id', type: 'uuid' }],
    [structureId],
    [
      { name: 'id', type: 'uuid' }, { name: 'company_id', type: 'uuid' }, { name: 'contact_id', type: 'uuid' }, { name: 'type', type: 'text' },
      { name: 'outcome', type: 'text' }, { name: 'occurred_at', type: 'timestamptz' }, { name: 'author_id', type: 'uuid' }, { name: 'text', type: 'text' },
      { name: 'script_version_id', type: 'uuid' }, { name: 'objections', type: 'text', expr: 't.objections::text[]' }, { name: 'refusal_reason', type: 'text' },
      { name: 'created_at', type: 'timestamptz', expr: 't.occurred_at', derived: true }, { name: 'updated_at', type: 'timestamptz', expr: 't.occurred_at', derived: true },
    ],
    data.activityCount,
    (from, to) =>
      columnsOf(11, from, to, (i, o) => {
        const k = i - from;
        const script = a.script.data[i];
        const mask = a.objections.data[i];
        const text = a.text.data[i];
        o[0][k] = data.id(KIND.activity, i);
        o[1][k] = companyId[a.company.data[i]];
        o[2][k] = contactId(a.contact.data[i]);
        o[3][k] = ACTIVITY_TYPES[a.type.data[i]];
        o[4][k] = OUTCOMES[a.outcome.data[i]];
        o[5][k] = iso(a.at.data[i]);
        o[6][k] = userId[a.author.data[i]];
        o[7][k] = text >= 0 ? TEXTS[text] : null;
        o[8][k] = script ? scriptVersionId[script - 1] : null;
        o[9][k] = mask && script ? pgArray(SCRIPT_OBJECTIONS[script - 1].filter((_, bit) => mask & (1 << bit))) : '{}';
        o[10][k] = REFUSALS[a.refusal.data[i]];
      }),
  );
  if (bulk) await restoreForeignKeys('activity');
  const e = data.stageEvent;
  await loader.load(
    'stage_event',
    [{ name: 'structure_id', type: 'uuid' }],
    [structureId],
    [
      { name: 'id', type: 'uuid' }, { name: 'company_id', type: 'uuid' }, { name: 'from_stage_id', type: 'uuid' }, { name: 'to_stage_id', type: 'uuid' },
      { name: 'actor_id', type: 'uuid' }, { name: 'activity_id', type: 'uuid' }, { name: 'reason', type: 'text' }, { name: 'occurred_at', type: 'timestamptz' },
      { name: 'created_at', type: 'timestamptz', expr: 't.occurred_at', derived: true }, { name: 'updated_at', type: 'timestamptz', expr: 't.occurred_at', derived: true },
    ],
    data.stageEventCount,
    (from, to) =>
      columnsOf(8, from, to, (i, o) => {
        const k = i - from;
        const fromStage = e.from.data[i];
        o[0][k] = data.id(KIND.stageEvent, i);
        o[1][k] = companyId[e.company.data[i]];
        o[2][k] = fromStage >= 0 ? stageId[fromStage] : null;
        o[3][k] = stageId[e.to.data[i]];
        o[4][k] = userId[e.actor.data[i]];
        o[5][k] = activityId(e.activity.data[i]);
        o[6][k] = MOVE_REASONS[e.reason.data[i]];
        o[7][k] = iso(e.at.data[i]);
      }),
  );
  if (bulk) await restoreForeignKeys('stage_event');

  // Candidates, leads, proposals, placements.
  await loader.load(
    'candidate',
    [{ name: 'structure_id', type: 'uuid' }],
    [structureId],
    [
      { name: 'id', type: 'uuid' }, { name: 'first_name', type: 'text' }, { name: 'last_name', type: 'text' }, { name: 'email', type: 'text' },
      { name: 'phone', type: 'text' }, { name: 'referrer', type: 'text' }, { name: 'referrer_name', type: 'text' }, { name: 'entry_date', type: 'date' },
      { name: 'structure_contract_type', type: 'text' }, { name: 'structure_contract_end', type: 'date' },
      { name: 'wanted_jobs', type: 'text', expr: 't.wanted_jobs::jsonb' }, { name: 'strengths', type: 'text', expr: 't.strengths::text[]' },
      { name: 'skills', type: 'text', expr: 't.skills::text[]' }, { name: 'driving_licence', type: 'bool' }, { name: 'has_vehicle', type: 'bool' },
      { name: 'reachable_communes', type: 'text', expr: 't.reachable_communes::text[]' }, { name: 'home_commune', type: 'text' },
      { name: 'mobility_radius_km', type: 'int' }, { name: 'hours_per_week', type: 'int' }, { name: 'shifts', type: 'text', expr: 't.shifts::text[]' },
      { name: 'available_from', type: 'date' }, { name: 'constraints', type: 'text', expr: 't.constraints::jsonb' }, { name: 'notes', type: 'text' },
      { name: 'status', type: 'text' }, { name: 'exit_category', type: 'text' }, { name: 'exit_date', type: 'date' }, { name: 'owner_id', type: 'uuid' },
      { name: 'created_at', type: 'timestamptz' }, { name: 'updated_at', type: 'timestamptz', expr: 't.created_at', derived: true },
    ],
    data.candidates.length,
    (from, to) =>
      columnsOf(28, from, to, (i, o) => {
        const k = i - from;
        const p = data.candidates[i];
        const values = [
          data.id(KIND.candidate, i), p.firstName, p.lastName, p.email, p.phone, p.referrer, p.referrerName, p.entryDate, 'CDDI', p.contractEnd,
          JSON.stringify(p.wantedJobs), pgArray(p.strengths), pgArray(p.skills), p.licence, p.vehicle, pgArray(p.reachable), p.homeCommune,
          p.radius, p.hours, pgArray(p.shifts), p.availableFrom, JSON.stringify(p.constraints), p.notes, p.status, p.exitCategory, p.exitDate,
          userId[p.owner], iso(p.createdAt),
        ];
        values.forEach((value, column) => (o[column][k] = value));
      }),
  );
  await loader.load(
    'job_lead',
    [{ name: 'structure_id', type: 'uuid' }],
    [structureId],
    [
      { name: 'id', type: 'uuid' }, { name: 'company_id', type: 'uuid' }, { name: 'contact_id', type: 'uuid' }, { name: 'source_activity_id', type: 'uuid' },
      { name: 'job_title', type: 'text' }, { name: 'rome_code', type: 'text' }, { name: 'contract_type', type: 'text' }, { name: 'hours_per_week', type: 'int' },
      { name: 'shift_pattern', type: 'text' }, { name: 'start_date', type: 'date' }, { name: 'work_commune', type: 'text' },
      { name: 'requires_licence', type: 'bool' }, { name: 'requires_vehicle', type: 'bool' }, { name: 'requirements', type: 'text', expr: 't.requirements::text[]' },
      { name: 'adaptations', type: 'text', expr: 't.adaptations::text[]' }, { name: 'hidden_market', type: 'bool' }, { name: 'status', type: 'text' },
      { name: 'abandon_reason', type: 'text' }, { name: 'spotted_at', type: 'timestamptz' }, { name: 'first_proposed_at', type: 'timestamptz' },
      { name: 'owner_id', type: 'uuid' }, { name: 'version', type: 'int' },
      { name: 'created_at', type: 'timestamptz', expr: 't.spotted_at', derived: true }, { name: 'updated_at', type: 'timestamptz', expr: 't.spotted_at', derived: true },
    ],
    data.leads.length,
    (from, to) =>
      columnsOf(22, from, to, (i, o) => {
        const k = i - from;
        const lead = data.leads[i];
        // A lead nobody was proposed to is qualified once its job sheet (ROME code and hours) is complete.
        let status = lead.status;
        if (status === 'spotted' && lead.romeKnown && lead.hours !== null && hash32(data.seedKey, i) % 2 === 0) status = 'qualified';
        const values = [
          data.id(KIND.lead, i), companyId[lead.company], contactId(lead.contact), activityId(lead.sourceActivity), lead.jobTitle,
          lead.romeKnown ? lead.rome : null, lead.contractType, lead.hours, lead.shift, lead.startDate,
          communeDisplayName(ref.communes[c.commune[lead.company]].name), lead.requiresLicence, lead.requiresVehicle,
          pgArray(lead.requirements), pgArray(lead.adaptations), lead.hidden, status, lead.abandonReason, iso(lead.spottedAt),
          lead.firstProposedAt === null ? null : iso(lead.firstProposedAt), userId[lead.owner], lead.version,
        ];
        values.forEach((value, column) => (o[column][k] = value));
      }),
  );
  await loader.load(
    'proposal',
    [{ name: 'structure_id', type: 'uuid' }],
    [structureId],
    [
      { name: 'id', type: 'uuid' }, { name: 'lead_id', type: 'uuid' }, { name: 'candidate_id', type: 'uuid' }, { name: 'proposed_at', type: 'timestamptz' },
      { name: 'proposed_by', type: 'uuid' }, { name: 'outcome', type: 'text' }, { name: 'outcome_reason', type: 'text' }, { name: 'outcome_at', type: 'timestamptz' },
      { name: 'created_at', type: 'timestamptz', expr: 't.proposed_at', derived: true }, { name: 'updated_at', type: 'timestamptz', expr: 'coalesce(t.outcome_at, t.proposed_at)', derived: true },
    ],
    data.proposals.length,
    (from, to) =>
      columnsOf(8, from, to, (i, o) => {
        const k = i - from;
        const p = data.proposals[i];
        const values = [
          data.id(KIND.proposal, i), data.id(KIND.lead, p.lead), data.id(KIND.candidate, p.candidate), iso(p.proposedAt), userId[p.proposedBy],
          p.outcome, p.reason, p.outcome === 'pending' || p.outcomeAt === null ? null : iso(p.outcomeAt),
        ];
        values.forEach((value, column) => (o[column][k] = value));
      }),
  );
  await loader.load(
    'placement',
    [{ name: 'structure_id', type: 'uuid' }],
    [structureId],
    [
      { name: 'id', type: 'uuid' }, { name: 'candidate_id', type: 'uuid' }, { name: 'company_id', type: 'uuid' }, { name: 'lead_id', type: 'uuid' },
      { name: 'proposal_id', type: 'uuid' }, { name: 'kind', type: 'text' }, { name: 'contract_type', type: 'text' }, { name: 'job_title', type: 'text' },
      { name: 'start_date', type: 'date' }, { name: 'planned_end_date', type: 'date' }, { name: 'hours_per_week', type: 'int' },
      { name: 'trial_end_date', type: 'date' }, { name: 'status', type: 'text' }, { name: 'end_date', type: 'date' }, { name: 'end_kind', type: 'text' },
      { name: 'rupture_reason', type: 'text' }, { name: 'ended_by', type: 'text' }, { name: 'owner_id', type: 'uuid' },
      { name: 'employer_contact_id', type: 'uuid' }, { name: 'created_at', type: 'timestamptz' }, { name: 'updated_at', type: 'timestamptz', expr: 't.created_at', derived: true },
    ],
    data.placements.length,
    (from, to) =>
      columnsOf(20, from, to, (i, o) => {
        const k = i - from;
        const p = data.placements[i];
        const createdAt = data.proposals[p.proposal].outcomeAt ?? data.proposals[p.proposal].proposedAt;
        const values = [
          data.id(KIND.placement, i), data.id(KIND.candidate, p.candidate), companyId[p.company], data.id(KIND.lead, p.lead),
          data.id(KIND.proposal, p.proposal), kindOf(p.contractType), p.contractType, p.jobTitle, p.startDate, p.plannedEndDate, p.hours,
          p.trialEndDate, p.status, p.endDate, p.endKind, p.ruptureReason, p.endedBy, userId[p.owner], contactId(p.employerContact), iso(createdAt),
        ];
        values.forEach((value, column) => (o[column][k] = value));
      }),
  );

  await timed('funnel:rebuild', async () => {
    for (const [table, trigger] of FUNNEL_TRIGGERS) await runner.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    const task = progress.task('company_funnel', 1);
    await runner.query(`SELECT company_funnel_rebuild($1)`, [structureId]);
    const [{ count }] = await runner.query(`SELECT count(*)::int AS count FROM company_funnel WHERE structure_id = $1`, [structureId]);
    task.done(count);
    loader.counts.company_funnel = count;
  });
  log(`  ${loader.counts.company_funnel} companies in the funnel`);
  return loader;
}

/** The tables the seeder loads, vacuumed and analysed after the load. */
const LOADED_TABLES = ['company', 'contact', 'activity', 'stage_event', 'candidate', 'job_lead', 'proposal', 'placement', 'company_funnel', 'email_suppression'];

/**
 * Vacuums again the loaded tables whose pages VACUUM could not mark all-visible, until it can.
 * VACUUM marks a page all-visible only when its rows are visible to every open transaction: one
 * transaction open anywhere in the database when the load committed (a test, a migration, an
 * autoanalyze) leaves the visibility map empty, and since the manual VACUUM resets autovacuum's
 * insert counter, nothing fills it later. Every index-only scan then reads the heap too, and the
 * planner turns to sequential scans; `--reuse` would measure that state forever.
 */
export async function vacuumUntilAllVisible(dataSource: DataSource, log: (line: string) => void, attempts = 30): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const rows: Array<{ name: string; pages: number; visible: number }> = await dataSource.query(
      `SELECT relname AS name, relpages AS pages, relallvisible AS visible FROM pg_class
        WHERE oid = ANY($1::regclass[]) AND relpages > 0 AND relallvisible < relpages * 0.95 ORDER BY relname`,
      [LOADED_TABLES],
    );
    if (!rows.length) return;
    const lagging = rows.map((row) => `${row.name} (${row.visible}/${row.pages} pages all-visible)`).join(', ');
    if (attempt > attempts) {
      const holders: Array<{ pid: number; since: string; query: string }> = await dataSource.query(
        `SELECT pid, xact_start::text AS since, left(query, 80) AS query FROM pg_stat_activity
          WHERE backend_xmin IS NOT NULL AND pid <> pg_backend_pid() ORDER BY age(backend_xmin) DESC LIMIT 3`,
      );
      log(`  WARNING: the visibility map is still incomplete for ${lagging}; reads will be slower than on a settled database.`);
      for (const holder of holders) log(`    oldest open transactions: pid ${holder.pid} since ${holder.since}: ${holder.query}`);
      return;
    }
    if (attempt === 1) log(`  visibility map incomplete for ${lagging}: a transaction older than the load is open; vacuuming again`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await dataSource.query(`VACUUM ${rows.map((row) => row.name).join(', ')}`);
  }
}

/**
 * Replaces the bench structure with a new one generated from `seed` at `scale` (1 = 100k companies,
 * 1M activities...). Needs the migrations applied. Answers the users (password `BENCH_PASSWORD`),
 * the rows written per table and the time of each step.
 */
export async function seedLarge(dataSource: DataSource, options: SeedLargeOptions = {}): Promise<SeedLargeResult> {
  const started = performance.now();
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(scale > 0 && scale <= 10)) throw new RangeError(`scale must be in (0, 10], got ${scale}`);
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const progress: ProgressSink =
    options.progress === false ? new SilentProgress() : options.progress === true || options.progress === undefined ? new StreamProgress() : options.progress;
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const begun = performance.now();
    const result = await work();
    timings[name] = Math.round(performance.now() - begun);
    return result;
  };

  if (options.describeOnly) {
    const users = benchUsers(Random.stream(seed, 'users'), hash32(seed)).map(({ id, email, role, firstName, lastName }) => ({ id, email, role, firstName, lastName }));
    return { structureId: BENCH_STRUCTURE_ID, seed, scale, now: now.toISOString(), password: BENCH_PASSWORD, users, counts: await benchCounts(dataSource), timings: {}, seconds: 0 };
  }
  log(`Bench structure: seed ${seed}, scale ${scale}, history up to ${now.toISOString()}`);
  const hash = hashPassword(BENCH_PASSWORD);
  const removed = await step('delete:previous', () => deleteBenchStructure(dataSource, { allowTruncate: options.allowTruncate, log }));
  log(`  previous bench structure: ${removed}`);
  const data = await step('generate', () => generateBenchData(seed, scale, now));
  Object.assign(timings, data.timings);
  log(
    `  generated ${data.companyCount} companies, ${data.contactTotal} contacts, ${data.activityCount} activities, ${data.stageEventCount} stage events, ` +
      `${data.candidates.length} candidates, ${data.leads.length} leads, ${data.proposals.length} proposals, ${data.placements.length} placements`,
  );
  const passwordHash = await step('hash:password', () => hash);
  const runner = dataSource.createQueryRunner();
  let loader: Loader;
  try {
    const client = (await runner.connect()) as RawClient;
    const bulk = options.dropForeignKeys ?? data.activityCount >= 50_000;
    await step('lock', () => beginWithLocks(runner, client, bulk));
    loader = await writeBenchData(runner, client, data, passwordHash, progress, log, bulk);
    await step('commit', () => runner.commitTransaction());
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    // The trigger changes were made inside the transaction: committed re-enabled, or rolled back.
    await runner.release();
  }
  Object.assign(timings, loader.timings);
  if (options.analyze ?? true) {
    await step('vacuum:analyze', async () => {
      const task = progress.task('vacuum analyze', 1);
      await dataSource.query(`VACUUM (ANALYZE) ${LOADED_TABLES.join(', ')}`);
      await vacuumUntilAllVisible(dataSource, log);
      task.done(1);
    });
  }
  timings.total = Math.round(performance.now() - started);
  return {
    structureId: BENCH_STRUCTURE_ID,
    seed,
    scale,
    now: now.toISOString(),
    password: BENCH_PASSWORD,
    users: data.users.map(({ id, email, role, firstName, lastName }) => ({ id, email, role, firstName, lastName })),
    counts: loader.counts,
    timings,
    seconds: Math.round(timings.total / 100) / 10,
  };
}

// ---------------------------------------------------------------------------------------------
// Command line.

function parseArguments(argv: string[]): { seed: number; scale: number; now?: Date; analyze: boolean; dryRun: boolean; json: boolean } {
  const options = { seed: 42, scale: 1, now: undefined as Date | undefined, analyze: true, dryRun: false, json: false };
  for (const argument of argv) {
    const [key, value] = argument.replace(/^--/, '').split('=');
    if (key === 'seed') options.seed = Number(value);
    else if (key === 'scale') options.scale = Number(value);
    else if (key === 'now') options.now = new Date(value);
    else if (key === 'no-analyze') options.analyze = false;
    else if (key === 'dry-run') options.dryRun = true;
    else if (key === 'json') options.json = true;
    else throw new Error(`unknown argument ${argument}: use --seed=42 --scale=1 [--now=ISO] [--no-analyze] [--dry-run] [--json]`);
  }
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
  if (!(options.scale > 0)) throw new Error('--scale must be a positive number');
  if (options.now && Number.isNaN(options.now.getTime())) throw new Error('--now must be an ISO date-time');
  return options;
}

function printSummary(result: SeedLargeResult): void {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log('');
  console.log(`Bench structure ${result.structureId} (seed ${result.seed}, scale ${result.scale}, history up to ${result.now})`);
  console.log('');
  console.log('rows per table:');
  for (const [table, count] of Object.entries(result.counts)) {
    const ms = result.timings[`load:${table}`];
    const rate = ms ? `  ${Math.round((count * 1000) / ms).toLocaleString('en-US')} rows/s` : '';
    console.log(`  ${table.padEnd(22)} ${count.toLocaleString('en-US').padStart(10)}${ms !== undefined ? `  ${seconds(ms).padStart(8)}${rate}` : ''}`);
  }
  console.log('');
  console.log('steps:');
  for (const [name, ms] of Object.entries(result.timings)) if (!name.startsWith('load:')) console.log(`  ${name.padEnd(22)} ${seconds(ms).padStart(10)}`);
  console.log('');
  console.log(`accounts (password: ${result.password}):`);
  for (const user of result.users.slice(0, 4)) console.log(`  ${user.role.padEnd(8)} ${user.email}`);
  console.log(`  ... staff01 to staff${String(result.users.length - 3).padStart(2, '0')}@${BENCH_EMAIL_DOMAIN}`);
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (options.dryRun) {
    const started = performance.now();
    const data = generateBenchData(options.seed, options.scale, options.now ?? new Date());
    console.log(
      JSON.stringify(
        {
          companies: data.companyCount,
          contacts: data.contactTotal,
          activities: data.activityCount,
          stageEvents: data.stageEventCount,
          candidates: data.candidates.length,
          leads: data.leads.length,
          proposals: data.proposals.length,
          placements: data.placements.length,
          timings: { ...data.timings, total: Math.round(performance.now() - started) },
          ...describeBenchData(data),
        },
        null,
        2,
      ),
    );
    return;
  }
  const { ensureSchema, withDataSource } = await import('../database/standalone');
  await withDataSource(async (dataSource, config) => {
    // The schema first: showMigrations creates the migrations table in it.
    await ensureSchema(dataSource, config.DB_SCHEMA);
    if (await dataSource.showMigrations()) {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) console.error(`  applied ${migration.name}`);
    }
    const result = await seedLarge(dataSource, {
      seed: options.seed,
      scale: options.scale,
      now: options.now,
      analyze: options.analyze,
      log: (line) => console.error(line),
    });
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else printSummary(result);
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
