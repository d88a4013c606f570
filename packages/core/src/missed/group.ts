import type { DateRange } from '../time/date-range.js';
import type { MissedQuestionGroup, MissedQuestionOccurrence, MissedQuestionStatus } from '../model/missed-question.js';

/** Options of groupMissedQuestions. */
export interface GroupMissedQuestionsOptions {
  /** Count occurrences in this range; totals count every occurrence given. */
  readonly range?: DateRange;
  /** false (default): exact wording. true: the default normaliser. A function: your own key. */
  readonly normalize?: boolean | ((question: string) => string);
  /** Status of a group by its key; UNRESOLVED where absent. */
  readonly statusOf?: (key: string) => MissedQuestionStatus | undefined;
}

/** Groups occurrences into the rows of the Missed Questions table, sorted by occurrences in range, descending. */
export function groupMissedQuestions(
  occurrences: Iterable<MissedQuestionOccurrence>,
  options?: GroupMissedQuestionsOptions,
): MissedQuestionGroup[] {
  throw new Error("not implemented yet");
}
