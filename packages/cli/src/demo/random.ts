import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * A seeded source of randomness: the same seed gives the same dataset on every machine.
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.pick(['en', 'el']); // always the same for seed 42
 * ```
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** An index in [0, n) drawn from a Zipf distribution with exponent `s`: a long tail of rare items. */
  zipf(n: number, s?: number): number;
}

/**
 * Creates a seeded {@link Random} on pure-rand's xoroshiro128+.
 *
 * @example
 * ```ts
 * const random = createRandom(7);
 * const dice = random.int(1, 6);
 * ```
 */
export function createRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed);
  const next = () => uniformFloat64(rng);
  const zipfTables = new Map<string, Float64Array>();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick() needs a non-empty list');
      return item;
    },
    chance: (probability) => next() < probability,
    zipf: (n, s = 1.1) => {
      const key = `${n}:${s}`;
      let cumulative = zipfTables.get(key);
      if (!cumulative) {
        cumulative = new Float64Array(n);
        let total = 0;
        for (let rank = 0; rank < n; rank++) {
          total += 1 / (rank + 1) ** s;
          cumulative[rank] = total;
        }
        for (let rank = 0; rank < n; rank++) cumulative[rank] = (cumulative[rank] ?? 0) / total;
        zipfTables.set(key, cumulative);
      }
      const target = next();
      // Binary search for the first rank whose cumulative weight reaches the target.
      let low = 0;
      let high = n - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((cumulative[mid] ?? 1) < target) low = mid + 1;
        else high = mid;
      }
      return low;
    },
  };
}
