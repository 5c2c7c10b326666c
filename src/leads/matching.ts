import { SHIFT_LABELS, ShiftPattern } from '../placements/contract-types';
import { frenchDay } from '../common/calendar/working-days';
import type { CandidateStatus, WantedJob } from '../candidates/candidate.entity';

/**
 * Scores a candidate for a job lead: pure, deterministic and explainable. Every point comes with a
 * French sentence (`reasons`); hard conflicts (`conflicts`) exclude the candidate from the matches.
 * SEVE puts strengths first and sets no prerequisite: only what the employer agreed as strictly
 * necessary (shift, licence, vehicle, hours, start date, place) can exclude someone.
 */

export interface LeadForMatching {
  jobTitle: string;
  romeCode: string | null;
  hoursPerWeek: number | null;
  shiftPattern: ShiftPattern;
  startDate: string | null;
  workCommune: string | null;
  requiresLicence: boolean;
  requiresVehicle: boolean;
  requirements: string[];
}

export interface CandidateForMatching {
  id: string;
  firstName: string;
  lastName: string;
  wantedJobs: WantedJob[];
  strengths: string[];
  skills: string[];
  drivingLicence: boolean;
  hasVehicle: boolean;
  homeCommune: string | null;
  reachableCommunes: string[];
  mobilityRadiusKm: number | null;
  hoursPerWeek: number | null;
  shifts: ShiftPattern[];
  availableFrom: string | null;
  status: CandidateStatus;
  /** A placement planned or started, whatever the status column says. */
  inPlacement?: boolean;
}

export interface MatchResult {
  score: number;
  reasons: string[];
  conflicts: string[];
}

export interface MatchingOptions {
  /** Distance in km between two communes, or null when unknown (names not found or ambiguous). */
  distanceKm?: (from: string, to: string) => number | null;
}

/** A job needing more hours than the person's availability by more than this is a hard conflict. */
export const HOURS_TOLERANCE = 4;

export const POINTS = {
  sameRome: 40,
  sameRomeFamily: 25,
  ownWords: 20,
  skill: 5,
  shift: 10,
  licenceAndVehicle: 10,
  hours: 10,
  available: 10,
  sameCommune: 15,
  reachable: 10,
} as const;

const STOP_WORDS = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'et', 'en', 'au', 'aux', 'un', 'une', 'pour', 'sur', 'dans', 'avec', 'h/f', 'f/h']);

/**
 * Remembers a text function's answers: matching folds the same strengths, skills and commune names
 * for thousands of candidates on every request. Bounded: the memory is dropped when full.
 */
function remembered<T>(fold: (text: string) => T, limit = 20_000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      value = fold(text);
      if (known.size >= limit) known.clear();
      known.set(text, value);
    }
    return value;
  };
}

/** Lower case, accents and punctuation removed (the array is shared: do not modify it). */
export const normalizeWords = remembered(foldWords);

function foldWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
}

const STEM = 7;
const strip = (word: string) => word.replace(/[sx]$/, '');

/**
 * Words to compare others with: two words are the same give or take a plural, or when they share
 * a long common stem (préparateur / préparatrice). Sets, so a comparison costs one lookup per word.
 */
interface WordSet {
  stripped: Set<string>;
  stems: Set<string>;
  /** What was already decided for a text (strengths and skills repeat across candidates). */
  echoes: Map<string, boolean>;
}

function wordSet(words: string[]): WordSet {
  return {
    stripped: new Set(words.map(strip)),
    stems: new Set(words.filter((word) => word.length >= STEM).map((word) => word.slice(0, STEM))),
    echoes: new Map(),
  };
}

function sharesWord(words: string[], set: WordSet): boolean {
  return words.some((word) => set.stripped.has(strip(word)) || (word.length >= STEM && set.stems.has(word.slice(0, STEM))));
}

/** Whether `text` has a word in common with the set, remembered per set. */
function echoes(text: string, set: WordSet): boolean {
  let known = set.echoes.get(text);
  if (known === undefined) {
    known = sharesWord(normalizeWords(text), set);
    set.echoes.set(text, known);
  }
  return known;
}

