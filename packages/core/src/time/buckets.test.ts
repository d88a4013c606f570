import { describe, expect, it } from 'vitest';
import { InvalidTimeZoneError, ObservatoryInputError } from '../errors/errors.js';
import { type BucketSize, bucketStart, localDateLabel, nextBucketStart } from './buckets.js';

const HOUR = 3_600_000;

// Expected instants come from the zones' published rules: Athens is UTC+2 in winter and UTC+3 from the last
// Sunday of March to the last Sunday of October; New York is UTC-5 / UTC-4 (second Sunday of March to first
// Sunday of November); Kathmandu is UTC+5:45 all year; Chile skips local midnight on the first Sunday of
// September (2026-09-06: 00:00 -04:00 becomes 01:00 -03:00).
describe('bucketStart / nextBucketStart', () => {
  const cases: Array<[string, string, BucketSize, string, string, number]> = [
    // zone, instant, size, expected start, expected next start, bucket length in hours
    [
      'Europe/Athens',
      '2026-11-25T10:00:00Z',
      'day',
      '2026-11-24T22:00:00.000Z',
      '2026-11-25T22:00:00.000Z',
      24,
    ],
    [
      'Europe/Athens',
      '2026-11-25T23:30:00Z',
      'day',
      '2026-11-25T22:00:00.000Z',
      '2026-11-26T22:00:00.000Z',
      24,
    ],
    [
      'Europe/Athens',
      '2026-03-29T12:00:00Z',
      'day',
      '2026-03-28T22:00:00.000Z',
      '2026-03-29T21:00:00.000Z',
      23,
    ],
    [
      'Europe/Athens',
      '2026-10-25T12:00:00Z',
      'day',
      '2026-10-24T21:00:00.000Z',
      '2026-10-25T22:00:00.000Z',
      25,
    ],
    [
      'America/New_York',
      '2026-03-08T12:00:00Z',
      'day',
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
      23,
    ],
    [
      'America/New_York',
      '2026-11-01T12:00:00Z',
      'day',
      '2026-11-01T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
      25,
    ],
    [
      'Asia/Kathmandu',
      '2026-11-25T18:15:00Z',
      'day',
      '2026-11-25T18:15:00.000Z',
      '2026-11-26T18:15:00.000Z',
      24,
    ],
    [
      'Asia/Kathmandu',
      '2026-11-25T18:14:59Z',
      'day',
      '2026-11-24T18:15:00.000Z',
      '2026-11-25T18:15:00.000Z',
      24,
    ],
    [
      'America/Santiago',
      '2026-09-06T12:00:00Z',
      'day',
      '2026-09-06T04:00:00.000Z',
      '2026-09-07T03:00:00.000Z',
      23,
    ],
    [
      'America/Santiago',
      '2026-09-05T12:00:00Z',
      'day',
      '2026-09-05T04:00:00.000Z',
      '2026-09-06T04:00:00.000Z',
      24,
    ],
    // 2026-11-25 is a Wednesday: its ISO week starts Monday 2026-11-23.
    [
      'Europe/Athens',
      '2026-11-25T10:00:00Z',
      'week',
      '2026-11-22T22:00:00.000Z',
      '2026-11-29T22:00:00.000Z',
      168,
    ],
    // A Sunday belongs to the week that started the Monday before; this one contains the fall-back hour.
    [
      'Europe/Athens',
      '2026-10-25T12:00:00Z',
      'week',
      '2026-10-18T21:00:00.000Z',
      '2026-10-25T22:00:00.000Z',
      169,
    ],
    [
      'Europe/Athens',
      '2026-03-15T12:00:00Z',
      'month',
      '2026-02-28T22:00:00.000Z',
      '2026-03-31T21:00:00.000Z',
      743,
    ],
    ['UTC', '2026-02-10T00:00:00Z', 'month', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 28 * 24],
    // Local mean times keep their seconds: Athens Mean Time was UTC+1:34:52 until 1916-07-28, when Athens moved
    // to UTC+2 (EET) at 00:01 local, making that day 23:34:52 long; Madras Time (Kolkata) was UTC+5:21:10.
    [
      'Europe/Athens',
      '1916-01-01T12:00:00Z',
      'day',
      '1915-12-31T22:25:08.000Z',
      '1916-01-01T22:25:08.000Z',
      24,
    ],
    [
      'Europe/Athens',
      '1916-07-28T12:00:00Z',
      'day',
      '1916-07-27T22:25:08.000Z',
      '1916-07-28T22:00:00.000Z',
      (23 * 3600 + 34 * 60 + 52) / 3600,
    ],
    [
      'Asia/Kolkata',
      '1900-01-01T12:00:00Z',
      'day',
      '1899-12-31T18:38:50.000Z',
      '1900-01-01T18:38:50.000Z',
      24,
    ],
    // Samoa skipped 2011-12-30: after 23:59:59 on the 29th (UTC-10) came 00:00 on the 31st (UTC+14).
    [
      'Pacific/Apia',
      '2011-12-29T12:00:00Z',
      'day',
      '2011-12-29T10:00:00.000Z',
      '2011-12-30T10:00:00.000Z',
      24,
    ],
    // São Paulo began DST at midnight on 2018-11-04 (00:00 -03 became 01:00 -02) and ended it at midnight on
    // 2019-02-17 (00:00 -02 became 23:00 -03 on the 16th, so the 16th lasted 25 hours).
    [
      'America/Sao_Paulo',
      '2018-11-04T12:00:00Z',
      'day',
      '2018-11-04T03:00:00.000Z',
      '2018-11-05T02:00:00.000Z',
      23,
    ],
    [
      'America/Sao_Paulo',
      '2019-02-16T12:00:00Z',
      'day',
      '2019-02-16T02:00:00.000Z',
      '2019-02-17T03:00:00.000Z',
      25,
    ],
    // 45-minute offsets (Eucla UTC+8:45; Chatham UTC+13:45 in its summer) and Lord Howe's half-hour DST step,
    // which begins on the first Sunday of October at 02:00 (+10:30 becomes +11).
    [
      'Australia/Eucla',
      '2026-11-25T12:00:00Z',
      'day',
      '2026-11-24T15:15:00.000Z',
      '2026-11-25T15:15:00.000Z',
      24,
    ],
    [
      'Pacific/Chatham',
      '2026-11-25T12:00:00Z',
      'day',
      '2026-11-25T10:15:00.000Z',
      '2026-11-26T10:15:00.000Z',
      24,
    ],
    [
      'Australia/Lord_Howe',
      '2026-10-04T00:00:00Z',
      'day',
      '2026-10-03T13:30:00.000Z',
      '2026-10-04T13:00:00.000Z',
      23.5,
    ],
  ];

  it.each(cases)('%s %s (%s)', (zone, instant, size, start, next, hours) => {
    const got = bucketStart(new Date(instant), size, zone);
    expect(got.toISOString()).toBe(start);
    const after = nextBucketStart(got, size, zone);
    expect(after.toISOString()).toBe(next);
    expect((after.getTime() - got.getTime()) / HOUR).toBe(hours);
  });

  it('returns the next bucket even when given an instant inside the current one', () => {
    const next = nextBucketStart(new Date('2026-11-25T15:00:00Z'), 'day', 'Europe/Athens');
    expect(next.toISOString()).toBe('2026-11-25T22:00:00.000Z');
  });

  it('returns plain Dates', () => {
    expect(bucketStart(new Date('2026-11-25T10:00:00Z'), 'day', 'Europe/Athens').constructor).toBe(Date);
  });

  it('rejects an unknown zone and an invalid instant, naming the field', () => {
    expect(() => bucketStart(new Date(), 'day', 'Europe/Atlantis')).toThrow(InvalidTimeZoneError);
    let error: unknown;
    try {
      bucketStart(new Date(Number.NaN), 'day', 'UTC');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ObservatoryInputError);
    expect(error).toMatchObject({ field: 'instant' });
  });
});

describe('localDateLabel', () => {
  it.each([
    ['2026-11-25T21:59:59Z', 'Europe/Athens', '2026-11-25'],
    ['2026-11-25T22:00:00Z', 'Europe/Athens', '2026-11-26'],
    ['2026-11-25T18:14:59Z', 'Asia/Kathmandu', '2026-11-25'],
    ['2026-11-25T18:15:00Z', 'Asia/Kathmandu', '2026-11-26'],
    ['2026-01-01T04:59:59Z', 'America/New_York', '2025-12-31'],
  ])('%s in %s is %s', (instant, zone, label) => {
    expect(localDateLabel(new Date(instant), zone)).toBe(label);
  });
});
