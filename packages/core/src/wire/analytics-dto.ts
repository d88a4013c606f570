import { z } from 'zod';

/**
 * One histogram bucket of missed-question analytics: the spec's `Bucket { string_date, count }` (count = missed).
 * `questions` and `answered` are optional local-server extensions a client must not require. Counts are any
 * integer, as the spec types them.
 *
 * @example
 * ```ts
 * import { AnalyticsBucketDto } from '@observatory/core';
 * AnalyticsBucketDto.parse({ string_date: '2026-11-25', count: 4 });
 * ```
 */
export const AnalyticsBucketDto = z.looseObject({
  string_date: z.string(),
  count: z.number().int(),
  questions: z.number().int().optional(),
  answered: z.number().int().optional(),
});
/** @see {@link AnalyticsBucketDto} */
export type AnalyticsBucketDto = z.infer<typeof AnalyticsBucketDto>;

/**
 * The spec's `AnalyticsMissedQuestionsDto`: totals, percentage, per-day histogram and top missed questions
 * (`ActivityUsage { name, count }`).
 *
 * @example
 * ```ts
 * import { AnalyticsMissedQuestionsDto } from '@observatory/core';
 * AnalyticsMissedQuestionsDto.parse({
 *   totalQuestions: 40, totalMissedQuestions: 10, missedQuestionsPercentage: 25,
 *   histogram: [{ string_date: '2026-11-25', count: 10 }], missedQuestions: [{ name: 'Do you ship?', count: 4 }],
 * });
 * ```
 */
export const AnalyticsMissedQuestionsDto = z.looseObject({
  totalQuestions: z.number().int(),
  totalMissedQuestions: z.number().int(),
  missedQuestionsPercentage: z.number(),
  histogram: z.array(AnalyticsBucketDto),
  missedQuestions: z.array(z.looseObject({ name: z.string(), count: z.number().int() })),
});
/** @see {@link AnalyticsMissedQuestionsDto} */
export type AnalyticsMissedQuestionsDto = z.infer<typeof AnalyticsMissedQuestionsDto>;
