import type { MissedQuestionOccurrence } from '../model/missed-question.js';
import type { DateRange } from '../time/date-range.js';
import { canonicalInstant, canonicalRange, isInRange } from './internal/instant.js';
import { PairSet } from './internal/pair-set.js';

/**
 * One occurrence in the details panel: where to open and highlight the transcript.
 *
 * @example
 * ```ts
 * const at: MissedQuestionOccurrenceRef = { sessionId: 's1', messageId: 'm3', occurredAt: '2026-11-25T10:00:00.000Z' };
 * ```
 */
export interface MissedQuestionOccurrenceRef {
  readonly sessionId: string;
  readonly messageId: string;
  /** Canonical UTC ISO instant. */
  readonly occurredAt: string;
}

/**
 * Details of one missed question group, as the details panel shows them.
 *
 * @example
 * ```ts
 * const details: MissedQuestionDetails = {
 *   question: 'Do you ship to Cyprus?', occurrencesInRange: 1, totalOccurrences: 4, distinctSessions: 1,
 *   occurrences: [{ sessionId: 's1', messageId: 'm3', occurredAt: '2026-11-25T10:00:00.000Z' }],
 * };
 * ```
 */
export interface MissedQuestionDetails {
  /** The wording of the earliest occurrence; `''` when no occurrence was given. */
  readonly question: string;
  readonly occurrencesInRange: number;
  /** Every occurrence given (pass all since the agent was created). */
  readonly totalOccurrences: number;
  /** Distinct sessions among the occurrences in range. */
  readonly distinctSessions: number;
  /** Every occurrence in range, newest first: where to highlight the transcript. */
  readonly occurrences: ReadonlyArray<MissedQuestionOccurrenceRef>;
}

/**
 * Options of {@link missedQuestionDetails}.
 *
 * @example
 * ```ts
 * const options: MissedQuestionDetailsOptions = { range: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' } };
 * ```
 */
export interface MissedQuestionDetailsOptions {
  /** Half-open range of `occurredAt` for the in-range figures and list. @default every occurrence */
  readonly range?: DateRange;
}

/**
 * Details of the occurrences of one question: pass that group's occurrences (all of them, any time), get the
 * three figures of the stats bar and the occurrences in range, newest first. A (sessionId, messageId) pair
 * counts once, the first report seen wins. Occurrences at the same instant list by session, then message id.
 *
 * @example
 * ```ts
 * import { missedQuestionDetails } from '@observatory/core';
 * const details = missedQuestionDetails(
 *   [
 *     { agentId: 'faq-bot', question: 'Do you ship to Cyprus?', sessionId: 's1', messageId: 'm3', occurredAt: '2026-10-02T10:00:00.000Z' },
 *     { agentId: 'faq-bot', question: 'Do you ship to Cyprus?', sessionId: 's7', messageId: 'm1', occurredAt: '2026-11-25T10:00:00.000Z' },
 *   ],
 *   { range: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' } },
 * );
 * // details.occurrencesInRange === 1, details.totalOccurrences === 2, details.occurrences[0].sessionId === 's7'
 * ```
 */
export function missedQuestionDetails(
  occurrences: Iterable<MissedQuestionOccurrence>,
  options: MissedQuestionDetailsOptions = {},
): MissedQuestionDetails {
  const range = canonicalRange(options.range);
  const pairs = new PairSet();
  const inRange: MissedQuestionOccurrenceRef[] = [];
  const sessions = new Set<string>();
  let question = '';
  let earliestAt: string | undefined;
  let totalOccurrences = 0;
  let index = 0;

  for (const occurrence of occurrences) {
    const occurredAt = canonicalInstant(occurrence.occurredAt, index++);
    const { sessionId, messageId } = occurrence;
    if (!pairs.add(sessionId, messageId)) continue;
    totalOccurrences++;
    if (earliestAt === undefined || occurredAt < earliestAt) {
      earliestAt = occurredAt;
      question = occurrence.question;
    }
    if (!isInRange(occurredAt, range)) continue;
    inRange.push({ sessionId, messageId, occurredAt });
    sessions.add(sessionId);
  }

  inRange.sort(newestFirst);
  return {
    question,
    occurrencesInRange: inRange.length,
    totalOccurrences,
    distinctSessions: sessions.size,
    occurrences: inRange,
  };
}

function newestFirst(a: MissedQuestionOccurrenceRef, b: MissedQuestionOccurrenceRef): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? 1 : -1;
  if (a.sessionId !== b.sessionId) return a.sessionId < b.sessionId ? -1 : 1;
  if (a.messageId !== b.messageId) return a.messageId < b.messageId ? -1 : 1;
  return 0;
}
