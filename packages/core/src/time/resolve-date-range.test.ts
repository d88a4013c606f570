import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidDateRangeError, InvalidTimeZoneError } from '../errors/errors.js';
import type { DatePreset, DateRangeInput } from './date-range.js';
import { assertTimeZone, resolveDateRange } from './resolve-date-range.js';

const HOUR = 3_600_000;
const hours = (range: { from: string; to: string }) => (Date.parse(range.to) - Date.parse(range.from)) / HOUR;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

// Expected instants are derived by hand from the zones' rules (Athens UTC+2 in winter, UTC+3 from the last
// Sunday of March to the last Sunday of October; New York UTC-5 / UTC-4; Kathmandu UTC+5:45), not from output.
describe('resolveDateRange presets', () => {
  const athensNow = { timeZone: 'Europe/Athens', now: new Date('2026-11-25T10:00:00Z') };
  const presets: Array<[DatePreset, string, string]> = [
    ['today', '2026-11-24T22:00:00.000Z', '2026-11-25T22:00:00.000Z'],
    ['yesterday', '2026-11-23T22:00:00.000Z', '2026-11-24T22:00:00.000Z'],
    ['last7Days', '2026-11-18T22:00:00.000Z', '2026-11-25T22:00:00.000Z'],
    // 30 local days ending with the 25th start on 2026-10-27, after the fall-back of 2026-10-25.
    ['last30Days', '2026-10-26T22:00:00.000Z', '2026-11-25T22:00:00.000Z'],
    // thisMonth stops at the end of today, not the end of the month.
    ['thisMonth', '2026-10-31T22:00:00.000Z', '2026-11-25T22:00:00.000Z'],
    // 2026-11-25 is a Wednesday; weeks start on Monday the 23rd.
    ['thisWeek', '2026-11-22T22:00:00.000Z', '2026-11-25T22:00:00.000Z'],
    ['lastWeek', '2026-11-15T22:00:00.000Z', '2026-11-22T22:00:00.000Z'],
    // October 1st is in summer time (UTC+3), November 1st in winter time (UTC+2).
    ['lastMonth', '2026-09-30T21:00:00.000Z', '2026-10-31T22:00:00.000Z'],
  ];
  it.each(presets)('%s in Athens on 2026-11-25', (preset, from, to) => {
    expect(resolveDateRange({ preset }, athensNow)).toEqual({ from, to });
  });

  it('uses the local day, not the UTC day, just after local midnight', () => {
    const now = new Date('2026-11-25T22:30:00Z'); // 00:30 on the 26th in Athens
    expect(resolveDateRange({ preset: 'today' }, { timeZone: 'Europe/Athens', now })).toEqual({
      from: '2026-11-25T22:00:00.000Z',
      to: '2026-11-26T22:00:00.000Z',
    });
    expect(resolveDateRange({ preset: 'today' }, { timeZone: 'UTC', now })).toEqual({
      from: '2026-11-25T00:00:00.000Z',
      to: '2026-11-26T00:00:00.000Z',
    });
  });

  it.each([
    ['Europe/Athens', '2026-03-29T12:00:00Z', '2026-03-28T22:00:00.000Z', '2026-03-29T21:00:00.000Z', 23],
    ['Europe/Athens', '2026-10-25T12:00:00Z', '2026-10-24T21:00:00.000Z', '2026-10-25T22:00:00.000Z', 25],
    ['America/New_York', '2026-03-08T12:00:00Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 23],
    ['America/New_York', '2026-11-01T12:00:00Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 25],
    ['Asia/Kathmandu', '2026-11-25T12:00:00Z', '2026-11-24T18:15:00.000Z', '2026-11-25T18:15:00.000Z', 24],
  ])('today in %s at %s is a %sh-aware local day', (timeZone, now, from, to, length) => {
    const range = resolveDateRange({ preset: 'today' }, { timeZone, now: new Date(now) });
    expect(range).toEqual({ from, to });
    expect(hours(range)).toBe(length);
  });

  it('counts last7Days in calendar days across a DST change (7 days, 167 hours)', () => {
    const range = resolveDateRange(
      { preset: 'last7Days' },
      { timeZone: 'Europe/Athens', now: new Date('2026-04-01T12:00:00Z') },
    );
    expect(range).toEqual({ from: '2026-03-25T22:00:00.000Z', to: '2026-04-01T21:00:00.000Z' });
    expect(hours(range)).toBe(167);
  });

  it.each([
    // Athens springs forward on Sunday 2026-03-29: last week (Mon 23rd – Sun 29th) lasts 167 hours.
    ['Europe/Athens', '2026-04-01T12:00:00Z', '2026-03-22T22:00:00.000Z', '2026-03-29T21:00:00.000Z', 167],
    // New York falls back on Sunday 2026-11-01: last week (Mon Oct 26th – Sun Nov 1st) lasts 169 hours.
    ['America/New_York', '2026-11-03T12:00:00Z', '2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 169],
  ])(
    'lastWeek in %s at %s runs Monday to Monday across the DST change',
    (timeZone, now, from, to, length) => {
      const range = resolveDateRange({ preset: 'lastWeek' }, { timeZone, now: new Date(now) });
      expect(range).toEqual({ from, to });
      expect(hours(range)).toBe(length);
    },
  );

  it('thisWeek starts on the local Monday: just after midnight in Athens it is Monday, in UTC still Sunday', () => {
    const now = new Date('2026-11-22T22:30:00Z'); // Monday 00:30 in Athens, Sunday 22:30 in UTC
    expect(resolveDateRange({ preset: 'thisWeek' }, { timeZone: 'Europe/Athens', now })).toEqual({
      from: '2026-11-22T22:00:00.000Z',
      to: '2026-11-23T22:00:00.000Z',
    });
    expect(resolveDateRange({ preset: 'thisWeek' }, { timeZone: 'UTC', now })).toEqual({
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
    });
  });

  it('lastMonth is the whole previous month: December from January, with a 45-minute offset, across DST', () => {
    expect(
      resolveDateRange({ preset: 'lastMonth' }, { timeZone: 'UTC', now: new Date('2026-01-15T12:00:00Z') }),
    ).toEqual({ from: '2025-12-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
    expect(
      resolveDateRange(
        { preset: 'lastMonth' },
        { timeZone: 'Asia/Kathmandu', now: new Date('2026-11-25T12:00:00Z') },
      ),
    ).toEqual({ from: '2026-09-30T18:15:00.000Z', to: '2026-10-31T18:15:00.000Z' });
    // October in Athens holds the fall-back hour: 31 days and one hour.
    const october = resolveDateRange(
      { preset: 'lastMonth' },
      { timeZone: 'Europe/Athens', now: new Date('2026-11-01T12:00:00Z') },
    );
    expect(hours(october)).toBe(31 * 24 + 1);
  });

  it('thisMonth on the first of the month is that one day', () => {
    const range = resolveDateRange(
      { preset: 'thisMonth' },
      { timeZone: 'America/New_York', now: new Date('2026-11-01T12:00:00Z') },
    );
    expect(range).toEqual({ from: '2026-11-01T04:00:00.000Z', to: '2026-11-02T05:00:00.000Z' });
  });
});

describe('resolveDateRange explicit bounds', () => {
  const ctx = { timeZone: 'Europe/Athens', now: new Date('2026-11-25T10:00:00Z') };

  it('takes calendar dates as whole local days, the end day included', () => {
    expect(resolveDateRange({ from: '2026-11-01', to: '2026-11-30' }, ctx)).toEqual({
      from: '2026-10-31T22:00:00.000Z',
      to: '2026-11-30T22:00:00.000Z',
    });
    // One local day, the 25-hour fall-back day.
    expect(resolveDateRange({ from: '2026-10-25', to: '2026-10-25' }, ctx)).toEqual({
      from: '2026-10-24T21:00:00.000Z',
      to: '2026-10-25T22:00:00.000Z',
    });
  });

  it('takes strings with an offset and Dates as instants', () => {
    expect(
      resolveDateRange({ from: '2026-11-25T10:00:00+02:00', to: new Date('2026-11-25T12:30:00Z') }, ctx),
    ).toEqual({
      from: '2026-11-25T08:00:00.000Z',
      to: '2026-11-25T12:30:00.000Z',
    });
  });

  it('mixes a date and an instant', () => {
    expect(resolveDateRange({ from: '2026-11-25', to: '2026-11-25T12:00:00Z' }, ctx)).toEqual({
      from: '2026-11-24T22:00:00.000Z',
      to: '2026-11-25T12:00:00.000Z',
    });
  });

  it('allows an empty range of equal instants', () => {
    const at = '2026-11-25T08:00:00.000Z';
    expect(resolveDateRange({ from: at, to: at }, ctx)).toEqual({ from: at, to: at });
  });

  it('rejects a reversed range naming "from"', () => {
    for (const input of [
      { from: '2026-11-02', to: '2026-11-01' },
      { from: '2026-11-25T10:00:00Z', to: '2026-11-25T09:59:59Z' },
    ] satisfies DateRangeInput[]) {
      const error = thrown(() => resolveDateRange(input, ctx));
      expect(error).toBeInstanceOf(InvalidDateRangeError);
      expect(error).toMatchObject({ field: 'from' });
    }
  });

  it.each([
    ['from', { from: 'yesterday', to: '2026-11-01' }],
    ['from', { from: '2026-02-30', to: '2026-03-01' }],
    ['to', { from: '2026-11-01', to: '2026-13-01' }],
    // A time without an offset is ambiguous on the repeated hour of a DST change, so it is refused.
    ['to', { from: '2026-11-01', to: '2026-11-02T10:00:00' }],
    ['to', { from: '2026-11-01', to: new Date(Number.NaN) }],
  ] satisfies Array<[string, DateRangeInput]>)('rejects an unparsable bound naming %s', (field, input) => {
    const error = thrown(() => resolveDateRange(input, ctx));
    expect(error).toBeInstanceOf(InvalidDateRangeError);
    expect(error).toMatchObject({ field });
  });

  it('rejects an unknown preset naming preset, rather than returning nothing', () => {
    const error = thrown(() => resolveDateRange({ preset: 'lastFortnight' as DatePreset }, ctx));
    expect(error).toBeInstanceOf(InvalidDateRangeError);
    expect(error).toMatchObject({ field: 'preset', received: 'lastFortnight' });
  });

  it('rejects an unknown zone naming timeZone', () => {
    for (const timeZone of ['Europe/Atlantis', '']) {
      const error = thrown(() => resolveDateRange({ preset: 'today' }, { timeZone, now: ctx.now }));
      expect(error).toBeInstanceOf(InvalidTimeZoneError);
      expect(error).toMatchObject({ field: 'timeZone' });
    }
  });
});

describe('assertTimeZone', () => {
  it('accepts IANA zones and names the given field otherwise', () => {
    expect(() => assertTimeZone('Asia/Kathmandu')).not.toThrow();
    expect(thrown(() => assertTimeZone('Nowhere/Land', 'query.tz'))).toMatchObject({ field: 'query.tz' });
  });
});

describe('resolveDateRange properties', () => {
  const zones = ['Europe/Athens', 'America/New_York', 'Asia/Kathmandu', 'UTC'];
  const instant = fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2040-12-31T00:00:00Z'),
    noInvalidDate: true,
  });

  // An oracle independent of date-fns: the wall-clock reading of an instant in a zone, from Intl.
  const wallClock = (at: number, timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).format(at);

  it('today contains now, starts at local midnight, lasts 23, 24 or 25 hours, and follows yesterday', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (now, timeZone) => {
        const today = resolveDateRange({ preset: 'today' }, { timeZone, now });
        const yesterday = resolveDateRange({ preset: 'yesterday' }, { timeZone, now });
        const from = Date.parse(today.from);
        const to = Date.parse(today.to);
        expect(from).toBeLessThanOrEqual(now.getTime());
        expect(now.getTime()).toBeLessThan(to);
        expect([23, 24, 25]).toContain(hours(today));
        expect(yesterday.to).toBe(today.from);
        // None of these zones changes clocks at midnight, so every local day starts at 00:00:00.
        expect(wallClock(from, timeZone)).toMatch(/, 00:00:00$/);
        expect(wallClock(from, timeZone).slice(0, 10)).toBe(wallClock(now.getTime(), timeZone).slice(0, 10));
        expect(wallClock(from - 1000, timeZone)).toMatch(/, 23:59:59$/);
      }),
      { numRuns: 300 },
    );
  });

  it('last7Days and last30Days end with today and span 7 / 30 local days', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (now, timeZone) => {
        const today = resolveDateRange({ preset: 'today' }, { timeZone, now });
        for (const [preset, days] of [
          ['last7Days', 7],
          ['last30Days', 30],
        ] as const) {
          const range = resolveDateRange({ preset }, { timeZone, now });
          expect(range.to).toBe(today.to);
          // At most one DST change per 30 days in these zones: within an hour of the nominal length.
          expect(Math.abs(hours(range) - days * 24)).toBeLessThanOrEqual(1);
          expect(wallClock(Date.parse(range.from), timeZone)).toMatch(/, 00:00:00$/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
