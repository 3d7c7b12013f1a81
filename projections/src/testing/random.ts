/**
 * A seeded pseudo-random source. Generated logs must be identical for the same seed on
 * every machine and every run, so nothing here touches Math.random or the clock.
 */

/** Module-level copies: under jest's vm sandbox every lookup of a global such as `Math` is slow, and these run per event. */
const { imul, floor, min } = Math;

/** Mixes a seed with a salt (splitmix32 finaliser) so forked sources do not overlap. */
export const mixSeed = (seed: number, salt: number): number => {
  let z = (seed ^ imul(salt + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  z = imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
  z = imul(z ^ (z >>> 15), 0x735a2d97) >>> 0;
  return (z ^ (z >>> 15)) >>> 0;
};

/** Two hex digits per byte, precomputed: ids are drawn for every event, so formatting must be cheap. */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const byte = (n: number, shift: number): string => HEX[(n >>> shift) & 0xff] ?? '00';
const hex4 = (n: number, shift: number): string => byte(n, shift + 8) + byte(n, shift);
const hex8 = (n: number): string => hex4(n, 16) + hex4(n, 0);

/** mulberry32: tiny and fast (a benchmark draws millions of numbers), good enough for test data. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Random.pick: nothing to pick from');
    return item;
  }

  /** `count` distinct items in random order (fewer when there are not enough). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + floor(this.next() * (copy.length - i));
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
    }
    copy.length = n;
    return copy;
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }

  /** A version-4-shaped UUID, so ids look like the ones the event store assigns. */
  uuid(): string {
    const a = this.uint32();
    const b = (this.uint32() & 0xffff0fff) | 0x00004000;
    const c = (this.uint32() & 0x3fffffff) | 0x80000000;
    const d = this.uint32();
    return `${hex8(a)}-${hex4(b, 16)}-${hex4(b, 0)}-${hex4(c, 16)}-${hex4(c, 0)}${hex8(d)}`;
  }

  /** An independent source derived from this one's seed path, e.g. one per community. */
  fork(salt: number): Random {
    return new Random(mixSeed(this.uint32(), salt));
  }
}
