/**
 * `@observatory/server` — a local Observatory: the platform's HTTP API over an embedded store (PGlite) by
 * default, or PostgreSQL for scale.
 *
 * @packageDocumentation
 */

export { closeWhenAnsweredEarly } from './early-answer.js';
export {
  AmbiguousSessionError,
  AuthError,
  ConflictError,
  NotFoundError,
  ObservatoryServerError,
  StoreUnavailableError,
} from './errors.js';
export { DEFAULT_SHUTDOWN_GRACE_MS } from './graceful-close.js';
export { type AdmissionLimits, defaultAdmissionLimits } from './http/admission.js';
export {
  createObservatoryServer,
  DEFAULT_MAX_BODY_BYTES,
  type ObservatoryServerOptions,
} from './http/app.js';
export type { AuthOptions, TokenGrant } from './http/auth.js';
export type { Scope, ServerEnv } from './http/env.js';
export { openApiDocument } from './http/openapi.js';
export type { Problem } from './http/problem.js';
export { isLoopbackHost } from './loopback-host.js';
export { type RunningServer, type StartOptions, startObservatoryServer } from './serve.js';
export { PortInUseError, StoreLockedError } from './startup-errors.js';
export { DEFAULT_STORE_URL, type OpenStoreOptions, openStore, redactUrl } from './store/open-store.js';
export type {
  MissedQuestionFilter,
  MissedQuestionReport,
  MissedQuestionSortBy,
  MissedTrendFilter,
  ObservatoryStore,
  OrganizationTag,
  ReplicaReads,
  ReportResult,
  StoredTraceStep,
  StoreEngine,
  TagOperations,
} from './store/store.js';
