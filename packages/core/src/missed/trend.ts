import type { MissedQuestionTrend, TrendBucketSize } from '../model/analytics.js';
import type { MissedQuestionOccurrence } from '../model/missed-question.js';
import type { DateRange } from '../time/date-range.js';

/** A user message counted as a question in the trend. */
export interface QuestionRef {
  readonly sessionId: string;
  readonly messageId: string;
  readonly createdAt: string;
}

/** Input of missedQuestionTrend. */
export interface MissedQuestionTrendInput {
  /** Every user message in the range (questions asked). */
  readonly questions: Iterable<QuestionRef>;
  /** Missed-question occurrences; (sessionId, messageId) counted once. */
  readonly occurrences: Iterable<MissedQuestionOccurrence>;
  readonly range: DateRange;
  readonly timeZone: string;
  readonly bucket?: TrendBucketSize;
}

/** Missed vs answered per day/week/month bucket of the viewer's zone. */
export function missedQuestionTrend(input: MissedQuestionTrendInput): MissedQuestionTrend {
  throw new Error("not implemented yet");
}
