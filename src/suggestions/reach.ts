import { normalizeCommune } from '../leads/matching';
import type { Reach } from './call-score';

/** Without a stated radius or list of communes, a candidate is counted as able to travel this far. */
export const DEFAULT_REACH_KM = 10;

export interface CandidateMobility {
  homeCommune: string | null;
  mobilityRadiusKm: number | null;
  reachableCommunes: string[];
}

type Distance = (from: string, to: string) => number | null;

/**
 * How far `commune` is for a candidate, or null when out of their reach: their home town or one of
 * the communes they listed (0 km when the distance is unknown), else within their radius — or within
 * `DEFAULT_REACH_KM` when they stated no mobility at all, as matching does not exclude them either.
 */
export function reachKm(commune: string, candidate: CandidateMobility, distanceKm: Distance): number | null {
  const target = normalizeCommune(commune);
  const home = candidate.homeCommune;
  if (home && normalizeCommune(home) === target) return 0;
  const distance = home ? distanceKm(home, commune) : null;
  if (candidate.reachableCommunes.some((listed) => normalizeCommune(listed) === target)) return distance ?? 0;
  const radius = candidate.mobilityRadiusKm ?? (candidate.reachableCommunes.length ? null : DEFAULT_REACH_KM);
  return distance !== null && radius !== null && distance <= radius ? distance : null;
}

/**
 * For each commune, how many candidates can get there and the farthest of them. Candidates with
 * the same mobility are counted together, so the work grows with distinct homes, not people.
 */
export function reachByCommune(communes: readonly string[], candidates: readonly CandidateMobility[], distanceKm: Distance): Map<string, Reach> {
  const groups = new Map<string, { mobility: CandidateMobility; count: number }>();
  for (const candidate of candidates) {
    if (!candidate.homeCommune && !candidate.reachableCommunes.length) continue;
    const key = JSON.stringify([candidate.homeCommune, candidate.mobilityRadiusKm, candidate.reachableCommunes]);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { mobility: candidate, count: 1 });
  }
  const result = new Map<string, Reach>();
  for (const commune of communes) {
    let count = 0;
    let maxKm = 0;
    for (const { mobility, count: people } of groups.values()) {
      const km = reachKm(commune, mobility, distanceKm);
      if (km === null) continue;
      count += people;
      maxKm = Math.max(maxKm, km);
    }
    if (count > 0) result.set(commune, { count, maxKm });
  }
  return result;
}