/** A lead's title words and its title-and-requirements words, prepared once per lead object. */
const preparedLeads = new WeakMap<LeadForMatching, { title: WordSet; job: WordSet }>();

function prepared(lead: LeadForMatching): { title: WordSet; job: WordSet } {
  let words = preparedLeads.get(lead);
  if (!words) {
    const title = normalizeWords(lead.jobTitle);
    words = { title: wordSet(title), job: wordSet([...title, ...lead.requirements.flatMap(normalizeWords)]) };
    preparedLeads.set(lead, words);
  }
  return words;
}

/** A commune name as La Poste writes it: upper case, no accents, Saint → ST. */
export const normalizeCommune = remembered(foldCommuneName);

/** `normalizeCommune` without the memory, for reading the whole communes file once. */
export function foldCommuneName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .replace(/^SAINTE /, 'STE ')
    .replace(/^SAINT /, 'ST ')
    .replace(/ SAINTE /g, ' STE ')
    .replace(/ SAINT /g, ' ST ');
}

const SHIFT_ACCEPTED: Record<ShiftPattern, string> = {
  day: 'Accepte les horaires de journée',
  '2x8': 'Accepte le 2x8',
  '3x8': 'Accepte le 3x8',
  night: 'Accepte le travail de nuit',
  weekend: 'Accepte le travail le week-end',
};

function wantedJobMatch(lead: LeadForMatching, candidate: CandidateForMatching): { points: number; reason: string } | null {
  const titleWords = prepared(lead).title;
  let best: { points: number; reason: string } | null = null;
  for (const job of candidate.wantedJobs ?? []) {
    let found: { points: number; reason: string } | null = null;
    if (lead.romeCode && job.romeCode === lead.romeCode) {
      found = { points: POINTS.sameRome, reason: `Souhaite ce métier (${lead.romeCode})` };
    } else if (lead.romeCode && job.romeCode && job.romeCode.slice(0, 3) === lead.romeCode.slice(0, 3)) {
      found = { points: POINTS.sameRomeFamily, reason: `Souhaite un métier proche : ${job.label} (${job.romeCode})` };
    } else if (job.label && echoes(job.label, titleWords)) {
      found = { points: POINTS.ownWords, reason: `Souhaite « ${job.label} », en ses propres mots` };
    }
    if (found && (!best || found.points > best.points)) best = found;
  }
  return best;
}

