/**
 * The middle value of a sample (mean of the two middle values for an even count).
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * The p-th percentile (0–100) of a sample, linearly interpolated between the closest ranks.
 *
 * @example
 * ```ts
 * percentile([10, 20, 30, 40], 50); // 25
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0)
    throw new RangeError('percentile: expected at least one value, got an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (rank - low);
}
