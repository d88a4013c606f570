import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryMissCounterEvents as arbitraryTurns } from './miss-counter-events-arbitrary.test-helper.js';
import { initialMissCounterState, type MissCounterEvent, reduceMissCounters } from './reduce.js';

const missed = (messageId: string): MissCounterEvent => ({ type: 'missed', messageId });
const turnEnded = (messageId: string): MissCounterEvent => ({ type: 'turnEnded', messageId });
const run = (events: MissCounterEvent[]) => events.reduce(reduceMissCounters, initialMissCounterState);

describe('reduceMissCounters', () => {
  it('counts misses in a row and resets the run when a message is answered (hand-worked session)', () => {
    // m1 missed, m2 missed twice (a retry), m3 answered, m4 missed.
    const state = run([
      missed('m1'),
      turnEnded('m1'),
      missed('m2'),
      missed('m2'),
      turnEnded('m2'),
      turnEnded('m3'),
      missed('m4'),
      turnEnded('m4'),
    ]);
    expect(state).toEqual({
      missedQuestionsCount: 3,
      consecutiveMissedQuestionsCount: 1,
      lastMissedMessageId: 'm4',
    });
  });

  it('returns the same state object when an event changes nothing', () => {
    const afterMiss = reduceMissCounters(initialMissCounterState, missed('m1'));
    expect(reduceMissCounters(afterMiss, missed('m1'))).toBe(afterMiss);
    expect(reduceMissCounters(afterMiss, turnEnded('m1'))).toBe(afterMiss);
    expect(reduceMissCounters(initialMissCounterState, turnEnded('m1'))).toBe(initialMissCounterState);
  });

  it('keeps consecutive ≤ total, and both equal to an independent count of missed messages', () => {
    fc.assert(
      fc.property(arbitraryTurns, (events) => {
        let state = initialMissCounterState;
        let missedMessages = 0;
        let run = 0;
        let currentMissed = false;
        for (const event of events) {
          state = reduceMissCounters(state, event);
          expect(state.consecutiveMissedQuestionsCount).toBeLessThanOrEqual(state.missedQuestionsCount);
          if (event.type === 'missed' && !currentMissed) {
            currentMissed = true;
            missedMessages++;
            run++;
          } else if (event.type === 'turnEnded') {
            if (!currentMissed) run = 0;
            currentMissed = false;
          }
          expect(state.missedQuestionsCount).toBe(missedMessages);
          expect(state.consecutiveMissedQuestionsCount).toBe(run);
        }
      }),
    );
  });

  it('has consecutive at 0 right after an answered turn', () => {
    fc.assert(
      fc.property(arbitraryTurns, fc.string({ minLength: 1 }), (events, fresh) => {
        const before = run(events);
        const answeredId = `answered-${fresh}`;
        const after = reduceMissCounters(before, turnEnded(answeredId));
        expect(after.consecutiveMissedQuestionsCount).toBe(0);
        expect(after.missedQuestionsCount).toBe(before.missedQuestionsCount);
      }),
    );
  });
});
