import type { MissCounter, MissCounterState } from '@observatory/core';
import { NodeConfigError } from '../errors/errors.js';

/**
 * Anything that knows the miss counters: a `MissCounter`, a node context (`ctx.counters`) or a bare state.
 *
 * @example
 * ```ts
 * import { type EscalationSource, escalateAfter } from '@observatory/nodes';
 * // e.g. counters a runtime loaded from its own store
 * const source: EscalationSource = {
 *   missedQuestionsCount: 5, consecutiveMissedQuestionsCount: 3, lastMissedMessageId: 'm9',
 * };
 * escalateAfter(3).reached(source); // true
 * escalateAfter(3).reached(ctx); // a node context works too
 * ```
 */
export type EscalationSource =
  | MissCounterState
  | { readonly state: MissCounterState }
  | { readonly counters: MissCounter };

/**
 * Details handed to an escalation handler.
 *
 * @example
 * ```ts
 * import { type EscalationEvent, escalateAfter } from '@observatory/nodes';
 * const handoff = (event: EscalationEvent) =>
 *   console.log(`${event.consecutiveMissedQuestionsCount} misses in a row, last at ${event.messageId}`);
 * const stop = escalateAfter(3).watch(ctx, handoff);
 * ```
 */
export interface EscalationEvent {
  /** The user message whose miss reached the threshold. */
  readonly messageId: string;
  readonly missedQuestionsCount: number;
  readonly consecutiveMissedQuestionsCount: number;
  readonly threshold: number;
}

/**
 * The rule "after `threshold` consecutive misses, hand over", usable as a check (`reached`) or as a
 * subscription (`watch`) that calls `handoff` once per streak, when the streak reaches the threshold.
 *
 * @example
 * ```ts
 * const rule: EscalationRule = escalateAfter(3);
 * if (rule.reached(ctx)) console.log('hand over');
 * ```
 */
export interface EscalationRule {
  readonly threshold: number;
  /** Whether `consecutiveMissedQuestionsCount` is at or above the threshold. */
  reached(source: EscalationSource): boolean;
  /**
   * Calls `handoff` when a miss brings the consecutive count to exactly the threshold (once per streak; a
   * streak starts again after an answered message). Returns the unsubscribe function.
   */
  watch(
    source: MissCounter | { readonly counters: MissCounter },
    handoff: (event: EscalationEvent) => void,
  ): () => void;
}

/**
 * The one-liner for "after n consecutive misses, hand the conversation to a human".
 *
 * @example
 * ```ts
 * import { createNodeContext, escalateAfter } from '@observatory/nodes';
 * const ctx = createNodeContext({ session: { id: 's1', tenantId: 'faq-bot' } });
 * const stop = escalateAfter(3).watch(ctx, ({ messageId }) => liveChat.handoff(ctx.session.id, messageId));
 * // …or as a check inside a workflow:
 * if (escalateAfter(3).reached(ctx)) return 'escalate';
 * ```
 */
export function escalateAfter(threshold: number): EscalationRule {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new NodeConfigError('escalateAfter', 'an integer of at least 1', threshold);
  }
  return {
    threshold,
    reached: (source) => stateOf(source).consecutiveMissedQuestionsCount >= threshold,
    watch(source, handoff) {
      const counter = 'counters' in source ? source.counters : source;
      // Guards against a counter that re-emits for a repeated miss of the same message.
      let handedOff: string | undefined;
      const onMissed = (counts: MissCounterState & { messageId: string }) => {
        if (counts.consecutiveMissedQuestionsCount !== threshold || counts.messageId === handedOff) return;
        handedOff = counts.messageId;
        handoff({
          messageId: counts.messageId,
          missedQuestionsCount: counts.missedQuestionsCount,
          consecutiveMissedQuestionsCount: counts.consecutiveMissedQuestionsCount,
          threshold,
        });
      };
      counter.on('missed', onMissed);
      return () => {
        counter.off('missed', onMissed);
      };
    },
  };
}

function stateOf(source: EscalationSource): MissCounterState {
  if ('counters' in source) return source.counters.state;
  if ('state' in source) return source.state;
  return source;
}
