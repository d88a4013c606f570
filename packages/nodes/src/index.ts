/**
 * `@observatory/nodes` — workflow nodes for any runtime: Missed Question, Tag and HTTP Request, escalation after
 * consecutive misses, and a missed-question reporter whose outbox loses nothing.
 *
 * @packageDocumentation
 */

export {
  type CreateNodeContextOptions,
  createNodeContext,
  type InMemoryNodeContext,
  type TurnResult,
} from './context/create-node-context.js';
export {
  type NodeContext,
  type NodeMessage,
  type NodeSession,
  type NodeStepInput,
  SYSTEM_VARIABLES,
  templateScope,
  type VariableStore,
} from './context/node-context.js';
export {
  HttpStatusError,
  InvalidReportError,
  NodeConfigError,
  ObservatoryNodeError,
  OutboxCorruptError,
  OutboxFullError,
  ReadonlyVariableError,
  ReporterClosedError,
  TemplateVariableMissingError,
  TurnStateError,
  UnsafeTemplateValueError,
} from './errors/errors.js';
export {
  type EscalationEvent,
  type EscalationRule,
  type EscalationSource,
  escalateAfter,
} from './escalation/escalate-after.js';
export {
  type HttpMethod,
  type HttpRequestNodeConfig,
  type HttpRequestPort,
  type HttpRetryOptions,
  httpRequestNode,
  type JsonValue,
} from './http/http-request-node.js';
export {
  type MissedQuestionRequestOptions,
  missedQuestionRequestConfig,
} from './http/missed-question-request.js';
export {
  type MissedQuestionNodeConfig,
  type MissedQuestionPort,
  missedQuestionNode,
} from './missed/missed-question-node.js';
export { createFileOutbox, type FileOutboxOptions } from './outbox/file-outbox.js';
export { createMemoryOutbox } from './outbox/memory-outbox.js';
export type { DeadLetter, OutboxEntry, OutboxStorage } from './outbox/outbox-storage.js';
export { classifyReportError, type ReportFailureKind } from './reporter/classify-error.js';
export {
  createMissedQuestionReporter,
  type FlushResult,
  type MissedQuestionReporter,
  type MissedQuestionReporterOptions,
  type ReporterBackoffOptions,
  type ReporterErrorListener,
  type ReportReceipt,
} from './reporter/missed-question-reporter.js';
export {
  type MissedQuestionReport,
  type MissedQuestionReporterLike,
  type MissedQuestionReportSink,
  type ReportCallOptions,
  reportKey,
} from './reporter/report-types.js';
export { type TagNodeConfig, type TagPort, type TagSyncClient, tagNode } from './tag/tag-node.js';
export {
  type OnMissingVariable,
  type RenderTemplateOptions,
  renderTemplate,
  type TemplateVariables,
} from './template/render-template.js';
export type { WorkflowNode } from './workflow/workflow-node.js';
