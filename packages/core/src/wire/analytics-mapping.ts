import type { MissedQuestionTrend } from '../model/analytics.js';
import type { AnalyticsMissedQuestionsDto } from './analytics-dto.js';

/**
 * Missed-question analytics as the client returns them: totals, percentage, the per-day histogram (missed count,
 * plus questions / answered where the server reports them) and the top missed questions.
 *
 * @example
 * ```ts
 * const analytics: MissedQuestionAnalytics = {
 *   totalQuestions: 40, totalMissedQuestions: 10, missedPercentage: 25,
 *   histogram: [{ date: '2026-11-25', missed: 10 }], topMissedQuestions: [{ question: 'Do you ship?', count: 4 }],
 * };
 * ```
 */
export interface MissedQuestionAnalytics {
  readonly totalQuestions: number;
  readonly totalMissedQuestions: number;
  readonly missedPercentage: number;
  readonly histogram: ReadonlyArray<{ date: string; missed: number; questions?: number; answered?: number }>;
  readonly topMissedQuestions: ReadonlyArray<{ question: string; count: number }>;
}

/**
 * Maps the wire `AnalyticsMissedQuestionsDto` to {@link MissedQuestionAnalytics}.
 *
 * @example
 * ```ts
 * import { analyticsFromWire } from '@observatory/core';
 * analyticsFromWire({ totalQuestions: 4, totalMissedQuestions: 1, missedQuestionsPercentage: 25, histogram: [], missedQuestions: [] });
 * ```
 */
export function analyticsFromWire(dto: AnalyticsMissedQuestionsDto): MissedQuestionAnalytics {
  return {
    totalQuestions: dto.totalQuestions,
    totalMissedQuestions: dto.totalMissedQuestions,
    missedPercentage: dto.missedQuestionsPercentage,
    histogram: dto.histogram.map((bucket) => ({
      date: bucket.string_date,
      missed: bucket.count,
      ...(bucket.questions === undefined ? {} : { questions: bucket.questions }),
      ...(bucket.answered === undefined ? {} : { answered: bucket.answered }),
    })),
    topMissedQuestions: dto.missedQuestions.map((usage) => ({ question: usage.name, count: usage.count })),
  };
}

/**
 * Builds the wire `AnalyticsMissedQuestionsDto` from a core trend and the top missed questions (what the local
 * server answers); buckets carry the `questions` / `answered` extensions.
 *
 * @example
 * ```ts
 * import { analyticsToWire } from '@observatory/core';
 * analyticsToWire(
 *   { timeZone: 'UTC', bucket: 'day', totalQuestions: 4, totalMissedQuestions: 1, missedPercentage: 25, buckets: [] },
 *   [{ question: 'Do you ship?', count: 1 }],
 * );
 * ```
 */
export function analyticsToWire(
  trend: MissedQuestionTrend,
  topMissedQuestions: ReadonlyArray<{ question: string; count: number }>,
): AnalyticsMissedQuestionsDto {
  return {
    totalQuestions: trend.totalQuestions,
    totalMissedQuestions: trend.totalMissedQuestions,
    missedQuestionsPercentage: trend.missedPercentage,
    histogram: trend.buckets.map((bucket) => ({
      string_date: bucket.label,
      count: bucket.missed,
      questions: bucket.questions,
      answered: bucket.answered,
    })),
    missedQuestions: topMissedQuestions.map((top) => ({ name: top.question, count: top.count })),
  };
}
