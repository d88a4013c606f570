import { z } from 'zod';
import { IsoDateTime } from './message.js';

/**
 * Bucket size of a trend, in the viewer's time zone. Weeks start on Monday (ISO 8601).
 *
 * @example
 * ```ts
 * import { TrendBucketSize } from '@observatory/core';
 * const bucket: TrendBucketSize = TrendBucketSize.parse('week');
 * TrendBucketSize.safeParse('year').success; // false
 * ```
 */
export const TrendBucketSize = z.enum(['day', 'week', 'month']);
/** @see {@link TrendBucketSize} */
export type TrendBucketSize = z.infer<typeof TrendBucketSize>;

/**
 * One bucket of the missed-vs-answered trend. `start`/`end` are UTC instants of the bucket's local bounds
 * (a local day may last 23 or 25 hours); `label` is the local date (`2026-11-25`) the bucket starts on.
 *
 * @example
 * ```ts
 * const bucket: TrendBucket = {
 *   label: '2026-11-25', start: '2026-11-24T22:00:00.000Z', end: '2026-11-25T22:00:00.000Z',
 *   questions: 40, missed: 10, answered: 30, missedPercentage: 25,
 * };
 * ```
 */
export const TrendBucket = z.object({
  /**
   * The bucket as a reader sees it, in the trend's zone: `2026-11-25` for a day, the week's Monday, or `2026-11` for
   * a month.
   */
  label: z.string(),
  /** Start of the bucket: local midnight of its first day in the trend's zone, as a UTC instant (included). */
  start: IsoDateTime,
  /** End of the bucket: the next bucket's start, as a UTC instant (excluded). */
  end: IsoDateTime,
  /** User messages (questions) in the bucket. */
  questions: z.number().int().nonnegative(),
  /** Missed questions reported in the bucket. */
  missed: z.number().int().nonnegative(),
  /** Questions answered in the bucket: `questions - missed`. */
  answered: z.number().int().nonnegative(),
  /** `missed / questions * 100`, 0 when there were no questions. */
  missedPercentage: z.number().min(0).max(100),
});
/** @see {@link TrendBucket} */
export type TrendBucket = z.infer<typeof TrendBucket>;

/**
 * Missed-question analytics for a range: totals, percentage and the per-bucket histogram.
 *
 * @example
 * ```ts
 * const trend: MissedQuestionTrend = {
 *   timeZone: 'Europe/Athens', bucket: 'day', totalQuestions: 40, totalMissedQuestions: 10,
 *   missedPercentage: 25, buckets: [],
 * };
 * ```
 */
export const MissedQuestionTrend = z.object({
  /** IANA zone the buckets are cut in, e.g. `Europe/Athens`. */
  timeZone: z.string(),
  /** Size of each bucket: `day`, `week` or `month`. */
  bucket: TrendBucketSize,
  /** User messages (questions) in the whole range. */
  totalQuestions: z.number().int().nonnegative(),
  /** Missed questions in the whole range. */
  totalMissedQuestions: z.number().int().nonnegative(),
  /** `totalMissedQuestions / totalQuestions * 100`, 0 when there were no questions. */
  missedPercentage: z.number().min(0).max(100),
  /** One bucket per day, week or month of the range, oldest first, empty ones included. */
  buckets: z.array(TrendBucket),
});
/** @see {@link MissedQuestionTrend} */
export type MissedQuestionTrend = z.infer<typeof MissedQuestionTrend>;
