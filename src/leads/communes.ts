import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../common/paths';
import { foldCommuneName, normalizeCommune } from './matching';

interface Point {
  latitude: number;
  longitude: number;
}

let byName: ReadonlyMap<string, Point | null> | undefined;

/** Commune name → coordinates; null when several communes share the name (ambiguous without a postcode). */
function communes(): ReadonlyMap<string, Point | null> {
  if (!byName) {
    const rows: string[][] = parse(readFileSync(join(PROJECT_ROOT, 'data', 'communes.csv'), 'utf8'), { from_line: 2 });
    const map = new Map<string, Point | null>();
    const inseeOf = new Map<string, string>();
    for (const [insee, , name, , , , latitude, longitude] of rows) {
      const key = foldCommuneName(name);
      const point = { latitude: Number(latitude), longitude: Number(longitude) };
      if (!Number.isFinite(point.latitude) || !Number.isFinite(point.longitude)) continue;
      const known = inseeOf.get(key);
      if (known === undefined) {
        inseeOf.set(key, insee);
        map.set(key, point);
      } else if (known !== insee) {
        map.set(key, null);
      }
    }
    byName = map;
  }
  return byName;
}

/** Straight-line distance in km between two communes named as people write them, or null when unknown. */
export function communeDistanceKm(from: string, to: string): number | null {
  const a = communes().get(normalizeCommune(from));
  const b = communes().get(normalizeCommune(to));
  if (!a || !b) return null;
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** A commune's coordinates, named as people write it; null when unknown or ambiguous. */
export function communePoint(name: string): Point | null {
  return communes().get(normalizeCommune(name)) ?? null;
}
