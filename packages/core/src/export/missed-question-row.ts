import type { MissedQuestion } from '../model/missed-question.js';

/**
 * The columns of a missed-questions export, in order, as the platform exports them.
 *
 * @example
 * ```ts
 * import { missedQuestionCsvColumns } from '@observatory/core';
 * missedQuestionCsvColumns[2]; // 'question'
 * ```
 */
export const missedQuestionCsvColumns = [
  'id',
  'agentId',
  'question',
  'status',
  'occurrences',
  'filteredOccurrences',
  'language',
  'createdAt',
  'updatedAt',
] as const;

/**
 * Flattens a missed question into one export row, in {@link missedQuestionCsvColumns} order. Text cells hold the
 * text as it is (the CSV serializer applies the formula rule); counts stay numbers (`filteredOccurrences` is
 * empty when the source had none).
 *
 * @example
 * ```ts
 * import { flattenMissedQuestionRow } from '@observatory/core';
 * flattenMissedQuestionRow(question)[2]; // the question text
 * ```
 */
export function flattenMissedQuestionRow(question: MissedQuestion): Array<string | number> {
  return [
    question.id,
    question.agentId,
    question.question,
    question.status,
    question.occurrences,
    question.filteredOccurrences ?? '',
    question.language ?? '',
    question.createdAt ?? '',
    question.updatedAt ?? '',
  ];
}
