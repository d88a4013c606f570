import type { MissedQuestion } from '../model/missed-question.js';
import type { Session } from '../model/session.js';

/** Options of the CSV serializers. */
export interface CsvOptions {
  readonly separator?: ';' | ',';
  readonly bom?: boolean;
  readonly timeZone?: string;
}

/** Any array, iterable or async iterable of items. */
export type ItemSource<T> = Iterable<T> | AsyncIterable<T>;

/** Sessions as CSV, streamed. */
export function sessionsToCsv(sessions: ItemSource<Session>, options?: CsvOptions): AsyncIterable<string> {
  throw new Error("not implemented yet");
}

/** Missed questions as CSV, streamed. */
export function missedQuestionsToCsv(questions: ItemSource<MissedQuestion>, options?: CsvOptions): AsyncIterable<string> {
  throw new Error("not implemented yet");
}
