import type { SeededRandom } from './random.js';

/**
 * Draws ranks 0..n-1 with Zipf-distributed frequencies (rank k has weight 1 / (k + 1)^exponent): a few
 * questions are asked very often, most are asked rarely — the long tail of a real Missed Questions table.
 *
 * @example
 * ```ts
 * const zipf = new ZipfSampler(20_000, 1.05);
 * const rank = zipf.sample(new SeededRandom(7)); // small ranks are far more likely
 * ```
 */
export class ZipfSampler {
  readonly #cumulative: Float64Array;

  constructor(n: number, exponent = 1.05) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`ZipfSampler: n must be a positive integer, got ${n}`);
    this.#cumulative = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) {
      total += 1 / (k + 1) ** exponent;
      this.#cumulative[k] = total;
    }
    for (let k = 0; k < n; k++) this.#cumulative[k] = (this.#cumulative[k] as number) / total;
  }

  /** A rank in [0, n). */
  sample(random: SeededRandom): number {
    const u = random.next();
    const cumulative = this.#cumulative;
    // Binary search for the first rank whose cumulative weight exceeds u.
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) > u) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}
