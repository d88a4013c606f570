import type { Session } from '../model/session.js';
import {
  initialMissCounterState,
  type MissCounterEvent,
  type MissCounterState,
  reduceMissCounters,
} from './reduce.js';

/**
 * Counter values after one user message.
 *
 * @example
 * ```ts
 * const snapshot: MissCounterSnapshot = {
 *   messageId: 'm3', missed: true, missedQuestionsCount: 1, consecutiveMissedQuestionsCount: 1, lastMissedMessageId: 'm3',
 * };
 * ```
 */
export interface MissCounterSnapshot extends MissCounterState {
  readonly messageId: string;
  /** Whether a `missed_question` step was logged for this message. */
  readonly missed: boolean;
}

/**
 * The parts of a session the counters are computed from.
 *
 * @inline
 */
type CounterSource = Pick<Session, 'messages' | 'interactions'>;

/**
 * The counter events of a recorded session: for each user message in transcript order, `missed` when its
 * interaction log has a `missed_question` step, then `turnEnded`. Live runtimes and {@link replayMissCounters}
 * share this one definition of "what happened".
 *
 * @example
 * ```ts
 * import { missCounterEventsOf } from '@observatory/core';
 * const events = missCounterEventsOf({
 *   messages: [{ id: 'm1', role: 'user', kind: 'text', text: 'Hi', createdAt: '2026-11-25T10:00:00.000Z' }],
 *   interactions: [{ id: 't1', messageId: 'm1', type: 'missed_question', timestamp: '2026-11-25T10:00:01.000Z', payload: {} }],
 * });
 * // [{ type: 'missed', messageId: 'm1' }, { type: 'turnEnded', messageId: 'm1' }]
 * ```
 */
export function missCounterEventsOf(session: CounterSource): MissCounterEvent[] {
  const missed = missedMessageIds(session);
  const events: MissCounterEvent[] = [];
  for (const message of session.messages) {
    if (message.role !== 'user') continue;
    if (missed.has(message.id)) events.push({ type: 'missed', messageId: message.id });
    events.push({ type: 'turnEnded', messageId: message.id });
  }
  return events;
}

/**
 * Replays a session's user messages through {@link reduceMissCounters} and returns the counters after each one
 * (a message is missed when its interaction log has a `missed_question` step) — the values
 * `{{missedQuestionsCount}}` and `{{consecutiveMissedQuestionsCount}}` had when its turn ended.
 *
 * @example
 * ```ts
 * import { replayMissCounters } from '@observatory/core';
 * const at = '2026-11-25T10:00:00.000Z';
 * const snapshots = replayMissCounters({
 *   messages: [
 *     { id: 'm1', role: 'user', kind: 'text', text: 'Do you ship to Cyprus?', createdAt: at },
 *     { id: 'm2', role: 'user', kind: 'text', text: 'Opening hours?', createdAt: at },
 *   ],
 *   interactions: [{ id: 't1', messageId: 'm1', type: 'missed_question', timestamp: at, payload: {} }],
 * });
 * // snapshots[0]: missed, counts 1/1; snapshots[1]: answered, counts 1/0
 * ```
 */
export function replayMissCounters(session: CounterSource): MissCounterSnapshot[] {
  const snapshots: MissCounterSnapshot[] = [];
  let state = initialMissCounterState;
  let missed = false;
  for (const event of missCounterEventsOf(session)) {
    state = reduceMissCounters(state, event);
    if (event.type === 'missed') {
      missed = true;
      continue;
    }
    snapshots.push({ ...state, messageId: event.messageId, missed });
    missed = false;
  }
  return snapshots;
}

function missedMessageIds(session: CounterSource): Set<string> {
  const ids = new Set<string>();
  for (const step of session.interactions) {
    if (step.type === 'missed_question') ids.add(step.messageId);
  }
  return ids;
}
