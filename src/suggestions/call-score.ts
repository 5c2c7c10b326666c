import { addCalendarDays, frenchDay } from '../common/calendar/working-days';
import { headcountLabel } from '../companies/headcount';
import { CadenceRule } from '../prospection/cadence';

/**
 * « À appeler cette semaine »: how a company the structure could call is scored, and why. Every
 * figure comes from the structure's own records; the same input always gives the same order.
 *
 * score = history (up to 100) + fit with the candidates' wanted jobs + candidates within reach.
 */

/** How many contacted companies the structure's overall rate weighs in each smoothed rate. */
export const PRIOR_WEIGHT = 5;

export const POINTS = {
  /** The mean of the three smoothed rates (sector, size, area) times this. */
  history: 100,
  perWantingCandidate: 4,
  perReachableCandidate: 2,
  /** Beyond this many candidates, more of them add nothing. */
  maxCandidates: 10,
} as const;

/** What the structure saw among companies sharing one trait (a NAF division, a headcount band, an area). */
export interface Tally {
  /** Companies with a first contact on record (a call, a meeting, a stage moved, a lead...). */
  contacted: number;
  /** Of those, the ones where a need was found (a lead or a « besoin repéré » outcome) or someone was hired. */
  successes: number;
  /** Companies set aside as « secteur non pertinent » (sector) or « hors de notre territoire » (area): counted as failures. */
  dismissed: number;
}

export const EMPTY_TALLY: Tally = { contacted: 0, successes: 0, dismissed: 0 };

/** successes / contacted over the whole structure; 0 before any contact. */
export function overallRate(all: Tally): number {
  return all.contacted > 0 ? all.successes / all.contacted : 0;
}

/**
 * Additive smoothing toward the structure's overall rate: `PRIOR_WEIGHT` imaginary companies at that
 * rate join the real ones, so one success out of one contact moves the rate a little, not to 100 %.
 * Dismissals count as contacts that found nothing.
 */
export function smoothedRate(tally: Tally, prior: number, weight = PRIOR_WEIGHT): number {
  return (tally.successes + weight * prior) / (tally.contacted + tally.dismissed + weight);
}

/** One dimension's share of the history points: a third of `POINTS.history` times its smoothed rate. */
export function historyPoints(rate: number): number {
  return (POINTS.history * rate) / 3;
}

export function fitPoints(wantingCandidates: number): number {
  return POINTS.perWantingCandidate * Math.min(wantingCandidates, POINTS.maxCandidates);
}

export function reachPoints(reachableCandidates: number): number {
  return POINTS.perReachableCandidate * Math.min(reachableCandidates, POINTS.maxCandidates);
}

export type Dimension = 'division' | 'band' | 'area';

/** Tallies per key of each dimension, and the whole structure's. */
export interface History {
  all: Tally;
  division: Map<string, Tally>;
  band: Map<string, Tally>;
  area: Map<string, Tally>;
}

export interface Reach {
  count: number;
  /** The farthest of those candidates, in km (0: they all live there or listed the commune). */
  maxKm: number;
}

/**
 * The points of each key, for the ranking query to add up (it looks them up by key and uses the
 * fallback for a key it does not find: the structure's overall rate, or nothing for fit and reach).
 */
export interface ScoreTables {
  division: Record<string, number>;
  band: Record<string, number>;
  area: Record<string, number>;
  fallback: number;
  fit: Record<string, number>;
  reach: Record<string, number>;
}

export function scoreTables(history: History, fit: ReadonlyMap<string, number>, reach: ReadonlyMap<string, Reach>): ScoreTables {
  const prior = overallRate(history.all);
  const points = (tallies: Map<string, Tally>) =>
    Object.fromEntries([...tallies].map(([key, tally]) => [key, historyPoints(smoothedRate(tally, prior))]));
  return {
    division: points(history.division),
    band: points(history.band),
    area: points(history.area),
    fallback: historyPoints(prior),
    fit: Object.fromEntries([...fit].map(([division, count]) => [division, fitPoints(count)])),
    reach: Object.fromEntries([...reach].map(([commune, { count }]) => [commune, reachPoints(count)])),
  };
}

/** The keys a company is looked up by: NAF division (2 digits), headcount band, area (postcode's first 3 digits). */
export interface CompanyKeys {
  nafCode: string | null;
  headcountBand: string | null;
  postcode: string | null;
  commune: string | null;
}

export const divisionOf = (nafCode: string | null): string | null => (nafCode ? nafCode.slice(0, 2) : null);
export const areaOf = (postcode: string | null): string | null => (postcode && postcode.length >= 3 ? postcode.slice(0, 3) : null);

/** The same sum as the ranking query's, for a company: what the page shows and the tests check. */
export function scoreOf(company: CompanyKeys, tables: ScoreTables): number {
  const look = (table: Record<string, number>, key: string | null, fallback: number) => (key !== null && key in table ? table[key] : fallback);
  const division = divisionOf(company.nafCode);
  return (
    look(tables.division, division, tables.fallback) +
    look(tables.band, company.headcountBand, tables.fallback) +
    look(tables.area, areaOf(company.postcode), tables.fallback) +
    look(tables.fit, division, 0) +
    look(tables.reach, company.commune, 0)
  );
}

/**
 * How long after a contact the structure's cadence expects the next one, in calendar days: the
 * longest of its rules that follow an activity (working days count 7 for 5, a month 31 days). A
 * company without a next action whose last contact is older than that has been left resting past
 * its cadence. The « pas de besoin pour l’instant » rule is apart (`noNeedDays`).
 */
