import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { MissCounter, type MissCounterCounts } from './miss-counter.js';
import { arbitraryMissCounterEvents as arbitraryTurns } from './miss-counter-events-arbitrary.test-helper.js';

function record(counter: MissCounter) {
  const log: Array<[string, MissCounterCounts]> = [];
  counter.on('missed', (counts) => log.push(['missed', counts]));
  counter.on('answered', (counts) => log.push(['answered', counts]));
  counter.on('threshold', (counts) => log.push(['threshold', counts]));
  return log;
}

describe('MissCounter', () => {
  it('emits missed only when the count changes and answered for a turn that was not missed', () => {
    const counter = new MissCounter();
    const log = record(counter);
    counter.missed('m1');
    counter.missed('m1'); // a retry: no event
    counter.turnEnded('m1'); // missed turn: no answered
    counter.turnEnded('m2');
    expect(log).toEqual([
      [
        'missed',
        {
          messageId: 'm1',
          missedQuestionsCount: 1,
          consecutiveMissedQuestionsCount: 1,
          lastMissedMessageId: 'm1',
        },
      ],
      [
        'answered',
        {
          messageId: 'm2',
          missedQuestionsCount: 1,
          consecutiveMissedQuestionsCount: 0,
          lastMissedMessageId: 'm1',
        },
      ],
    ]);
    expect(counter.state).toEqual({
      missedQuestionsCount: 1,
      consecutiveMissedQuestionsCount: 0,
      lastMissedMessageId: 'm1',
    });
  });

  it('types its events: every listener gets the counts, threshold also the threshold (checked by tsc)', () => {
    const counter = new MissCounter({ threshold: 1 });
    const seen: string[] = [];
    counter.on('missed', (counts) => {
      expectTypeOf(counts).toEqualTypeOf<MissCounterCounts>();
      seen.push(`missed ${counts.missedQuestionsCount}`);
    });
    counter.on('threshold', (counts) => {
      expectTypeOf(counts.threshold).toBeNumber();
      seen.push(`threshold ${counts.threshold} at ${counts.consecutiveMissedQuestionsCount}`);
    });
    // @ts-expect-error: MissCounter has no such event
    counter.on('escalated', () => {});
    counter.missed('m1');
    expect(seen).toEqual(['missed 1', 'threshold 1 at 1']);
  });

  it('emits threshold exactly when n misses come in a row, once per streak', () => {
    const counter = new MissCounter({ threshold: 3 });
    const thresholds: string[] = [];
    counter.on('threshold', ({ messageId, threshold }) => thresholds.push(`${messageId}@${threshold}`));
    for (const id of ['m1', 'm2', 'm3', 'm4']) {
      counter.missed(id);
      counter.turnEnded(id);
    }
    expect(thresholds).toEqual(['m3@3']); // not again at m4: same streak
    counter.turnEnded('m5'); // answered: streak over
    for (const id of ['m6', 'm7', 'm8']) {
      counter.missed(id);
      counter.turnEnded(id);
    }
    expect(thresholds).toEqual(['m3@3', 'm8@3']);
  });

  it('does not emit threshold for n scattered misses', () => {
    const counter = new MissCounter({ threshold: 3 });
    let fired = 0;
    counter.on('threshold', () => fired++);
    for (const [id, isMissed] of [
      ['m1', true],
      ['m2', false],
      ['m3', true],
      ['m4', false],
      ['m5', true],
    ] as const) {
      if (isMissed) counter.missed(id);
      counter.turnEnded(id);
    }
    expect(counter.state.missedQuestionsCount).toBe(3);
    expect(fired).toBe(0);
  });

  it('resumes from stored counts', () => {
    const counter = new MissCounter({
      threshold: 3,
      initial: { missedQuestionsCount: 5, consecutiveMissedQuestionsCount: 2, lastMissedMessageId: 'm9' },
    });
    const log = record(counter);
    counter.missed('m9'); // already counted before the resume
    counter.turnEnded('m9');
    counter.missed('m10');
    expect(counter.state).toEqual({
      missedQuestionsCount: 6,
      consecutiveMissedQuestionsCount: 3,
      lastMissedMessageId: 'm10',
    });
    expect(log.map(([name]) => name)).toEqual(['missed', 'threshold']);
  });

  it('rejects a threshold that is not a positive integer and inconsistent initial counts', () => {
    expect(() => new MissCounter({ threshold: 0 })).toThrow(expect.objectContaining({ field: 'threshold' }));
    expect(() => new MissCounter({ threshold: 2.5 })).toThrow(
      expect.objectContaining({ field: 'threshold' }),
    );
    expect(
      () =>
        new MissCounter({
          initial: { missedQuestionsCount: 1, consecutiveMissedQuestionsCount: 2, lastMissedMessageId: null },
        }),
    ).toThrow(expect.objectContaining({ field: 'initial.consecutiveMissedQuestionsCount' }));
  });

  it('emits threshold exactly once per run of ≥ n consecutive misses (property)', () => {
    fc.assert(
      fc.property(arbitraryTurns, fc.integer({ min: 1, max: 4 }), (events, n) => {
        const counter = new MissCounter({ threshold: n });
        let fired = 0;
        counter.on('threshold', () => fired++);
        // Independent count: runs of consecutive missed messages of length ≥ n.
        let expected = 0;
        let run = 0;
        let currentMissed = false;
        for (const event of events) {
          counter.dispatch(event);
          if (event.type === 'missed') currentMissed = true;
          else {
            if (currentMissed) {
              run++;
              if (run === n) expected++;
            } else run = 0;
            currentMissed = false;
          }
        }
        expect(fired).toBe(expected);
      }),
    );
  });
});
