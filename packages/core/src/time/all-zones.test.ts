import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missedQuestionTrend } from '../missed/trend.js';
import { bucketStart, localDateLabel, nextBucketStart } from './buckets.js';
import { MAX_BUCKETS_PER_RANGE } from './range-buckets.js';
import { resolveDateRange } from './resolve-date-range.js';

// Properties of every date-range and bucket function over every zone the runtime's IANA database holds, at any
// instant of the years 1000–9999: local mean times with seconds (Athens +1:34:52 until 1916), DST gaps and
// overlaps (at midnight too), half-hour and 45-minute offsets, days a zone skipped or repeated.
//
// The oracle is Intl's own wall-clock reading of an instant, written here independently of the code under test.
// TIME_PROPERTY_RUNS multiplies the runs (e.g. 100 for a long check); the default run takes a few seconds.

const SCALE = Number(process.env.TIME_PROPERTY_RUNS ?? 1);
const runs = (count: number) => ({ numRuns: Math.max(1, Math.round(count * SCALE)) });
// A few seconds by default; room for a busy machine, and for the longer runs asked for.
const TIMEOUT = 60_000 * Math.max(1, SCALE);
const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const zones = ['UTC', ...Intl.supportedValuesOf('timeZone')];
// Instants whose local dates, weeks and months, in any zone, stay within the years 1000–9999.
const FIRST = Date.UTC(1000, 0, 2);
const LAST = Date.UTC(9999, 10, 30);

const readers = new Map<string, Intl.DateTimeFormat>();
/** The wall clock of `at` in `zone`, as milliseconds of a UTC calendar (so readings compare and subtract). */
function wall(at: number, zone: string): number {
  let reader = readers.get(zone);
  if (!reader) {
    reader = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    readers.set(zone, reader);
  }
  const part = Object.fromEntries(reader.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const date = new Date(0);
  date.setUTCFullYear(part.year as number, (part.month as number) - 1, part.day as number);
  return (
    date.getTime() +
    ((part.hour as number) * 3600 + (part.minute as number) * 60 + (part.second as number)) * SECOND
  );
}
const wallDay = (at: number, zone: string) => Math.floor(wall(at, zone) / DAY);
const offset = (at: number, zone: string) => wall(at, zone) - Math.floor(at / SECOND) * SECOND;
const label = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const weekday = (day: number) => new Date(day * DAY).getUTCDay(); // 1 is Monday

/**
 * `start` is where local day `day` begins for good: the wall clock reads an earlier day one second before and
 * never again within [start, end); it reads 00:00:00 unless a transition (a gap over midnight) happens right at
 * `start`.
 */
function expectDayStart(start: number, zone: string, end: number) {
  const day = wallDay(start, zone);
  expect(wall(start - SECOND, zone), `before ${new Date(start).toISOString()}`).toBeLessThan(day * DAY);
  if (wall(start, zone) !== day * DAY) {
    expect(offset(start - SECOND, zone), `a gap at ${new Date(start).toISOString()}`).not.toBe(
      offset(start, zone),
    );
  }
  for (const inside of [start, start + (end - start) / 2, end - SECOND]) {
    expect(wallDay(Math.floor(inside / SECOND) * SECOND, zone)).toBeGreaterThanOrEqual(day);
  }
  return day;
}

/** Checks the day, week and month buckets around `at` in `zone`. */
function checkBuckets(at: number, zone: string) {
  const instant = new Date(at);
  const start = bucketStart(instant, 'day', zone).getTime();
  const end = nextBucketStart(new Date(start), 'day', zone).getTime();
  expect(start).toBeLessThanOrEqual(at);
  expect(end).toBeGreaterThan(at);
  expect(nextBucketStart(instant, 'day', zone).getTime()).toBe(end);
  expect(bucketStart(new Date(start), 'day', zone).getTime()).toBe(start);
  expect(bucketStart(new Date(end - 1), 'day', zone).getTime()).toBe(start);
  expect(bucketStart(new Date(end), 'day', zone).getTime()).toBe(end);
  const day = expectDayStart(start, zone, end);
  const nextDay = expectDayStart(end, zone, end + HOUR);
  expect(localDateLabel(new Date(start), zone)).toBe(label(day));
  // Consecutive days; a day between them exists nowhere (the clock jumped over it at `end`).
  expect(nextDay).toBeGreaterThan(day);
  if (nextDay > day + 1) expect(wall(end - SECOND, zone)).toBeLessThan((day + 1) * DAY);
  expect(end - start).toBeLessThanOrEqual(49 * HOUR);

  const weekStart = bucketStart(instant, 'week', zone).getTime();
  const weekEnd = nextBucketStart(new Date(weekStart), 'week', zone).getTime();
  expect(weekStart).toBeLessThanOrEqual(start);
  expect(weekEnd).toBeGreaterThanOrEqual(end);
  const monday = expectDayStart(weekStart, zone, weekEnd);
  expect(weekday(monday)).toBe(1);
  expect(day - monday).toBeLessThan(7);
  expect(expectDayStart(weekEnd, zone, weekEnd + HOUR)).toBe(monday + 7);

  const monthStart = bucketStart(instant, 'month', zone).getTime();
  const monthEnd = nextBucketStart(new Date(monthStart), 'month', zone).getTime();
  expect(monthStart).toBeLessThanOrEqual(start);
  expect(monthEnd).toBeGreaterThanOrEqual(end);
  const first = label(expectDayStart(monthStart, zone, monthEnd));
  expect(first).toBe(`${label(day).slice(0, 7)}-01`);
  const next = label(expectDayStart(monthEnd, zone, monthEnd + HOUR));
  expect(next.slice(8)).toBe('01');
  expect(Date.parse(next) - Date.parse(first)).toBeGreaterThanOrEqual(28 * DAY);
  expect(Date.parse(next) - Date.parse(first)).toBeLessThanOrEqual(31 * DAY);
}

/** The transitions of `zone` during UTC year `year` (found by weekly offsets and bisection, to the second). */
function transitionsIn(year: number, zone: string): number[] {
  const found: number[] = [];
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  for (let low = from; low < to; low += 7 * DAY) {
    let high = Math.min(low + 7 * DAY, to);
    const before = offset(low, zone);
    if (offset(high, zone) === before) continue;
    let a = low;
    while (high - a > SECOND) {
      const middle = Math.floor((a + high) / 2 / SECOND) * SECOND;
      if (middle <= a) break;
      if (offset(middle, zone) === before) a = middle;
      else high = middle;
    }
    found.push(high);
  }
  return found;
}

const zone = fc.constantFrom(...zones);
// Anywhere in 1000–9999, and thrice as often in 1840–2040, where the database's history changes offsets.
const instant = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: FIRST, max: LAST }) },
  { weight: 3, arbitrary: fc.integer({ min: Date.UTC(1840, 0, 1), max: Date.UTC(2040, 0, 1) }) },
);

