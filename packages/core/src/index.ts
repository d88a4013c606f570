/**
 * `@observatory/core` — the pure domain of the Observatory SDK: models, date ranges, session filters,
 * missed-question grouping, miss counters and exports. No I/O: the clock and the time zone are inputs.
 *
 * @packageDocumentation
 */
export { ObservatoryInputError, InvalidTimeZoneError, InvalidDateRangeError, UnsafePatternError } from './errors/errors.js';

export {
  IsoDateTime,
  MessageRole,
  MessageKind,
  MessageCategory,
  LiveChatEventType,
  CsatStatus,
  MessageEvent,
  Message,
} from './model/message.js';
export { KnownTraceStepType, TraceStep, VariableSnapshot } from './model/trace.js';
export {
  SessionStatus,
  Deployment,
  Contact,
  CsatSurvey,
  LiveChat,
  Ticket,
  SessionAnalysis,
  Session,
  type SessionInput,
} from './model/session.js';
export {
  MissedQuestionStatus,
  MissedQuestion,
  MissedQuestionOccurrence,
  MissedQuestionGroup,
} from './model/missed-question.js';
export { TrendBucketSize, TrendBucket, MissedQuestionTrend } from './model/analytics.js';

export { DatePreset, type DateRange, type DateRangeInput, type DateRangeContext } from './time/date-range.js';
export { resolveDateRange, assertTimeZone } from './time/resolve-date-range.js';
export { bucketStart, nextBucketStart, localDateLabel, type BucketSize } from './time/buckets.js';

export {
  SearchMode,
  SessionSearch,
  type SessionSearchInput,
  SessionSort,
  SessionQuery,
  type SessionQueryInput,
} from './query/session-query.js';
export { compileSearch, compileSessionQuery, matchesSessionQuery, type SessionPredicate } from './query/match.js';
export { MAX_SEARCH_PATTERN_LENGTH } from './query/search.js';
export { compareSessions } from './query/sort.js';
export {
  paginate,
  normalizePageRequest,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Page,
  type PageRequest,
} from './query/page.js';

export { normalizeQuestion } from './missed/normalize.js';
export { missedQuestionKey } from './missed/key.js';
export { groupMissedQuestions, type GroupMissedQuestionsOptions } from './missed/group.js';
export {
  missedQuestionDetails,
  type MissedQuestionDetails,
  type MissedQuestionDetailsOptions,
  type MissedQuestionOccurrenceRef,
} from './missed/details.js';
export { missedQuestionTrend, type MissedQuestionTrendInput, type QuestionRef } from './missed/trend.js';

export {
  reduceMissCounters,
  initialMissCounterState,
  type MissCounterState,
  type MissCounterEvent,
} from './counters/reduce.js';
export {
  MissCounter,
  type MissCounterCounts,
  type MissCounterEvents,
  type MissCounterOptions,
} from './counters/miss-counter.js';
export { missCounterEventsOf, replayMissCounters, type MissCounterSnapshot } from './counters/replay.js';

export { SESSION_TEXT_DIVIDER, sessionToText, sessionsToText, type SessionToTextOptions } from './export/text.js';
export {
  type FlattenSessionOptions,
  flattenSessionRow,
  type SessionCsvColumn,
  type SessionRow,
  sessionCsvColumns,
} from './export/session-row.js';
export { flattenMissedQuestionRow, missedQuestionCsvColumns } from './export/missed-question-row.js';
export { neutralizeFormula } from './export/neutralize.js';
export { sessionsToCsv, missedQuestionsToCsv, type CsvOptions, type ItemSource } from './export/csv.js';

export * from './wire/index.js';