export function cadenceHorizon(rules: readonly CadenceRule[]): { afterContactDays: number; noNeedDays: number } {
  const days = (rule: CadenceRule) =>
    rule.unit === 'working_days' ? Math.ceil((rule.amount * 7) / 5) : rule.unit === 'months' ? rule.amount * 31 : rule.amount;
  const afterContact = rules.filter((rule) => rule.trigger !== 'stage:no_need').map(days);
  const noNeed = rules.find((rule) => rule.trigger === 'stage:no_need');
  return { afterContactDays: Math.max(0, ...afterContact), noNeedDays: noNeed ? days(noNeed) : 93 };
}

/** Why a company is on the list at all. */
export type DueBecause =
  | { kind: 'never_contacted' }
  | { kind: 'action_overdue'; since: string }
  | { kind: 'come_back'; since: string }
  | { kind: 'resting'; lastContactDay: string };

export interface Candidacy {
  stageKind: string;
  nextActionDue: string | null;
  comeBackOn: string | null;
  /** The Paris day of the last call, meeting, visit or e-mail; null when none. */
  lastContactDay: string | null;
  /** The day it entered its stage (for « pas de besoin » without a come-back day). */
  stageEnteredDay: string;
}

/**
 * Whether a company that passed the query's filters (not closed, not resting, nothing planned ahead,
 * not dismissed) is due a call, and why; null when its last contact is recent enough.
 */
export function dueBecause(company: Candidacy, today: string, horizon: { afterContactDays: number; noNeedDays: number }): DueBecause | null {
  if (company.stageKind === 'no_need') {
    const since = company.comeBackOn ?? addCalendarDays(company.stageEnteredDay, horizon.noNeedDays);
    return since <= today ? { kind: 'come_back', since } : null;
  }
  if (company.nextActionDue && company.nextActionDue < today) return { kind: 'action_overdue', since: company.nextActionDue };
  if (company.comeBackOn && company.comeBackOn <= today) return { kind: 'come_back', since: company.comeBackOn };
  if (!company.lastContactDay) return { kind: 'never_contacted' };
  if (company.lastContactDay < addCalendarDays(today, -horizon.afterContactDays)) return { kind: 'resting', lastContactDay: company.lastContactDay };
  return null;
}

export function dueSentence(due: DueBecause): string {
  switch (due.kind) {
    case 'never_contacted':
      return 'Jamais contactée';
    case 'action_overdue':
      return `Action prévue le ${frenchDay(due.since)}, pas encore faite`;
    case 'come_back':
      return `À recontacter depuis le ${frenchDay(due.since)}`;
    case 'resting':
      return `Dernier contact le ${frenchDay(due.lastContactDay)}, sans suite prévue`;
  }
}

const plural = (count: number, one: string, other: string) => `${count} ${count > 1 ? other : one}`;

function traitLabel(dimension: Dimension, key: string): string {
  switch (dimension) {
    case 'division':
      return `du même secteur (NAF ${key})`;
    case 'band':
      return `de même taille (${(headcountLabel(key) ?? key).toLowerCase()})`;
    case 'area':
      return `des codes postaux ${key}xx`;
  }
}

/**
 * The reasons shown with a suggestion, in French, most telling first: why now, the structure's
 * history with companies like it, what was set aside, the candidates it fits and who can get there.
 */
export function reasonsFor(company: CompanyKeys, due: DueBecause, history: History, fit: ReadonlyMap<string, number>, reach: ReadonlyMap<string, Reach>): string[] {
  const reasons = [dueSentence(due)];
  const keys: Array<[Dimension, string | null]> = [
    ['division', divisionOf(company.nafCode)],
    ['band', company.headcountBand],
    ['area', areaOf(company.postcode)],
  ];
  for (const [dimension, key] of keys) {
    const tally = key === null ? undefined : history[dimension].get(key);
    if (!tally || tally.contacted === 0) continue;
    const found = tally.successes === 0 ? 'Aucun besoin trouvé' : plural(tally.successes, 'besoin trouvé', 'besoins trouvés');
    reasons.push(`${found} sur ${plural(tally.contacted, 'entreprise contactée', 'entreprises contactées')} ${traitLabel(dimension, key!)}`);
  }
  for (const [dimension, key] of keys) {
    const tally = key === null ? undefined : history[dimension].get(key);
    if (!tally || tally.dismissed === 0) continue;
    const why = dimension === 'division' ? 'secteur non pertinent' : 'hors de notre territoire';
    reasons.push(`${plural(tally.dismissed, 'entreprise', 'entreprises')} ${traitLabel(dimension, key!)} ${tally.dismissed > 1 ? 'écartées' : 'écartée'} (${why})`);
  }
  const division = divisionOf(company.nafCode);
  const wanting = division ? (fit.get(division) ?? 0) : 0;
  if (wanting > 0) reasons.push(`${plural(wanting, 'candidat·e vise', 'candidat·es visent')} un métier de ce secteur`);
  const near = company.commune ? reach.get(company.commune) : undefined;
  if (near && near.count > 0) {
    reasons.push(
      near.maxKm === 0
        ? `Dans la commune ou la zone choisie de ${plural(near.count, 'candidat·e', 'candidat·es')}`
        : `À ${Math.ceil(near.maxKm)} km ou moins de ${plural(near.count, 'candidat·e', 'candidat·es')}`,
    );
  }
  return reasons;
}