export function scoreCandidate(lead: LeadForMatching, candidate: CandidateForMatching, options: MatchingOptions = {}): MatchResult {
  const reasons: string[] = [];
  const conflicts: string[] = [];
  let score = 0;

  // The person's situation.
  if (candidate.status === 'exited') conflicts.push('A quitté la structure');
  else if (candidate.status === 'in_placement' || candidate.inPlacement) conflicts.push('Déjà en poste ou en immersion');

  // The job the person wants, in ROME terms or in their own words.
  const job = wantedJobMatch(lead, candidate);
  if (job) {
    score += job.points;
    reasons.push(job.reason);
  }

  // Strengths and skills that echo the job title or what the employer requires.
  const jobWords = prepared(lead).job;
  const echoed = [...candidate.strengths, ...candidate.skills].filter((item) => echoes(item, jobWords));
  for (const item of echoed.slice(0, 3)) {
    score += POINTS.skill;
    reasons.push(`Atout utile au poste : ${item}`);
  }

  // Shift.
  const shifts = candidate.shifts ?? [];
  if (shifts.includes(lead.shiftPattern)) {
    score += POINTS.shift;
    reasons.push(SHIFT_ACCEPTED[lead.shiftPattern]);
  } else if (shifts.length) {
    conflicts.push(`N’accepte pas le rythme du poste (${SHIFT_LABELS[lead.shiftPattern]})`);
  }

  // Licence and vehicle, only when the employer requires them.
  const missingLicence = lead.requiresLicence && !candidate.drivingLicence;
  const missingVehicle = lead.requiresVehicle && !candidate.hasVehicle;
  if (missingLicence) conflicts.push('Le permis est exigé et la personne ne l’a pas');
  if (missingVehicle) conflicts.push('Un véhicule est exigé et la personne n’en a pas');
  if ((lead.requiresLicence || lead.requiresVehicle) && !missingLicence && !missingVehicle) {
    score += POINTS.licenceAndVehicle;
    reasons.push(candidate.hasVehicle ? 'A le permis et une voiture' : 'A le permis');
  }

  // Hours.
  if (lead.hoursPerWeek !== null && candidate.hoursPerWeek !== null) {
    if (lead.hoursPerWeek <= candidate.hoursPerWeek) {
      score += POINTS.hours;
      reasons.push(`Disponible ${candidate.hoursPerWeek} h par semaine (poste : ${lead.hoursPerWeek} h)`);
    } else if (lead.hoursPerWeek - candidate.hoursPerWeek > HOURS_TOLERANCE) {
      conflicts.push(`Le poste demande ${lead.hoursPerWeek} h par semaine, la personne est disponible ${candidate.hoursPerWeek} h`);
    } else {
      reasons.push(`Poste à ${lead.hoursPerWeek} h pour ${candidate.hoursPerWeek} h souhaitées : à discuter`);
    }
  }

  // Start date.
  if (lead.startDate && candidate.availableFrom) {
    if (candidate.availableFrom <= lead.startDate) {
      score += POINTS.available;
      reasons.push(`Disponible avant le ${frenchDay(lead.startDate)}`);
    } else {
      conflicts.push(`Disponible seulement à partir du ${frenchDay(candidate.availableFrom)} (début souhaité le ${frenchDay(lead.startDate)})`);
    }
  }

  // Place of work. Only a stated mobility (reachable communes or a radius) can exclude someone.
  if (lead.workCommune && candidate.homeCommune) {
    const work = normalizeCommune(lead.workCommune);
    if (normalizeCommune(candidate.homeCommune) === work) {
      score += POINTS.sameCommune;
      reasons.push(`Habite à ${candidate.homeCommune}, lieu du poste`);
    } else if ((candidate.reachableCommunes ?? []).some((commune) => normalizeCommune(commune) === work)) {
      score += POINTS.reachable;
      reasons.push(`Peut se rendre à ${lead.workCommune}`);
    } else {
      const distance = options.distanceKm?.(candidate.homeCommune, lead.workCommune) ?? null;
      const radius = candidate.mobilityRadiusKm;
      if (distance !== null && radius !== null && distance <= radius) {
        score += POINTS.reachable;
        reasons.push(`${lead.workCommune} à ${Math.round(distance)} km de ${candidate.homeCommune}, dans son rayon de ${radius} km`);
      } else if (radius !== null && distance !== null) {
        conflicts.push(`${lead.workCommune} à ${Math.round(distance)} km de ${candidate.homeCommune}, hors de son rayon de ${radius} km`);
      } else if (radius === null && (candidate.reachableCommunes ?? []).length) {
        conflicts.push(`${lead.workCommune} ne fait pas partie des communes où la personne peut se rendre`);
      }
    }
  }

  return { score, reasons, conflicts };
}

export interface Ranked<T> {
  item: T;
  result: MatchResult;
}

/** Score first, then last name (accents and case ignored), then id: the same input always gives the same order. */
export function rankMatches<T>(entries: Array<Ranked<T>>, key: (item: T) => { lastName: string; id: string }): Array<Ranked<T>> {
  const sortKey = (item: T) => {
    const { lastName, id } = key(item);
    return { name: normalizeWords(lastName).join(' ') || lastName.toLowerCase(), id };
  };
  return [...entries].sort((a, b) => {
    if (b.result.score !== a.result.score) return b.result.score - a.result.score;
    const ka = sortKey(a.item);
    const kb = sortKey(b.item);
    if (ka.name !== kb.name) return ka.name < kb.name ? -1 : 1;
    return ka.id < kb.id ? -1 : ka.id > kb.id ? 1 : 0;
  });
}
