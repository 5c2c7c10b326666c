import { normalizeCommune } from '../leads/matching';
import type { Reach } from './call-score';

/** Without a stated radius or list of communes, a candidate is counted as able to travel this far. */
export const DEFAULT_REACH_KM = 10;

export interface CandidateMobility {
  homeCommune: string | null;
  mobilityRadiusKm: number | null;
  reachableCommunes: string[];
}

export interface Point {
  latitude: number;
  longitude: number;
}

type Locate = (commune: string) => Point | null;

const RAD = Math.PI / 180;

/** Straight-line distance in km (haversine), as matching measures it. */
export function kmBetween(a: Point, b: Point): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLon = (b.longitude - a.longitude) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

// Communes are filed in cells of 0.2° so a radius only looks at the cells around a home, not at
// every commune of the structure (20,000 communes × 2,000 homes was 40 s; the cells make it ~0.1 s).
const CELL = 0.2;
const cellOf = (value: number) => Math.floor(value / CELL);

/**
 * For each commune, how many candidates can get there and the farthest of them: their home town
 * or a commune they listed (0 km when its distance is unknown), else within their radius — or
 * within `DEFAULT_REACH_KM` when they stated no mobility at all, as matching does not exclude them
 * either. Candidates with the same mobility are counted together.
 */
export function reachByCommune(communes: readonly string[], candidates: readonly CandidateMobility[], locate: Locate): Map<string, Reach> {
  const rawsOf = new Map<string, string[]>();
  const cells = new Map<string, Array<{ key: string; point: Point }>>();
  for (const commune of communes) {
    const key = normalizeCommune(commune);
    const raws = rawsOf.get(key);
    if (raws) {
      raws.push(commune);
      continue;
    }
    rawsOf.set(key, [commune]);
    const point = locate(commune);
    if (!point) continue;
    const cell = `${cellOf(point.latitude)}:${cellOf(point.longitude)}`;
    cells.set(cell, [...(cells.get(cell) ?? []), { key, point }]);
  }

  const groups = new Map<string, { mobility: CandidateMobility; count: number }>();
  for (const candidate of candidates) {
    if (!candidate.homeCommune && !candidate.reachableCommunes.length) continue;
    const key = JSON.stringify([candidate.homeCommune, candidate.mobilityRadiusKm, candidate.reachableCommunes]);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { mobility: candidate, count: 1 });
  }

  const byKey = new Map<string, Reach>();
  for (const { mobility, count } of groups.values()) {
    const reached = new Map<string, number>();
    const keep = (key: string, km: number) => reached.set(key, Math.min(reached.get(key) ?? km, km));
    const home = mobility.homeCommune ? locate(mobility.homeCommune) : null;
    if (mobility.homeCommune) keep(normalizeCommune(mobility.homeCommune), 0);
    for (const listed of mobility.reachableCommunes) {
      const point = locate(listed);
      keep(normalizeCommune(listed), home && point ? kmBetween(home, point) : 0);
    }
    const radius = mobility.mobilityRadiusKm ?? (mobility.reachableCommunes.length ? null : DEFAULT_REACH_KM);
    if (home && radius !== null) {
      const latCells = Math.ceil(radius / 111 / CELL);
      const lonCells = Math.ceil(radius / (111 * Math.max(Math.cos(home.latitude * RAD), 0.1)) / CELL);
      for (let lat = cellOf(home.latitude) - latCells; lat <= cellOf(home.latitude) + latCells; lat++) {
        for (let lon = cellOf(home.longitude) - lonCells; lon <= cellOf(home.longitude) + lonCells; lon++) {
          for (const { key, point } of cells.get(`${lat}:${lon}`) ?? []) {
            const km = kmBetween(home, point);
            if (km <= radius) keep(key, km);
          }
        }
      }
    }
    for (const [key, km] of reached) {
      if (!rawsOf.has(key)) continue;
      const known = byKey.get(key);
      byKey.set(key, { count: (known?.count ?? 0) + count, maxKm: Math.max(known?.maxKm ?? 0, km) });
    }
  }

  const result = new Map<string, Reach>();
  for (const [key, reach] of byKey) for (const raw of rawsOf.get(key) ?? []) result.set(raw, reach);
  return result;
}
