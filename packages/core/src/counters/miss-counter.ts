import { EventEmitter } from 'eventemitter3';
import { ObservatoryInputError } from '../errors/errors.js';
import {
  initialMissCounterState,
  type MissCounterEvent,
  type MissCounterState,
  reduceMissCounters,
} from './reduce.js';

/**
 * Counter values after an event, with the message that caused it.
 *
 * @example
 * ```ts
 * const counts: MissCounterCounts = {
 *   messageId: 'm5', missedQuestionsCount: 2, consecutiveMissedQuestionsCount: 1, lastMissedMessageId: 'm5',
 * };
 * ```
 */
export type MissCounterCounts = MissCounterState & { readonly messageId: string };

/**
 * Typed events of {@link MissCounter}, each with the counts after the event.
 *
 * - `missed`: a message was counted as missed (not emitted for a repeated report of the same message).
 * - `answered`: the turn of a message that was not missed ended.
 * - `threshold`: the consecutive count reached exactly the `threshold` option (once per streak).
 *
 * @example
 * ```ts
 * import { MissCounter } from '@observatory/core';
 * const counter = new MissCounter({ threshold: 3 });
 * counter.on('threshold', ({ messageId }) => console.log(`hand ${messageId} to a human`));
 * ```
 */
export interface MissCounterEvents {
  missed: [counts: MissCounterCounts];
  answered: [counts: MissCounterCounts];
  threshold: [counts: MissCounterCounts & { readonly threshold: number }];
}

/**
 * Options of {@link MissCounter}.
 *
 * @example
 * ```ts
 * const options: MissCounterOptions = {
 *   threshold: 3,
 *   initial: { missedQuestionsCount: 4, consecutiveMissedQuestionsCount: 1, lastMissedMessageId: 'm9' },
 * };
 * ```
 */
export interface MissCounterOptions {
  /** Emit `threshold` when the consecutive count reaches this (a positive integer). @default no threshold */
  readonly threshold?: number;
  /** Counts to resume from, e.g. the session variables stored after the previous turn. @default all zero */
  readonly initial?: MissCounterState;
}

/**
 * Stateful shell around {@link reduceMissCounters}: feed it what happens in a session's turns, read `state`,
 * listen to typed events. The rule itself lives only in the reducer, so a replay of the same events
 * ({@link replayMissCounters}) gives the same numbers.
 *
 * @example
 * ```ts
 * import { MissCounter } from '@observatory/core';
 * const counter = new MissCounter({ threshold: 2 });
 * counter.on('threshold', () => console.log('escalate to LiveChat'));
 * counter.missed('m1');
 * counter.turnEnded('m1');
 * counter.missed('m2'); // logs 'escalate to LiveChat'
 * counter.state.consecutiveMissedQuestionsCount; // 2
 * ```
 */
export class MissCounter extends EventEmitter<MissCounterEvents> {
  readonly #threshold: number | undefined;
  #state: MissCounterState;

  /**
   * @throws ObservatoryInputError (field `threshold` or `initial.*`) for a threshold that is not a positive
   *   integer, or initial counts that are not non-negative integers with consecutive ≤ total.
   */
  constructor(options: MissCounterOptions = {}) {
    super();
    const { threshold, initial } = options;
    if (threshold !== undefined && !(Number.isInteger(threshold) && threshold > 0)) {
      throw new ObservatoryInputError('threshold', 'a positive integer', threshold);
    }
    this.#threshold = threshold;
    this.#state = initial === undefined ? initialMissCounterState : validInitial(initial);
  }

  /** The counts now. */
  get state(): MissCounterState {
    return this.#state;
  }

  /** A workflow flagged `messageId` as missed; reporting the same message again changes nothing. */
  missed(messageId: string): MissCounterState {
    return this.dispatch({ type: 'missed', messageId });
  }

  /** The workflow run for `messageId` is over; if it was not missed, it was answered. */
  turnEnded(messageId: string): MissCounterState {
    return this.dispatch({ type: 'turnEnded', messageId });
  }

  /** Applies one event (as {@link missCounterEventsOf} lists them) and emits what it caused. */
  dispatch(event: MissCounterEvent): MissCounterState {
    const before = this.#state;
    const after = reduceMissCounters(before, event);
    this.#state = after;
    const { messageId } = event;
    if (event.type === 'missed') {
      if (after === before) return after;
      this.emit('missed', { ...after, messageId });
      const threshold = this.#threshold;
      // Consecutive grows by one per counted miss, so "reached exactly" happens once per streak.
      if (threshold !== undefined && after.consecutiveMissedQuestionsCount === threshold) {
        this.emit('threshold', { ...after, messageId, threshold });
      }
    } else if (messageId !== before.lastMissedMessageId) {
      this.emit('answered', { ...after, messageId });
    }
    return after;
  }
}

function validInitial(initial: MissCounterState): MissCounterState {
  const { missedQuestionsCount: total, consecutiveMissedQuestionsCount: consecutive } = initial;
  if (!(Number.isInteger(total) && total >= 0)) {
    throw new ObservatoryInputError('initial.missedQuestionsCount', 'a non-negative integer', total);
  }
  if (!(Number.isInteger(consecutive) && consecutive >= 0 && consecutive <= total)) {
    throw new ObservatoryInputError(
      'initial.consecutiveMissedQuestionsCount',
      'a non-negative integer not above missedQuestionsCount',
      consecutive,
    );
  }
  return { ...initial };
}
