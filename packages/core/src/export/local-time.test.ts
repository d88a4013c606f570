import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatLocalDateTime } from './local-time.js';

// An independent reference: the wall clock straight from Intl, field by field.
function reference(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const f = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}`;
}

describe('formatLocalDateTime', () => {
  it('shows wall-clock time across DST changes', () => {
    expect(formatLocalDateTime('2026-03-29T00:59:59.000Z', 'Europe/Athens')).toBe('2026-03-29 02:59:59');
    expect(formatLocalDateTime('2026-03-29T01:00:00.000Z', 'Europe/Athens')).toBe('2026-03-29 04:00:00');
    expect(formatLocalDateTime('2026-10-25T00:30:00.000Z', 'Europe/Athens')).toBe('2026-10-25 03:30:00');
    expect(formatLocalDateTime('2026-10-25T01:30:00.000Z', 'Europe/Athens')).toBe('2026-10-25 03:30:00');
  });

  it("is exact inside a UTC hour that holds a transition (St. John's changes at 05:30 UTC)", () => {
    expect(formatLocalDateTime('2026-03-08T05:00:00.000Z', 'America/St_Johns')).toBe('2026-03-08 01:30:00');
    expect(formatLocalDateTime('2026-03-08T05:29:59.000Z', 'America/St_Johns')).toBe('2026-03-08 01:59:59');
    expect(formatLocalDateTime('2026-03-08T05:30:00.000Z', 'America/St_Johns')).toBe('2026-03-08 03:00:00');
  });

  it('agrees with Intl for any instant in zones with odd offsets and transitions (property)', () => {
    const zones = ['Europe/Athens', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          expect(formatLocalDateTime(new Date(ms).toISOString(), zone)).toBe(reference(ms, zone));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('formatDuration', () => {
  it('formats hours, minutes and seconds', () => {
    expect(formatDuration(3_723_000)).toBe('1h 02m 03s');
    expect(formatDuration(65_000)).toBe('1m 05s');
    expect(formatDuration(0)).toBe('0m 00s');
  });
});
