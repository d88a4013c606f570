import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../model/message.js';
import type { TraceStep } from '../model/trace.js';
import { MissCounter } from './miss-counter.js';
import { missCounterEventsOf, replayMissCounters } from './replay.js';

const at = '2026-11-25T10:00:00.000Z';
const message = (id: string, role: Message['role']): Message => ({
  id,
  role,
  kind: 'text',
  text: id,
  createdAt: at,
});
const missStep = (id: string, messageId: string): TraceStep => ({
  id,
  messageId,
  type: 'missed_question',
  timestamp: at,
  payload: {},
});

describe('replayMissCounters', () => {
  it('gives the counters after each user message of a recorded session', () => {
    const session = {
      messages: [
        message('u1', 'user'),
        message('a1', 'agent'),
        message('u2', 'user'),
        message('sys', 'system'),
        message('u3', 'user'),
        message('u4', 'user'),
      ],
      interactions: [
        missStep('t1', 'u1'),
        { ...missStep('t2', 'u1'), type: 'llm' },
        missStep('t3', 'u2'),
        missStep('t4', 'u2'), // two Missed Question nodes on one path
        missStep('t5', 'u4'),
      ],
    };
    expect(replayMissCounters(session)).toEqual([
      {
        messageId: 'u1',
        missed: true,
        missedQuestionsCount: 1,
        consecutiveMissedQuestionsCount: 1,
        lastMissedMessageId: 'u1',
      },
      {
        messageId: 'u2',
        missed: true,
        missedQuestionsCount: 2,
        consecutiveMissedQuestionsCount: 2,
        lastMissedMessageId: 'u2',
      },
      {
        messageId: 'u3',
        missed: false,
        missedQuestionsCount: 2,
        consecutiveMissedQuestionsCount: 0,
        lastMissedMessageId: 'u2',
      },
      {
        messageId: 'u4',
        missed: true,
        missedQuestionsCount: 3,
        consecutiveMissedQuestionsCount: 1,
        lastMissedMessageId: 'u4',
      },
    ]);
  });

  it('lists the events of a session: missed (when logged) then turnEnded, per user message', () => {
    const events = missCounterEventsOf({
      messages: [message('u1', 'user'), message('a1', 'agent'), message('u2', 'user')],
      interactions: [missStep('t1', 'u2')],
    });
    expect(events).toEqual([
      { type: 'turnEnded', messageId: 'u1' },
      { type: 'missed', messageId: 'u2' },
      { type: 'turnEnded', messageId: 'u2' },
    ]);
  });

  it('equals a live MissCounter fed the same turns, retries included', () => {
    const turn = fc.record({ role: fc.constantFrom('user', 'agent', 'system'), reports: fc.nat({ max: 3 }) });
    fc.assert(
      fc.property(fc.array(turn, { maxLength: 30 }), (turns) => {
        const messages = turns.map((t, i) => message(`m${i}`, t.role as Message['role']));
        const interactions = turns.flatMap((t, i) =>
          t.role === 'user'
            ? Array.from({ length: t.reports }, (_, r) => missStep(`t${i}-${r}`, `m${i}`))
            : [],
        );
        // Live: a runtime reports each miss as it happens (retries too), then ends the turn.
        const live = new MissCounter();
        const liveSnapshots = turns.flatMap((t, i) => {
          if (t.role !== 'user') return [];
          for (let r = 0; r < t.reports; r++) live.missed(`m${i}`);
          return [{ ...live.turnEnded(`m${i}`), messageId: `m${i}`, missed: t.reports > 0 }];
        });
        expect(replayMissCounters({ messages, interactions })).toEqual(liveSnapshots);
      }),
    );
  });
});
