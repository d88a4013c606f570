/**
 * The fields that order missed-question rows with the same count, in order: the most recent occurrence (in
 * range) first, then the question, then the agent id, both in code-unit order. This is the one tie rule: core's
 * `groupMissedQuestions` sorts by it, and the local server's list builds its `ORDER BY` from it.
 *
 * @example
 * ```ts
 * import { missedQuestionTieBreaks } from '@observatory/core';
 * missedQuestionTieBreaks.map((tie) => `${tie.field} ${tie.order}`); // ['lastSeen desc', 'question asc', 'agentId asc']
 * ```
 */
export const missedQuestionTieBreaks = [
  { field: 'lastSeen', order: 'desc' },
  { field: 'question', order: 'asc' },
  { field: 'agentId', order: 'asc' },
] as const satisfies ReadonlyArray<{ readonly field: string; readonly order: 'asc' | 'desc' }>;

/**
 * A field of {@link missedQuestionTieBreaks}.
 *
 * @example
 * ```ts
 * import type { MissedQuestionTieField } from '@observatory/core';
 * const columns: Record<MissedQuestionTieField, string> = { lastSeen: 'last_seen', question: 'question', agentId: 'agent_id' };
 * ```
 */
export type MissedQuestionTieField = (typeof missedQuestionTieBreaks)[number]['field'];

/**
 * Compares two missed-question rows by {@link missedQuestionTieBreaks} only (not by their counts): negative when
 * `a` lists first. `lastSeen` values are canonical UTC ISO instants, so they compare as text.
 *
 * @example
 * ```ts
 * import { compareMissedQuestionTies } from '@observatory/core';
 * const a = { lastSeen: '2026-11-25T10:00:00.000Z', question: 'Refund?', agentId: 'shop' };
 * const b = { lastSeen: '2026-11-26T10:00:00.000Z', question: 'Opening hours?', agentId: 'shop' };
 * compareMissedQuestionTies(a, b); // 1: b was seen more recently
 * ```
 */
export function compareMissedQuestionTies(
  a: Readonly<Record<MissedQuestionTieField, string>>,
  b: Readonly<Record<MissedQuestionTieField, string>>,
): number {
  for (const { field, order } of missedQuestionTieBreaks) {
    const x = a[field];
    const y = b[field];
    if (x !== y) return (x < y ? -1 : 1) * (order === 'asc' ? 1 : -1);
  }
  return 0;
}
