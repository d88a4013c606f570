import { initialMissCounterState, type MissCounterEvent, reduceMissCounters } from '@observatory/core';
import { generateMissEvents } from '../data/miss-events.js';
import { type Figure, scaled } from '../harness/figure.js';
import { timePair } from '../harness/measure.js';
import { toResult } from '../harness/result.js';

const TARGET = { op: '>=', limit: 0.3 } as const;
const NAME = 'reduceMissCounters throughput';
// Events are generated once and replayed: ten million event objects would cost the parent ~1 GB for nothing.
const DISTINCT_EVENTS = 1_000_000;

function replayOurs(events: readonly MissCounterEvent[], replays: number): number {
  let state = initialMissCounterState;
  for (let r = 0; r < replays; r++) {
    for (let i = 0; i < events.length; i++) state = reduceMissCounters(state, events[i] as MissCounterEvent);
  }
  return state.missedQuestionsCount * 31 + state.consecutiveMissedQuestionsCount;
}

/** The baseline: the same rule on two integers (and the last missed id), no objects. */
function replayBare(events: readonly MissCounterEvent[], replays: number): number {
  let missed = 0;
  let consecutive = 0;
  let lastMissed: string | null = null;
  for (let r = 0; r < replays; r++) {
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as MissCounterEvent;
      if (event.type === 'missed') {
        if (event.messageId !== lastMissed) {
          missed++;
          consecutive++;
          lastMissed = event.messageId;
        }
      } else if (event.messageId !== lastMissed) {
        consecutive = 0;
      }
    }
  }
  return missed * 31 + consecutive;
}

/** Figure 2: replaying 10,000,000 counter events against a bare two-integer loop. */
export const reduceCountersFigure: Figure = {
  id: 'reduce-counters',
  title: '2. reduceMissCounters',
  rows: [{ name: NAME, unit: 'events/s', target: TARGET }],
  async run(context) {
    const total = scaled(context, 10_000_000);
    const distinct = Math.min(total, DISTINCT_EVENTS);
    const replays = Math.max(1, Math.round(total / distinct));
    const events = generateMissEvents({ seed: 2, count: distinct });
    if (replayOurs(events, 1) !== replayBare(events, 1))
      throw new Error('reduceMissCounters and the bare loop disagree');
    const times = await timePair(
      context.plan,
      () => replayOurs(events, replays),
      () => replayBare(events, replays),
    );
    const replayed = distinct * replays;
    const perSecond = (ms: number) => (replayed / ms) * 1000;
    return [
      toResult(
        {
          name: NAME,
          unit: 'events/s',
          value: perSecond(times.ours),
          baseline: perSecond(times.baseline),
          target: TARGET,
          note: `${replayed.toLocaleString('en-US')} events (${distinct.toLocaleString('en-US')} replayed ${replays}×)`,
        },
        context.scaleLabel,
      ),
    ];
  },
};
