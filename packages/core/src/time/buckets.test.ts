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
