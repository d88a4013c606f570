import { InvalidDateRangeError, ObservatoryInputError } from '../errors/errors.js';
import { bucketIndexOf, bucketStartMs } from './buckets.js';
import { civilFromDays, daysFromCivil } from './civil.js';
import { DatePreset, type DateRange, type DateRangeContext, type DateRangeInput } from './date-range.js';
import { localDayOf, localDayStart } from './local-day.js';
import { assertTimeZone } from './time-zone.js';

export { assertTimeZone } from './time-zone.js';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must carry its offset: a bare local time would be ambiguous on the hour a DST change repeats.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
// What a user can type (a CLI flag, a query parameter); a caller in code may pass a Date as well.
const TEXT_BOUND_EXPECTED =
  'a date as YYYY-MM-DD or an ISO 8601 instant with Z or an offset, such as 2026-11-01T09:30:00Z';
const BOUND_EXPECTED = `${TEXT_BOUND_EXPECTED}, or a valid Date`;

/**
 * Resolves a preset or explicit bounds to a half-open UTC range `[from, to)` in the viewer's zone, DST-correct
 * (a local day lasts 23, 24 or 25 hours).
 *
 * Presets, all in `context.timeZone` relative to `context.now`:
 * - `today`: local midnight today to local midnight tomorrow;
 * - `yesterday`: the local day before, so `yesterday.to === today.from`;
 * - `last7Days` / `last30Days`: the 7 / 30 local days ending with today, today included;
 * - `thisWeek`: Monday of this week (weeks start on Monday, ISO 8601) to the end of today, like `thisMonth`;
 * - `lastWeek`: the seven local days Monday to Sunday before this week's Monday;
 * - `thisMonth`: the first of this month to the end of today (local midnight tomorrow), so it never reaches into
 *   the future;
 * - `lastMonth`: the whole previous calendar month, its first to this month's first.
 *
 * Explicit bounds: a calendar date `YYYY-MM-DD` is a whole local day (`from` = its start, `to` = the start of the
 * next day, so the end day is included); an ISO string with a time and `Z` or an offset, or a `Date`, is that
 * instant. `from === to` with instants gives an empty range.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone; InvalidDateRangeError (field `preset`)
 *   for an unknown preset, (field `from` or `to`) for a bound that is not a date, and (field `from`) when `from`
 *   is after `to`; ObservatoryInputError (field `now`) when the clock is not a valid Date.
 * @example
 * ```ts
 * import { resolveDateRange } from '@observatory/core';
 * const ctx = { timeZone: 'Europe/Athens', now: new Date('2026-11-25T10:00:00Z') };
 * resolveDateRange({ preset: 'today' }, ctx);
 * // { from: '2026-11-24T22:00:00.000Z', to: '2026-11-25T22:00:00.000Z' }
 * resolveDateRange({ preset: 'lastWeek' }, ctx); // Monday 16 to Sunday 22 November, Athens time
 * // { from: '2026-11-15T22:00:00.000Z', to: '2026-11-22T22:00:00.000Z' }
 * resolveDateRange({ from: '2026-11-01', to: '2026-11-30' }, ctx);
 * // { from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' }
 * ```
 */
export function resolveDateRange(input: DateRangeInput, context: DateRangeContext): DateRange {
  const { timeZone, now } = context;
  assertTimeZone(timeZone, 'timeZone');
  if ('preset' in input) {
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
      throw new ObservatoryInputError('now', 'a valid Date', now);
    }
    // Callers in plain JavaScript (or reading a CLI flag) can pass any string; the switch below would return
    // nothing for it.
    if (!DatePreset.safeParse(input.preset).success) {
      throw new InvalidDateRangeError('preset', `one of ${DatePreset.options.join(', ')}`, input.preset);
    }
    return resolvePreset(input.preset, now, timeZone);
  }
  const from = parseBound(input.from, 'from', timeZone);
  const to = parseBound(input.to, 'to', timeZone);
  // Equal instants make an empty range, which is allowed; a `to` date always covers its whole day, so a range
  // ending with a date may not be empty — `from` must fall before the end of that day.
  const toIsDate = typeof input.to === 'string' && CALENDAR_DATE.test(input.to);
  if (from > to || (toIsDate && from === to)) {
    throw new InvalidDateRangeError(
      'from',
      // The end as the caller wrote it: a date `to` is the user's inclusive day, not the instant it ends at.
      `a bound not after "to" (${input.to instanceof Date ? input.to.toISOString() : input.to})`,
      input.from,
    );
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

function resolvePreset(preset: DatePreset, now: Date, timeZone: string): DateRange {
  // Days are counted on the calendar (not by 24 h), so a range of N days holds N local days across DST changes.
  const today = localDayOf(now.getTime(), timeZone);
  const tomorrowStart = localDayStart(today.day + 1, timeZone);
  switch (preset) {
    case 'today':
      return range(today.start, tomorrowStart);
    case 'yesterday':
      return range(localDayStart(today.day - 1, timeZone), today.start);
    case 'last7Days':
      return range(localDayStart(today.day - 6, timeZone), tomorrowStart);
    case 'last30Days':
      return range(localDayStart(today.day - 29, timeZone), tomorrowStart);
    // Weeks and months are the trend chart's buckets (ISO weeks start on Monday): one definition of each.
    case 'thisWeek':
      return range(
        bucketStartMs(bucketIndexOf(today.start, 'week', timeZone), 'week', timeZone),
        tomorrowStart,
      );
    case 'lastWeek': {
      const week = bucketIndexOf(today.start, 'week', timeZone);
      return range(bucketStartMs(week - 1, 'week', timeZone), bucketStartMs(week, 'week', timeZone));
    }
    case 'thisMonth':
      return range(
        bucketStartMs(bucketIndexOf(today.start, 'month', timeZone), 'month', timeZone),
        tomorrowStart,
      );
    case 'lastMonth': {
      const month = bucketIndexOf(today.start, 'month', timeZone);
      return range(bucketStartMs(month - 1, 'month', timeZone), bucketStartMs(month, 'month', timeZone));
    }
  }
}

function parseBound(bound: string | Date, field: 'from' | 'to', timeZone: string): number {
  if (bound instanceof Date) {
    if (Number.isNaN(bound.getTime())) throw new InvalidDateRangeError(field, BOUND_EXPECTED, bound);
    return bound.getTime();
  }
  if (typeof bound !== 'string') throw new InvalidDateRangeError(field, BOUND_EXPECTED, bound);
  const date = CALENDAR_DATE.exec(bound);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const dayNumber = daysFromCivil(year, month, day);
    // Out-of-range fields roll over (February 30th is March 2nd): such a date does not exist.
    const civil = civilFromDays(dayNumber);
    if (civil.year !== year || civil.month !== month || civil.day !== day) {
      throw new InvalidDateRangeError(field, TEXT_BOUND_EXPECTED, bound);
    }
    return localDayStart(field === 'to' ? dayNumber + 1 : dayNumber, timeZone);
  }
  const instant = INSTANT.test(bound) ? Date.parse(bound) : Number.NaN;
  if (Number.isNaN(instant)) throw new InvalidDateRangeError(field, TEXT_BOUND_EXPECTED, bound);
  return instant;
}

function range(from: number, to: number): DateRange {
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
