/**
 * Seeded randomness for the benchmark data: the same seed gives the same numbers on every machine
 * (integer arithmetic only in the generators, `Math.imul` and unsigned shifts).
 */

/** A 32-bit hash of a few integers (murmur3's finaliser over a running mix), for deriving seeds and ids. */
export function hash32(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x85ebca6b);
    h = (h << 13) | (h >>> 19);
    h = Math.imul(h, 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit number for a stream name, so that each part of the data gets its own independent sequence. */
export function streamTag(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const HEX: string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex32(word: number): string {
  return HEX[(word >>> 24) & 0xff] + HEX[(word >>> 16) & 0xff] + HEX[(word >>> 8) & 0xff] + HEX[word & 0xff];
}

/** Formats four 32-bit words as a version 4 (random), RFC 4122 variant UUID. */
export function uuidFromWords(a: number, b: number, c: number, d: number): string {
  const time = hex32(a);
  const mid = hex32((b & 0xffff0fff) | 0x00004000);
  const low = hex32((c & 0x3fffffff) | 0x80000000);
  const node = hex32(d);
  return `${time}-${mid.slice(0, 4)}-${mid.slice(4)}-${low.slice(0, 4)}-${low.slice(4)}${node}`;
}

/**
 * The id of row `index` of a table (`kind`) for a seed: a UUID v4 computed, not stored, so that any
 * part of the generator can name a row of another table by its index alone.
 */
export function rowUuid(seed: number, kind: number, index: number): string {
  return uuidFromWords(
    hash32(seed, kind, index, 1),
    hash32(seed, kind, index, 2),
    hash32(seed, kind, index, 3),
    hash32(seed, kind, index, 4),
  );
}

/** Small fast counter-based PRNG (sfc32), seeded through hash32 so that nearby seeds differ at once. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = hash32(seed, stream, 1);
    this.b = hash32(seed, stream, 2);
    this.c = hash32(seed, stream, 3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A sub-generator for a named part of the data, independent of how much this one was used. */
  static stream(seed: number, name: string): Random {
    return new Random(seed, streamTag(name));
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Up to `count` distinct items, in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const taken: T[] = [];
    while (taken.length < count && pool.length > 0) {
      const index = Math.floor(this.next() * pool.length);
      taken.push(pool[index]);
      pool[index] = pool[pool.length - 1];
      pool.pop();
    }
    return taken;
  }

  /** A whole number ≥ 0 with the given mean (geometric distribution): waiting times, counts of attempts. */
  geometric(mean: number): number {
    if (mean <= 0) return 0;
    const p = 1 / (mean + 1);
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** A uniformly random UUID v4 drawn from this generator. */
  uuid(): string {
    return uuidFromWords(this.uint32(), this.uint32(), this.uint32(), this.uint32());
  }
}

/** Picks among items with fixed weights in O(log n), the cumulative table built once. */
export class Weighted<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new RangeError('Weighted needs one weight per item');
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, index) => {
      sum += Math.max(0, weight);
      this.cumulative[index] = sum;
    });
    if (sum <= 0) throw new RangeError('Weighted needs a positive weight');
    this.total = sum;
  }

  static of<T>(entries: ReadonlyArray<readonly [T, number]>): Weighted<T> {
    return new Weighted(
      entries.map(([item]) => item),
      entries.map(([, weight]) => weight),
    );
  }

  pick(random: Random): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return this.items[low];
  }
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a UTC midnight instant in ms. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** UTC midnight (ms) of a 'YYYY-MM-DD' day: for calendar arithmetic on days, not instants. */
export function dayMs(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

export function addDays(day: string, count: number): string {
  return isoDay(dayMs(day) + count * DAY_MS);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysFrom(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}
