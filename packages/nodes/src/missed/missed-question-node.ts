import type { MissCounterState } from '@observatory/core';
import type { NodeContext } from '../context/node-context.js';
import { NodeConfigError } from '../errors/errors.js';
import { type EscalationRule, escalateAfter as escalationRule } from '../escalation/escalate-after.js';
import { truncateQuestion } from '../internal/truncate-question.js';
import type { MissedQuestionReport, MissedQuestionReporterLike } from '../reporter/report-types.js';
import type { WorkflowNode } from '../workflow/workflow-node.js';

/**
 * Ports of the Missed Question node.
 *
 * @example
 * ```ts
 * import { type MissedQuestionPort, missedQuestionNode } from '@observatory/nodes';
 * const port: MissedQuestionPort = await missedQuestionNode({ escalateAfter: 3 }).execute(ctx);
 * if (port === 'escalate') ctx.variables.set('handoff', true);
 * ```
 */
export type MissedQuestionPort = 'next' | 'escalate' | 'error';

/**
 * Options of {@link missedQuestionNode}.
 *
 * @example
 * ```ts
 * import {
 *   createMissedQuestionReporter,
 *   type MissedQuestionNodeConfig,
 *   missedQuestionNode,
 * } from '@observatory/nodes';
 * const config: MissedQuestionNodeConfig = {
 *   reporter: createMissedQuestionReporter({ client }),
 *   escalateAfter: 3,
 *   name: 'Not understood',
 * };
 * const missed = missedQuestionNode(config);
 * ```
 */
export interface MissedQuestionNodeConfig {
  /** Where reports go (usually `createMissedQuestionReporter`). @default no report, counters and step only */
  readonly reporter?: MissedQuestionReporterLike;
  /**
   * Take port `escalate` once `consecutiveMissedQuestionsCount` reaches this many (a number or
   * `escalateAfter(n)`). @default never escalate
   */
  readonly escalateAfter?: number | EscalationRule;
  /** Step name in the interaction log. @default 'Missed Question' */
  readonly name?: string;
}

/**
 * The Missed Question node: marks the current user message as missed — once, however many times it runs on
 * that message —, which moves both counters through core's `MissCounter` (emitting `missed`, and `threshold`
 * when the consecutive count reaches `escalateAfter` or the counter's own threshold), records a
 * `missed_question` step and hands the report to the reporter. It takes `escalate` when the consecutive count is
 * at or above `escalateAfter`, `next` otherwise, and `error` when the reporter refused the report (it rejected,
 * or a full outbox with `onFull` answered `refused`; the miss is still counted).
 *
 * The report carries the user's text exactly as written (grouping is by exact wording: `'Crypto? '` and
 * `'Crypto?'` are two rows), cut at the platform's 500 characters when longer; nothing else is changed, not even
 * surrounding blanks. A message that is empty or blank is counted but not reported (`reason: 'empty question
 * text'` in the step).
 *
 * @example
 * ```ts
 * import { createMissedQuestionReporter, createMemoryOutbox, missedQuestionNode } from '@observatory/nodes';
 * const reporter = createMissedQuestionReporter({ client, outbox: createMemoryOutbox() });
 * const missed = missedQuestionNode({ reporter, escalateAfter: 3 });
 * const port = await missed.execute(ctx); // 'next' | 'escalate' | 'error'
 * ```
 */
export function missedQuestionNode(
  config: MissedQuestionNodeConfig = {},
): WorkflowNode<MissedQuestionNodeConfig, MissedQuestionPort> {
  const rule = toRule(config.escalateAfter);
  const name = config.name ?? 'Missed Question';
  return {
    type: 'missed_question',
    config,
    ports: ['next', 'escalate', 'error'],
    async execute(ctx: NodeContext): Promise<MissedQuestionPort> {
      const { message, session } = ctx;
      // The reducer ignores a repeated miss of the same message: only the first run records and reports.
      const { after, counted } = countMiss(ctx, rule?.threshold);
      if (counted) {
        // A message of blanks only has no question to report; any other text is reported as written.
        const report: MissedQuestionReport | undefined =
          message.text.trim() === ''
            ? undefined
            : {
                tenantId: session.tenantId,
                question: truncateQuestion(message.text),
                sessionId: session.id,
                messageId: message.id,
                ...(message.language === undefined ? {} : { language: message.language }),
              };
        const started = performance.now();
        let reportError: unknown;
        if (report && config.reporter) {
          try {
            const receipt = await config.reporter.report(report);
            // A reporter with `onFull` resolves instead of rejecting; the node still says it was not queued.
            if (isRefused(receipt)) reportError = new Error('the reporter refused the report (outbox full)');
          } catch (error) {
            reportError = error;
          }
        }
        ctx.record({
          type: 'missed_question',
          name,
          durationMs: Math.round(performance.now() - started),
          hasError: reportError !== undefined,
          payload: {
            question: message.text,
            missedQuestionsCount: after.missedQuestionsCount,
            consecutiveMissedQuestionsCount: after.consecutiveMissedQuestionsCount,
            reported: report !== undefined && config.reporter !== undefined && reportError === undefined,
            ...(report === undefined ? { reason: 'empty question text' } : {}),
            ...(reportError === undefined ? {} : { error: describeError(reportError) }),
          },
        });
        if (reportError !== undefined) return 'error';
      }
      return rule?.reached(after) ? 'escalate' : 'next';
    },
  };
}

/**
 * Counts the miss on the context's counter. The counter emits `threshold` at its own threshold option; when the
 * node's `escalateAfter` is another number (or the counter has none), the node emits it for that number, so
 * listeners hear `threshold` when the node's streak is reached either way — once, on the first count.
 */
function countMiss(
  ctx: NodeContext,
  threshold: number | undefined,
): { after: MissCounterState; counted: boolean } {
  let heard = false;
  const onThreshold = (counts: { readonly threshold: number }) => {
    heard ||= counts.threshold === threshold;
  };
  ctx.counters.on('threshold', onThreshold);
  const before = ctx.counters.state;
  let after: MissCounterState;
  try {
    after = ctx.counters.missed(ctx.message.id);
  } finally {
    ctx.counters.off('threshold', onThreshold);
  }
  const counted = after.missedQuestionsCount !== before.missedQuestionsCount;
  if (counted && threshold !== undefined && !heard && after.consecutiveMissedQuestionsCount === threshold) {
    ctx.counters.emit('threshold', { ...after, messageId: ctx.message.id, threshold });
  }
  return { after, counted };
}

function isRefused(receipt: unknown): boolean {
  return (
    typeof receipt === 'object' && receipt !== null && 'status' in receipt && receipt.status === 'refused'
  );
}

function toRule(value: number | EscalationRule | undefined): EscalationRule | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return escalationRule(value);
  if (typeof value === 'object' && typeof value.reached === 'function') return value;
  throw new NodeConfigError('escalateAfter', 'a positive integer or escalateAfter(n)', value);
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
