// Wire DTOs of the platform's published API and the one mapping module between them and core types.

export { AnalyticsBucketDto, AnalyticsMissedQuestionsDto } from './analytics-dto.js';
export { analyticsFromWire, analyticsToWire, type MissedQuestionAnalytics } from './analytics-mapping.js';
export {
  ChatSessionBatchSetStatusCompletedDto,
  ChatSessionMessageRequestDto,
  ChatSessionRequestDto,
  ChatSessionVariableMappingDto,
} from './chat-session-request-dto.js';
export {
  InteractionMetadataDto,
  LatestVariablesResponseDto,
  ListInteractionMetadataResponseDto,
  VariableRecordDto,
} from './interaction-dto.js';
export { messageFromWire, messageToWire } from './message-mapping.js';
export {
  MissedQuestionCreateDto,
  MissedQuestionDto,
  MissedQuestionEntityDto,
  MissedQuestionOccurrenceDto,
  MissedQuestionOccurrenceList,
  PagedMissedQuestionResponse,
} from './missed-question-dto.js';
export {
  type MissedQuestionAnswerContext,
  missedQuestionFromWire,
  missedQuestionToWire,
  type OccurrenceContext,
  occurrenceFromWire,
  occurrenceToWire,
} from './missed-question-mapping.js';
export { assertPathSegment } from './path-segment.js';
export { type SessionQueryParams, sessionQueryFromParams, sessionQueryToParams } from './query-params.js';
export {
  ChatSessionCsatSurveyDto,
  ChatSessionDto,
  ChatSessionListResponse,
  ChatSessionMessageDto,
  ChatSessionMetadataDto,
  LiveChatSessionDto,
  PagedChatSessionResponse,
} from './session-dto.js';
export {
  type SessionAnswerContext,
  type SessionToWireOptions,
  type SessionWireExtras,
  sessionFromWire,
  sessionToWire,
} from './session-mapping.js';
export { ListTagResponse, TagDto, TagScope } from './tag-dto.js';
export {
  type LoggedTraceStep,
  loggedTraceStepFromWire,
  traceStepFromWire,
  traceStepToWire,
  variableSnapshotFromWire,
  variableSnapshotToWire,
} from './trace-mapping.js';
export {
  ChatSessionTranscriptDto,
  ChatSessionTranscriptMessageDto,
  holdsVariable,
  sessionToTranscript,
} from './transcript-mapping.js';
export { WireDateTime } from './wire-date.js';
