import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSessions } from './sort.js';

const row = (id: string, createdAt: string) => ({ id, createdAt });

describe('compareSessions', () => {
  const rows = [
    row('b', '2026-11-25T10:00:00.000Z'),
    row('a', '2026-11-25T12:00:00.000Z'),
    row('c', '2026-11-25T10:00:00.000Z'),
    // Same instant as 'b' and 'c', written with an offset: compared as instants, not as strings.
    row('d', '2026-11-25T12:00:00+02:00'),
  ];

  it('sorts newest first by default, ties broken by id in the same direction', () => {
    expect([...rows].sort(compareSessions()).map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
  });

  it('sorts oldest first with order asc, ties by ascending id', () => {
    expect([...rows].sort(compareSessions({ order: 'asc' })).map((r) => r.id)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('is a total order: asc is the exact reverse of desc for distinct ids', () => {
    const rowArbitrary = fc.record({
      createdAt: fc
        .integer({ min: 0, max: 10 })
        .map((minute) => new Date(Date.UTC(2026, 10, 25, 10, minute)).toISOString()),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 30 }),
        fc.array(rowArbitrary, { minLength: 30, maxLength: 30 }),
        (ids, times) => {
          const items = ids.map((id, i) => ({
            id,
            createdAt: (times[i] as { createdAt: string }).createdAt,
          }));
          const desc = [...items].sort(compareSessions({ order: 'desc' }));
          const asc = [...items].sort(compareSessions({ order: 'asc' }));
          expect(asc).toEqual([...desc].reverse());
          for (let i = 1; i < asc.length; i += 1) {
            const previous = asc[i - 1] as (typeof asc)[number];
            const current = asc[i] as (typeof asc)[number];
            expect(Date.parse(previous.createdAt)).toBeLessThanOrEqual(Date.parse(current.createdAt));
          }
        },
      ),
    );
  });

  it('gives the same order whatever the input order, so pages are stable', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length }), (shuffled) => {
        expect([...shuffled].sort(compareSessions())).toEqual([...rows].sort(compareSessions()));
      }),
    );
  });
});