describe('every zone, years 1000–9999', () => {
  it(
    'day, week and month buckets start where their local day starts and follow each other',
    () => {
      fc.assert(
        fc.property(zone, instant, (timeZone, at) => checkBuckets(at, timeZone)),
        runs(600),
      );
    },
    TIMEOUT,
  );

  it(
    'holds around every kind of transition: LMT, DST gaps and overlaps, skipped days',
    () => {
      fc.assert(
        fc.property(
          zone,
          fc.integer({ min: 1840, max: 2037 }),
          fc.nat(),
          fc.integer({ min: -26 * 3600, max: 26 * 3600 }),
          (timeZone, year, pick, shift) => {
            const transitions = transitionsIn(year, timeZone);
            const at =
              transitions.length === 0
                ? Date.UTC(year, 6, 1)
                : (transitions[pick % transitions.length] as number);
            for (const near of [at - SECOND, at, at + shift * SECOND]) checkBuckets(near, timeZone);
          },
        ),
        runs(250),
      );
    },
    TIMEOUT,
  );

  it(
    'resolves calendar dates to the whole local days from one to the other, each a trend bucket',
    () => {
      const firstDay = Math.ceil(FIRST / DAY);
      const lastDay = Math.floor(LAST / DAY) - 41;
      fc.assert(
        fc.property(
          zone,
          fc.oneof(
            fc.integer({ min: firstDay, max: lastDay }),
            fc.integer({
              min: Math.floor(Date.UTC(1840, 0, 1) / DAY),
              max: Math.floor(Date.UTC(2040, 0, 1) / DAY),
            }),
          ),
          fc.integer({ min: 0, max: 40 }),
          (timeZone, fromDay, length) => {
            const toDay = fromDay + length;
            const range = resolveDateRange(
              { from: label(fromDay), to: label(toDay) },
              { timeZone, now: new Date(0) },
            );
            const from = Date.parse(range.from);
            const to = Date.parse(range.to);
            const trend = missedQuestionTrend({ questions: [], occurrences: [], range, timeZone });
            const buckets = trend.buckets;
            expect(buckets[0]?.start).toBe(range.from);
            expect(buckets.at(-1)?.end).toBe(range.to);
            let expected = fromDay;
            for (const bucket of buckets) {
              const start = Date.parse(bucket.start);
              const end = Date.parse(bucket.end);
              expect(end).toBeGreaterThan(start);
              const day = expectDayStart(start, timeZone, end);
              // A day the zone skipped whole has no bucket: the clock jumped from before it to after it.
              if (day > expected) expect(wall(start - SECOND, timeZone)).toBeLessThan(expected * DAY);
              expect(bucket.label).toBe(label(day));
              expected = day + 1;
            }
            expect(expected).toBe(toDay + 1);
            expect(buckets.length).toBeLessThanOrEqual(length + 1);
            expect(wallDay(from, timeZone)).toBeGreaterThanOrEqual(fromDay);
            expect(wall(to - SECOND, timeZone)).toBeLessThan((toDay + 1) * DAY);
          },
        ),
        runs(250),
      );
    },
    TIMEOUT,
  );

  it(
    'resolves presets to whole local days ending with today',
    () => {
      fc.assert(
        fc.property(zone, instant, (timeZone, at) => {
          const now = new Date(at);
          const today = resolveDateRange({ preset: 'today' }, { timeZone, now });
          const start = Date.parse(today.from);
          expect(start).toBe(bucketStart(now, 'day', timeZone).getTime());
          expect(Date.parse(today.to)).toBe(nextBucketStart(now, 'day', timeZone).getTime());
          expect(resolveDateRange({ preset: 'yesterday' }, { timeZone, now }).to).toBe(today.from);
          const day = wallDay(start, timeZone);
          for (const [preset, days] of [
            ['last7Days', 7],
            ['last30Days', 30],
          ] as const) {
            const range = resolveDateRange({ preset }, { timeZone, now });
            expect(range.to).toBe(today.to);
            const first = Date.parse(range.from);
            // The first of the N days, or where the zone skipped it, the day after.
            expect(wallDay(first, timeZone)).toBeGreaterThanOrEqual(day - days + 1);
            expect(wall(first - SECOND, timeZone)).toBeLessThan((day - days + 1) * DAY);
          }
          const month = resolveDateRange({ preset: 'thisMonth' }, { timeZone, now });
          expect(month.from).toBe(bucketStart(now, 'month', timeZone).toISOString());
          expect(month.to).toBe(today.to);
          // lastMonth: from the first local instant of the month before to this month's start.
          const lastMonth = resolveDateRange({ preset: 'lastMonth' }, { timeZone, now });
          expect(lastMonth.to).toBe(month.from);
          const monthStart = new Date(wall(start, timeZone));
          const previousFirst = Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() - 1, 1);
          const lastMonthFrom = Date.parse(lastMonth.from);
          expect(wall(lastMonthFrom, timeZone)).toBeGreaterThanOrEqual(previousFirst);
          expect(wall(lastMonthFrom - SECOND, timeZone)).toBeLessThan(previousFirst);
          // Weeks start on Monday: this week from the local Monday (or the first day after it the zone kept).
          const week = resolveDateRange({ preset: 'thisWeek' }, { timeZone, now });
          expect(week.to).toBe(today.to);
          const monday = (day - ((new Date(day * DAY).getUTCDay() + 6) % 7)) * DAY;
          const weekFrom = Date.parse(week.from);
          expect(wall(weekFrom, timeZone)).toBeGreaterThanOrEqual(monday);
          expect(wall(weekFrom - SECOND, timeZone)).toBeLessThan(monday);
          const lastWeek = resolveDateRange({ preset: 'lastWeek' }, { timeZone, now });
          expect(lastWeek.to).toBe(week.from);
          const lastWeekFrom = Date.parse(lastWeek.from);
          expect(wall(lastWeekFrom, timeZone)).toBeGreaterThanOrEqual(monday - 7 * DAY);
          expect(wall(lastWeekFrom - SECOND, timeZone)).toBeLessThan(monday - 7 * DAY);
        }),
        runs(300),
      );
    },
    TIMEOUT,
  );

  // Up to 1,100 days (around the cap for days), or up to 90 years (around it for months).
  const span = fc.oneof(fc.integer({ min: 0, max: 1100 * DAY }), fc.integer({ min: 0, max: 90 * 366 * DAY }));
  it(
    'cuts any range into at most MAX_BUCKETS_PER_RANGE buckets, or refuses it',
    () => {
      fc.assert(
        fc.property(
          zone,
          instant,
          span,
          fc.constantFrom('day', 'week', 'month' as const),
          (timeZone, a, length, bucket) => {
            const range = {
              from: new Date(a).toISOString(),
              to: new Date(Math.min(a + length, LAST)).toISOString(),
            };
            let buckets: Array<{ start: string; end: string }>;
            try {
              buckets = missedQuestionTrend({
                questions: [],
                occurrences: [],
                range,
                timeZone,
                bucket,
              }).buckets;
            } catch (error) {
              expect(error).toMatchObject({ field: 'range.to' });
              expect(String(error)).toContain(`at most ${MAX_BUCKETS_PER_RANGE.toLocaleString('en-US')}`);
              return;
            }
            expect(buckets.length).toBeLessThanOrEqual(MAX_BUCKETS_PER_RANGE);
            for (let index = 1; index < buckets.length; index++) {
              expect(buckets[index]?.start).toBe(buckets[index - 1]?.end);
              expect(Date.parse(buckets[index]?.start as string)).toBeGreaterThan(
                Date.parse(buckets[index - 1]?.start as string),
              );
            }
          },
        ),
        runs(40),
      );
    },
    TIMEOUT,
  );
});
