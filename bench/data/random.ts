import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * A seeded pseudo-random source (xoroshiro128+): the same seed gives the same dataset on every machine, so
 * runs and machines compare like with like.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * random.int(10); // the same integer in [0, 10) on every run
 * ```
 */
export class SeededRandom {
  readonly #generator: RandomGenerator;

  constructor(seed: number) {
    this.#generator = xoroshiro128plus(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return uniformFloat64(this.#generator);
  }

  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick: expected a non-empty list, got an empty one');
    return items[this.int(items.length)] as T;
  }
}
