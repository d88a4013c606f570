import type { MissCounterEvent } from '@observatory/core';
import { SeededRandom } from './random.js';

/**
 * Generates the events of a stream of 20-message sessions as the Missed Question node sees them: per user turn an
 * optional `missed` (sometimes reported twice — a retry) and a `turnEnded`. Message ids are unique across the
 * stream, so one state can be reduced over all of it.
 *
 * @example
 * ```ts
 * const events = generateMissEvents({ seed: 3, count: 1_000_000 });
 * ```
 */
export function generateMissEvents(options: {
  readonly seed: number;
  readonly count: number;
}): MissCounterEvent[] {
  const random = new SeededRandom(options.seed);
  const events: MissCounterEvent[] = [];
  let message = 0;
  while (events.length < options.count) {
    const messageId = `m${message++}`;
    if (random.chance(0.2)) {
      events.push({ type: 'missed', messageId });
      if (random.chance(0.1)) events.push({ type: 'missed', messageId });
    }
    events.push({ type: 'turnEnded', messageId });
  }
  events.length = options.count;
  return events;
}
