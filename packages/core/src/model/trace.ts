import { z } from 'zod';
import { IsoDateTime } from './message.js';

/**
 * Kinds of interaction-log steps. The platform publishes `VARIABLE`, `NODE` and `LLM_REQUEST`; the SDK's nodes
 * add `http`, `tag` and `missed_question`. Unknown kinds from the platform are kept as-is (lower-cased).
 *
 * @example
 * ```ts
 * import { KnownTraceStepType } from '@observatory/core';
 * const httpCalls = session.interactions.filter((step) => step.type === KnownTraceStepType.enum.http);
 * KnownTraceStepType.safeParse('webhook').success; // false: kept as-is in `type`, but not a known kind
 * ```
 */
export const KnownTraceStepType = z.enum([
  'node',
  'llm',
  'http',
  'semantic_search',
  'variable',
  'tag',
  'missed_question',
]);
/** @see {@link KnownTraceStepType} */
export type KnownTraceStepType = z.infer<typeof KnownTraceStepType>;

/**
 * One step of the interaction log (execution trace) of a user message.
 *
 * @example
 * ```ts
 * import { TraceStep } from '@observatory/core';
 * const step = TraceStep.parse({
 *   id: 's1', messageId: 'm1', type: 'missed_question', timestamp: '2026-11-25T10:00:01.000Z',
 *   payload: { question: 'Where is my order?' },
 * });
 * ```
 */
export const TraceStep = z.looseObject({
  /** The step's id. */
  id: z.string().min(1),
  /** The user message (hbfEventId) whose workflow run produced this step. */
  messageId: z.string().min(1),
  /**
   * What ran: `node`, `llm`, `http`, `semantic_search`, `variable`, `tag`, `missed_question`, or another type, kept
   * as sent.
   */
  type: z.union([KnownTraceStepType, z.string().min(1)]),
  /** The node's name in the workflow. */
  name: z.string().optional(),
  /** When it ran, an ISO 8601 UTC instant. */
  timestamp: IsoDateTime,
  /** How long it ran, in milliseconds. */
  durationMs: z.number().nonnegative().optional(),
  /** Whether it failed. */
  hasError: z.boolean().optional(),
  /** What the step recorded (its inputs and outputs), as the runtime sent it. */
  payload: z.record(z.string(), z.unknown()).default({}),
});
/** @see {@link TraceStep} */
export type TraceStep = z.infer<typeof TraceStep>;

/**
 * The session's variables as they stood after one user message (`messageId`), or at the end (`messageId: null`).
 *
 * @example
 * ```ts
 * const snapshot: VariableSnapshot = { messageId: 'm1', takenAt: '2026-11-25T10:00:01.000Z', variables: { missedQuestionsCount: 1 } };
 * ```
 */
export const VariableSnapshot = z.looseObject({
  /** The user message after whose workflow run the snapshot was taken; `null` for the final one. */
  messageId: z.string().nullable(),
  /** When it was taken. */
  takenAt: IsoDateTime,
  /** The session variables and their values at that point. */
  variables: z.record(z.string(), z.unknown()),
});
/** @see {@link VariableSnapshot} */
export type VariableSnapshot = z.infer<typeof VariableSnapshot>;
