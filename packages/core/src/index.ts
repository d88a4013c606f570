/**
 * `@observatory/core` — the pure domain of the Observatory SDK: models, date ranges, session filters,
 * missed-question grouping, miss counters and exports. No I/O: the clock and the time zone are inputs.
 *
 * @packageDocumentation
 */

export {
  MissCounter,
  type MissCounterCounts,
  type MissCounterEvents,
  type MissCounterOptions,
} from './counters/miss-counter.js';
export {
  initialMissCounterState,
  type MissCounterEvent,
  type MissCounterState,
  reduceMissCounters,
} from './counters/reduce.js';
export { type MissCounterSnapshot, missCounterEventsOf, replayMissCounters } from './counters/replay.js';
export {
  InvalidDateRangeError,
  InvalidTimeZoneError,
  ObservatoryInputError,
  UnsafePatternError,
} from './errors/errors.js';
export { type CsvOptions, type ItemSource, missedQuestionsToCsv, sessionsToCsv } from './export/csv.js';
export { describeEvent, messageBody } from './export/describe-event.js';
export { flattenMissedQuestionRow, missedQuestionCsvColumns } from './export/missed-question-row.js';
export { neutralizeFormula } from './export/neutralize.js';
export {
  IncompleteSessionError,
  markOmittedSessionParts,
  omittedSessionParts,
  SESSION_EXPORT_PARTS,
  type SessionExportPart,
} from './export/session-parts.js';
export {
  type FlattenSessionOptions,
  flattenSessionRow,
  type SessionCsvColumn,
  type SessionRow,
  sessionCsvColumns,
} from './export/session-row.js';
export {
  HIGHLIGHT_MARKER,
  type MessageToTextOptions,
  messageToText,
  SESSION_TEXT_DIVIDER,
  type SessionToTextOptions,
  sessionsToText,
  sessionToText,
} from './export/text.js';
export {
  type MissedQuestionDetails,
  type MissedQuestionDetailsOptions,
  type MissedQuestionOccurrenceRef,
  missedQuestionDetails,
} from './missed/details.js';
export { type GroupMissedQuestionsOptions, groupMissedQuestions } from './missed/group.js';
export { missedQuestionKey } from './missed/key.js';
export { normalizeQuestion } from './missed/normalize.js';
export {
  compareMissedQuestionTies,
  type MissedQuestionTieField,
  missedQuestionTieBreaks,
} from './missed/order.js';
export {
  type MissedQuestionTrendInput,
  missedQuestionTrend,
  type QuestionRef,
  type TrendCount,
} from './missed/trend.js';
export { MissedQuestionTrend, TrendBucket, TrendBucketSize } from './model/analytics.js';
export { sessionLastActivity } from './model/last-activity.js';
export {
  CsatStatus,
  IsoDateTime,
  LiveChatEventType,
  Message,
  MessageCategory,
  MessageEvent,
  MessageKind,
  MessageRole,
} from './model/message.js';
export {
  MissedQuestion,
  MissedQuestionGroup,
  MissedQuestionOccurrence,
  MissedQuestionStatus,
} from './model/missed-question.js';
export { openEnum } from './model/open-enum.js';
export {
  Contact,
  CsatSurvey,
  Deployment,
  LiveChat,
  Session,
  SessionAnalysis,
  type SessionInput,
  SessionStatus,
  Ticket,
} from './model/session.js';
export { KnownTraceStepType, TraceStep, VariableSnapshot } from './model/trace.js';
export {
  compileSearch,
  compileSessionQuery,
  matchesSessionQuery,
  type SessionPredicate,
} from './query/match.js';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  normalizePageRequest,
  type Page,
  type PageRequest,
  paginate,
} from './query/page.js';
export { MAX_SEARCH_PATTERN_LENGTH } from './query/search.js';
export {
  hasCsat,
  hasFallback,
  hasFeedback,
  hasLiveChat,
  type SessionFacts,
  sessionFacts,
} from './query/session-facts.js';
export {
  SearchMode,
  SessionQuery,
  type SessionQueryInput,
  SessionSearch,
  type SessionSearchInput,
  SessionSort,
} from './query/session-query.js';
export { compareSessions } from './query/sort.js';
export { type BucketSize, bucketStart, localDateLabel, nextBucketStart } from './time/buckets.js';
export { DatePreset, type DateRange, type DateRangeContext, type DateRangeInput } from './time/date-range.js';
export { assertRangeBuckets, MAX_BUCKETS_PER_RANGE } from './time/range-buckets.js';
export { assertTimeZone, resolveDateRange } from './time/resolve-date-range.js';
export { countLabel } from './views/count-label.js';
export { messageSpeaker, type TranscriptLineKind, transcriptLineKind } from './views/message-speaker.js';
export {
  DEFAULT_MISSED_SESSION_LIMIT,
  type MissedDetailsView,
  type MissedDetailsViewOptions,
  type MissedListRowView,
  type MissedSessionRowView,
  type MissedViewOptions,
  missedDetailsView,
  missedListRow,
} from './views/missed.js';
export {
  type EmptyHintFilters,
  emptyMissedQuestionsHint,
  emptySessionsHint,
  formatDateRange,
} from './views/range-label.js';
export {
  type SessionDetailView,
  type SessionDetailViewOptions,
  sessionDetailView,
} from './views/session-detail.js';
export { sessionDurationText } from './views/session-duration.js';
export {
  oneLine,
  type SessionListRowOptions,
  type SessionListRowView,
  sessionListRow,
} from './views/session-list-row.js';
export { type TraceStepView, type TraceViewOptions, traceView } from './views/trace.js';
export {
  type TranscriptLineView,
  type TranscriptViewOptions,
  transcriptView,
} from './views/transcript.js';

export * from './wire/index.js';
