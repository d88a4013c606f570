import type { MissedQuestionOccurrence } from '../model/missed-question.js';
import type { DateRange } from '../time/date-range.js';

/** Details of one missed question group, as the details panel shows them. */
export interface MissedQuestionDetails {
  readonly question: string;
  readonly occurrencesInRange: number;
  readonly totalOccurrences: number;
  readonly distinctSessions: number;
  /** Every occurrence in range, newest first: where to highlight the transcript. */
  readonly occurrences: ReadonlyArray<{ sessionId: string; messageId: string; occurredAt: string }>;
}

/** Options of missedQuestionDetails. */
export interface MissedQuestionDetailsOptions {
  readonly range?: DateRange;
}

/** Details of the occurrences of one question (pass that group's occurrences, any range). */
export function missedQuestionDetails(
  occurrences: Iterable<MissedQuestionOccurrence>,
  options?: MissedQuestionDetailsOptions,
): MissedQuestionDetails {
  throw new Error("not implemented yet");
}
