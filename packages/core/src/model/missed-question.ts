import { z } from 'zod';
import { IsoDateTime } from './message.js';

/**
 * Triage status of a missed question. New questions are `UNRESOLVED`.
 *
 * @example
 * ```ts
 * import { MissedQuestionStatus } from '@observatory/core';
 * const status: MissedQuestionStatus = MissedQuestionStatus.parse('RESOLVED');
 * await client.missedQuestions.update('q1', { status });
 * ```
 */
export const MissedQuestionStatus = z.enum(['UNRESOLVED', 'RESOLVED', 'IGNORED']);
/** @see {@link MissedQuestionStatus} */
export type MissedQuestionStatus = z.infer<typeof MissedQuestionStatus>;

/**
 * A missed question as the platform stores it: one wording per agent, with its triage status and counts.
 * `occurrences` is the total since the agent was created; `filteredOccurrences` the count in the queried range.
 *
 * @example
 * ```ts
 * import { MissedQuestion } from '@observatory/core';
 * const question = MissedQuestion.parse({
 *   id: 'q1', agentId: 'faq-bot', question: 'Do you ship to Cyprus?', status: 'UNRESOLVED',
 *   occurrences: 12, createdAt: '2026-11-01T09:00:00.000Z',
 * });
 * ```
 */
export const MissedQuestion = z.looseObject({
  /** The question's id on the server. */
  id: z.string().min(1),
  /** The agent (tenant) that missed it. */
  agentId: z.string().min(1),
  /** The wording, as the user first asked it (at most 500 characters). */
  question: z.string().min(1).max(500),
  /** Triage status: `UNRESOLVED` until someone resolves or ignores it. */
  status: MissedQuestionStatus.default('UNRESOLVED'),
  /** Language code of the question, when known. */
  language: z.string().optional(),
  /** Times it was asked since the agent was created (all time, whatever range was queried). */
  occurrences: z.number().int().nonnegative().default(0),
  /** Times it was asked in the queried range, where the server counts it. */
  filteredOccurrences: z.number().int().nonnegative().optional(),
  /** Distinct sessions in the queried range, where the server reports it (a local-server extension). */
  distinctSessions: z.number().int().nonnegative().optional(),
  /** When it was first reported. */
  createdAt: IsoDateTime.optional(),
  /** When it was last reported or triaged. */
  updatedAt: IsoDateTime.optional(),
  /**
   * When it was last asked: its latest occurrence in the queried range (all time without one), where the server
   * reports it (a local-server extension); absent when it was not asked in the range.
   */
  lastOccurredAt: IsoDateTime.optional(),
});
/** @see {@link MissedQuestion} */
export type MissedQuestion = z.infer<typeof MissedQuestion>;

/**
 * One occurrence of a missed question: the user message (`sessionId`, `messageId`) that a workflow flagged.
 * A (sessionId, messageId) pair is one occurrence, however many times it was reported.
 *
 * @example
 * ```ts
 * import { MissedQuestionOccurrence } from '@observatory/core';
 * const occurrence = MissedQuestionOccurrence.parse({
 *   agentId: 'faq-bot', question: 'Do you ship to Cyprus?', sessionId: 's1', messageId: 'm3',
 *   occurredAt: '2026-11-25T10:00:00.000Z',
 * });
 * ```
 */
export const MissedQuestionOccurrence = z.looseObject({
  /** The occurrence's id on the server, when it has one. */
  id: z.string().optional(),
  /** The missed question it counts towards, when the server says (a local-server extension). */
  missedQuestionId: z.string().optional(),
  /** The agent (tenant) that missed it. */
  agentId: z.string().min(1),
  /** The wording asked this time. */
  question: z.string().min(1),
  /** The session it was asked in. */
  sessionId: z.string().min(1),
  /** The user message that asked it: the one a transcript highlights. */
  messageId: z.string().min(1),
  /** When it was asked, an ISO 8601 UTC instant. */
  occurredAt: IsoDateTime,
});
/** @see {@link MissedQuestionOccurrence} */
export type MissedQuestionOccurrence = z.infer<typeof MissedQuestionOccurrence>;

/**
 * A row of the Missed Questions table: every occurrence of one wording (per agent), counted.
 *
 * @example
 * ```ts
 * const row: MissedQuestionGroup = {
 *   key: 'faq-bot\u0000Do you ship to Cyprus?', agentId: 'faq-bot', question: 'Do you ship to Cyprus?',
 *   occurrencesInRange: 3, totalOccurrences: 12, distinctSessions: 3,
 *   firstSeen: '2026-11-20T08:00:00.000Z', lastSeen: '2026-11-25T10:00:00.000Z', status: 'UNRESOLVED',
 * };
 * ```
 */
export const MissedQuestionGroup = z.object({
  /** Stable identity of the group: agent and (normalised) wording. */
  key: z.string(),
  /** The agent (tenant) that missed it. */
  agentId: z.string(),
  /** The wording shown: the first wording seen in the group. */
  question: z.string(),
  /** Occurrences in the range. */
  occurrencesInRange: z.number().int().nonnegative(),
  /** Occurrences since the agent was created, in or out of the range. */
  totalOccurrences: z.number().int().nonnegative(),
  /** Distinct sessions among the occurrences in range. */
  distinctSessions: z.number().int().nonnegative(),
  /** First and last occurrence in range. */
  firstSeen: IsoDateTime,
  /** Last occurrence in range. */
  lastSeen: IsoDateTime,
  /** Triage status of the question. */
  status: MissedQuestionStatus,
});
/** @see {@link MissedQuestionGroup} */
export type MissedQuestionGroup = z.infer<typeof MissedQuestionGroup>;
