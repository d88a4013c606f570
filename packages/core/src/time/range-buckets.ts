import { InvalidDateRangeError } from '../errors/errors.js';
import { type BucketSize, bucketIndexOf, bucketStartMs } from './buckets.js';
import { dayLabel } from './civil.js';
import { wallDay } from './local-day.js';

/**
 * The most buckets one range may be cut into: local days, ISO weeks or months of the viewer's zone, counted from
 * the one holding the range's start to the one holding its end, both included. 1,000 days is about 2.7 years,
 * 1,000 weeks 19 years, 1,000 months 83 years. It bounds the work (and the answer) of one analytics request; a
 * longer range is refused, not truncated.
 *
 * @example
 * ```ts
 * import { MAX_BUCKETS_PER_RANGE } from '@observatory/core';
 * MAX_BUCKETS_PER_RANGE; // 1000
 * ```
 */
export const MAX_BUCKETS_PER_RANGE = 1_000;

/**
 * One bucket of a range: its full local bounds (epoch ms, `[start, end)`) and the local date it starts on.
 *
 * @example
 * ```ts
 * const bucket: RangeBucket = { start: 1_764_021_600_000, end: 1_764_108_000_000, label: '2025-11-25' };
 * ```
 */
export interface RangeBucket {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/**
 * How many local days, ISO weeks or months of `timeZone` the half-open range `[from, to)` (epoch ms) touches,
 * counting calendar buckets from the first to the last inclusive; 0 for an empty range. Computed without walking
 * the range, so it is cheap for any range.
 *
 * @example
 * ```ts
 * countRangeBuckets(Date.parse('2026-11-01T00:00:00Z'), Date.parse('2026-12-01T00:00:00Z'), 'day', 'UTC'); // 30
 * ```
 */
export function countRangeBuckets(from: number, to: number, size: BucketSize, timeZone: string): number {
  if (!(from < to)) return 0;
  return bucketIndexOf(to - 1, size, timeZone) - bucketIndexOf(from, size, timeZone) + 1;
}

/**
 * Refuses a range `[from, to)` (epoch ms) that would be cut into more than {@link MAX_BUCKETS_PER_RANGE}
 * buckets of `size` in `timeZone`, naming `field` (where the caller reads the range's end) and the cap.
 *
 * @throws InvalidDateRangeError (field `field`) when the range spans more buckets than the cap.
 * @example
 * ```ts
 * import { assertRangeBuckets } from '@observatory/core';
 * assertRangeBuckets(Date.parse('1000-01-01T00:00:00Z'), Date.parse('9999-12-31T00:00:00Z'), 'day', 'UTC', 'endDate');
 * // throws: Invalid endDate: expected a range of at most 1,000 day buckets (this one spans 3,287,181): …
 * ```
 */
export function assertRangeBuckets(
  from: number,
  to: number,
  size: BucketSize,
  timeZone: string,
  field: string,
): void {
  const count = countRangeBuckets(from, to, size, timeZone);
  if (count <= MAX_BUCKETS_PER_RANGE) return;
  throw new InvalidDateRangeError(
    field,
    `a range of at most ${MAX_BUCKETS_PER_RANGE.toLocaleString('en-US')} ${size} buckets (this one spans ` +
      `${count.toLocaleString('en-US')}): a shorter range or a larger bucket`,
  );
}

/**
 * Every bucket of `size` in `timeZone` that overlaps `[from, to)` (epoch ms), in order, each with its full local
 * bounds: consecutive, non-empty, strictly increasing. A day a zone skipped whole has no bucket.
 *
 * The walk is bounded before it starts: it visits the buckets {@link countRangeBuckets} counts, once each, and
 * refuses more than {@link MAX_BUCKETS_PER_RANGE} (so no input can keep it going).
 *
 * @throws InvalidDateRangeError (field `field`) when the range spans more buckets than the cap.
 * @example
 * ```ts
 * rangeBuckets(Date.parse('2026-11-01T00:00:00Z'), Date.parse('2026-11-03T00:00:00Z'), 'day', 'UTC', 'range.to')
 *   .map((b) => b.label); // ['2026-11-01', '2026-11-02']
 * ```
 */
export function rangeBuckets(
  from: number,
  to: number,
  size: BucketSize,
  timeZone: string,
  field: string,
): RangeBucket[] {
  assertRangeBuckets(from, to, size, timeZone, field);
  if (!(from < to)) return [];
  const first = bucketIndexOf(from, size, timeZone);
  const last = bucketIndexOf(to - 1, size, timeZone);
  const buckets: RangeBucket[] = [];
  let start = bucketStartMs(first, size, timeZone);
  for (let index = first; index <= last; index++) {
    const end = bucketStartMs(index + 1, size, timeZone);
    // Equal bounds: a day the zone skipped whole, which holds no instant.
    if (end > start) buckets.push({ start, end, label: dayLabel(wallDay(start, timeZone)) });
    start = end;
  }
  return buckets;
}
