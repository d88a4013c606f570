/**
 * The two session system variables, plus the id of the last message counted as missed (what makes a repeated
 * report of the same message a no-op).
 *
 * @example
 * ```ts
 * const state: MissCounterState = { missedQuestionsCount: 2, consecutiveMissedQuestionsCount: 1, lastMissedMessageId: 'm5' };
 * ```
 */
export interface MissCounterState {
  /** Misses so far in the session (`{{missedQuestionsCount}}`). */
  readonly missedQuestionsCount: number;
  /** Misses in a row, back to 0 once a user message is answered (`{{consecutiveMissedQuestionsCount}}`). */
  readonly consecutiveMissedQuestionsCount: number;
  readonly lastMissedMessageId: string | null;
}

/**
 * What happens in a turn: `missed` — the workflow flagged this user message as unanswerable (any number of
 * times); `turnEnded` — the workflow run for this user message is over.
 *
 * @example
 * ```ts
 * const events: MissCounterEvent[] = [{ type: 'missed', messageId: 'm1' }, { type: 'turnEnded', messageId: 'm1' }];
 * ```
 */
export type MissCounterEvent =
  | { readonly type: 'missed'; readonly messageId: string }
  | { readonly type: 'turnEnded'; readonly messageId: string };

/**
 * Counters of a session before its first message.
 *
 * @example
 * ```ts
 * import { initialMissCounterState, reduceMissCounters } from '@observatory/core';
 * const next = reduceMissCounters(initialMissCounterState, { type: 'missed', messageId: 'm1' });
 * ```
 */
export const initialMissCounterState: MissCounterState = Object.freeze({
  missedQuestionsCount: 0,
  consecutiveMissedQuestionsCount: 0,
  lastMissedMessageId: null,
});

/**
 * The counter rule — the only place it lives. A `missed` event counts once per message: repeating it for the
 * message last counted (a retry, two Missed Question nodes on one path) changes nothing. A `turnEnded` event for
 * a message that was not missed means the message was answered, so the consecutive count goes back to 0.
 * Returns the same state object when nothing changes.
 *
 * @example
 * ```ts
 * import { initialMissCounterState, reduceMissCounters, type MissCounterEvent } from '@observatory/core';
 * const events: MissCounterEvent[] = [
 *   { type: 'missed', messageId: 'm1' }, { type: 'turnEnded', messageId: 'm1' },
 *   { type: 'turnEnded', messageId: 'm2' }, // answered: consecutive back to 0
 * ];
 * const state = events.reduce(reduceMissCounters, initialMissCounterState);
 * // state.missedQuestionsCount === 1, state.consecutiveMissedQuestionsCount === 0
 * ```
 */
export function reduceMissCounters(state: MissCounterState, event: MissCounterEvent): MissCounterState {
  if (event.type === 'missed') {
    if (event.messageId === state.lastMissedMessageId) return state;
    return {
      missedQuestionsCount: state.missedQuestionsCount + 1,
      consecutiveMissedQuestionsCount: state.consecutiveMissedQuestionsCount + 1,
      lastMissedMessageId: event.messageId,
    };
  }
  if (event.messageId === state.lastMissedMessageId || state.consecutiveMissedQuestionsCount === 0)
    return state;
  return { ...state, consecutiveMissedQuestionsCount: 0 };
}
