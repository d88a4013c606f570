import { ObservatoryInputError } from '../errors/errors.js';
import { civilFromDays, dayLabel, daysFromCivil } from './civil.js';
import { localDayOf, localDayStart, wallDay } from './local-day.js';
import { assertTimeZone } from './time-zone.js';

/**
 * Size of a calendar bucket in the viewer's zone: a local day, an ISO week (Monday to Monday) or a month.
 *
 * @example
 * ```ts
 * const size: BucketSize = 'week';
 * ```
 */
export type BucketSize = 'day' | 'week' | 'month';

/**
 * The first instant of the local day, ISO week (starting Monday) or month that contains `instant` in `timeZone`,
 * to the second for every offset the IANA database holds (local mean times such as Athens's +1:34:52 included).
 * Where a zone skips midnight, the bucket starts at the first local time that exists that day; where a clock
 * change repeats midnight, at its first reading.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone; ObservatoryInputError (field `instant`)
 *   for an invalid Date.
 * @example
 * ```ts
 * import { bucketStart } from '@observatory/core';
 * bucketStart(new Date('2026-11-25T23:30:00Z'), 'day', 'Europe/Athens').toISOString();
 * // '2026-11-25T22:00:00.000Z' (local midnight of the 26th)
 * ```
 */
export function bucketStart(instant: Date, size: BucketSize, timeZone: string): Date {
  const at = instantMs(instant, timeZone);
  return new Date(bucketStartMs(bucketIndexOf(at, size, timeZone), size, timeZone));
}

/**
 * The first instant of the bucket after the one containing `start`: the next local midnight, next Monday's
 * midnight, or the first of next month, in `timeZone`. A bucket is `[bucketStart, nextBucketStart)`, so a local
 * day lasts 23, 24 or 25 hours (or, in a zone's history, other lengths); the result is always after `start`.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone; ObservatoryInputError (field `instant`)
 *   for an invalid Date.
 * @example
 * ```ts
 * import { bucketStart, nextBucketStart } from '@observatory/core';
 * const start = bucketStart(new Date('2026-03-29T10:00:00Z'), 'day', 'Europe/Athens');
 * nextBucketStart(start, 'day', 'Europe/Athens').getTime() - start.getTime(); // 23 hours: DST starts that day
 * ```
 */
export function nextBucketStart(start: Date, size: BucketSize, timeZone: string): Date {
  const at = instantMs(start, timeZone);
  return new Date(bucketStartMs(bucketIndexOf(at, size, timeZone) + 1, size, timeZone));
}

/**
 * The local calendar date of `instant` in `timeZone`, as `YYYY-MM-DD`.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone; ObservatoryInputError (field `instant`)
 *   for an invalid Date.
 * @example
 * ```ts
 * import { localDateLabel } from '@observatory/core';
 * localDateLabel(new Date('2026-11-25T23:30:00Z'), 'Europe/Athens'); // '2026-11-26'
 * ```
 */
export function localDateLabel(instant: Date, timeZone: string): string {
  return dayLabel(wallDay(instantMs(instant, timeZone), timeZone));
}

// 1970-01-05, day 4, was a Monday: ISO weeks are counted from it.
const FIRST_MONDAY = 4;

/**
 * The bucket holding `epochMs` as a number that counts buckets: a local day number, a week number (weeks from
 * Monday 1970-01-05) or a month number (`year * 12 + month - 1`). Consecutive buckets have consecutive numbers.
 *
 * @example
 * ```ts
 * bucketIndexOf(Date.parse('1970-01-05T00:00:00Z'), 'week', 'UTC'); // 0
 * ```
 */
export function bucketIndexOf(epochMs: number, size: BucketSize, timeZone: string): number {
  const { day } = localDayOf(epochMs, timeZone);
  if (size === 'day') return day;
  if (size === 'week') return Math.floor((day - FIRST_MONDAY) / 7);
  const { year, month } = civilFromDays(day);
  return year * 12 + month - 1;
}

/**
 * The first instant (epoch ms) of bucket number `index` (see {@link bucketIndexOf}): the start of its first local
 * day. Non-decreasing in `index`; equal for two numbers only where a zone skipped a whole day.
 *
 * @example
 * ```ts
 * bucketStartMs(0, 'week', 'UTC'); // Date.parse('1970-01-05T00:00:00Z')
 * ```
 */
export function bucketStartMs(index: number, size: BucketSize, timeZone: string): number {
  const firstDay =
    size === 'day'
      ? index
      : size === 'week'
        ? FIRST_MONDAY + index * 7
        : daysFromCivil(Math.floor(index / 12), index - 12 * Math.floor(index / 12) + 1, 1);
  return localDayStart(firstDay, timeZone);
}

function instantMs(instant: Date, timeZone: string): number {
  assertTimeZone(timeZone);
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new ObservatoryInputError('instant', 'a valid Date', instant);
  }
  return instant.getTime();
}
