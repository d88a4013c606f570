import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, format, startOfDay, startOfISOWeek, startOfMonth } from 'date-fns';
import { ObservatoryInputError } from '../errors/errors.js';
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
 * The first instant of the local day, ISO week (starting Monday) or month that contains `instant` in `timeZone`.
 * DST-aware: where a zone skips midnight, the bucket starts at the first local time that exists that day.
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
  const local = toZoned(instant, timeZone);
  return toPlain(startOfLocal(local, size));
}

/**
 * The first instant of the bucket after the one containing `start`: the next local midnight, next Monday's
 * midnight, or the first of next month, in `timeZone`. A bucket is `[bucketStart, nextBucketStart)`, so a local
 * day lasts 23, 24 or 25 hours.
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
  const current = startOfLocal(toZoned(start, timeZone), size);
  // Normalise again after adding: on a day whose midnight is skipped the addition lands after the skip.
  const next =
    size === 'day' ? addDays(current, 1) : size === 'week' ? addWeeks(current, 1) : addMonths(current, 1);
  return toPlain(startOfLocal(next, size));
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
  return format(toZoned(instant, timeZone), 'yyyy-MM-dd');
}

function startOfLocal(local: TZDate, size: BucketSize): TZDate {
  if (size === 'day') return startOfDay(local);
  if (size === 'week') return startOfISOWeek(local);
  return startOfMonth(local);
}

function toZoned(instant: Date, timeZone: string): TZDate {
  assertTimeZone(timeZone);
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new ObservatoryInputError('instant', 'a valid Date', instant);
  }
  return new TZDate(instant.getTime(), timeZone);
}

// Callers get plain Dates: a TZDate's local-time getters would surprise code that expects UTC semantics.
function toPlain(date: Date): Date {
  return new Date(date.getTime());
}
