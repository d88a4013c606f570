/**
 * `@observatory/client` — a typed client for the Observatory API (ky + zod), wire-compatible with the platform.
 *
 * @packageDocumentation
 */
export { createObservatoryClient, type ObservatoryClient } from './client.js';
export {
  isObservatoryApiError,
  isObservatoryError,
  isObservatoryNetworkError,
  isObservatoryTimeoutError,
  isObservatoryValidationError,
  ObservatoryApiError,
  ObservatoryError,
  ObservatoryNetworkError,
  ObservatoryTimeoutError,
  ObservatoryValidationError,
  type RequestInfo,
} from './errors/errors.js';
export { AnalyticsResource, type MissedQuestionAnalyticsQuery } from './resources/analytics.js';
export {
  type ChatMessageInput,
  type ChatSessionExportOptions,
  type ChatSessionListQuery,
  ChatSessionsResource,
  type GetChatSessionOptions,
  type NewChatSessionInput,
} from './resources/chat-sessions.js';
export type { ExportedFile } from './resources/exported-file.js';
export { IngestResource } from './resources/ingest.js';
export { InteractionsResource } from './resources/interactions.js';
export type { ListPage, PageParams } from './resources/list-page.js';
export type {
  InstantRange,
  MissedQuestionDetailsResult,
  MissedQuestionExportOptions,
  MissedQuestionQuery,
  MissedQuestionReport,
} from './resources/missed-question-inputs.js';
export { MissedQuestionsResource } from './resources/missed-questions.js';
export type { SessionCallOptions } from './resources/session-agent.js';
export type {
  ContactSessionsQuery,
  GetSessionOptions,
  SessionExportOptions,
  SessionListInclude,
  SessionListPart,
  SessionListQuery,
  SessionPart,
} from './resources/session-inputs.js';
export { SessionsResource } from './resources/sessions.js';
export { type NewTagInput, type TagListQuery, TagsResource } from './resources/tags.js';
export type { ZonedRangeQuery } from './resources/zoned-range.js';
export {
  type CallOptions,
  CLIENT_DEFAULTS,
  CLIENT_ENV,
  type ObservatoryClientOptions,
  type RetryOptions,
} from './transport/options.js';
