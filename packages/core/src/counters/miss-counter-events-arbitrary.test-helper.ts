import fc from 'fast-check';
import type { MissCounterEvent } from './reduce.js';

/**
 * Random counter events of a session for property tests: each user message is reported missed 0–3 times
 * (retries, two Missed Question nodes on one path), then its turn ends.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraryMissCounterEvents, (events) => { ... }));
 * ```
 */
export const arbitraryMissCounterEvents: fc.Arbitrary<MissCounterEvent[]> = fc
  .array(fc.nat({ max: 3 }), { maxLength: 30 })
  .map((misses) =>
    misses.flatMap((count, index): MissCounterEvent[] => {
      const messageId = `m${index}`;
      return [
        ...Array.from({ length: count }, () => ({ type: 'missed' as const, messageId })),
        { type: 'turnEnded', messageId },
      ];
    }),
  );
