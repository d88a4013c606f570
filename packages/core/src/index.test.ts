import { describe, expect, it } from 'vitest';
import * as core from './index.js';
import * as xlsx from './xlsx.js';

// The names DESIGN.md makes binding for @observatory/core.
const designNames = [
  'Session',
  'Message',
  'TraceStep',
  'MissedQuestion',
  'MissedQuestionGroup',
  'resolveDateRange',
  'matchesSessionQuery',
  'groupMissedQuestions',
  'missedQuestionDetails',
  'missedQuestionTrend',
  'reduceMissCounters',
  'MissCounter',
  'sessionToText',
  'sessionsToCsv',
  'missedQuestionsToCsv',
];

describe('@observatory/core public surface', () => {
  it('exports every name the design makes binding', () => {
    for (const name of designNames) expect(core, name).toHaveProperty(name);
  });

  it('keeps exceljs on its own subpath', () => {
    expect(Object.keys(xlsx).sort()).toEqual([
      'XLSX_DATE_TIME_FORMAT',
      'XLSX_MAX_CELL_LENGTH',
      'XLSX_SECONDS_FORMAT',
      'XLSX_TRUNCATION_MARKER',
      'sessionsToXlsx',
    ]);
    expect(core).not.toHaveProperty('sessionsToXlsx');
  });

  it('exports exactly the curated names (a change here is a change of the public API)', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        ...designNames,
        // models
        'Contact',
        'CsatStatus',
        'CsatSurvey',
        'Deployment',
        'IsoDateTime',
        'KnownTraceStepType',
        'LiveChat',
        'LiveChatEventType',
        'MessageCategory',
        'MessageEvent',
        'MessageKind',
        'MessageRole',
        'MissedQuestionOccurrence',
        'MissedQuestionStatus',
        'openEnum',
        'MissedQuestionTrend',
        'SessionAnalysis',
        'SessionStatus',
        'Ticket',
        'TrendBucket',
        'TrendBucketSize',
        'VariableSnapshot',
        // errors
        'IncompleteSessionError',
        'InvalidDateRangeError',
        'InvalidTimeZoneError',
        'ObservatoryInputError',
        'UnsafePatternError',
        // time
        'DatePreset',
        'MAX_BUCKETS_PER_RANGE',
        'assertRangeBuckets',
        'assertTimeZone',
        'bucketStart',
        'localDateLabel',
        'nextBucketStart',
        // queries, sorting, paging
        'DEFAULT_PAGE_SIZE',
        'MAX_PAGE_SIZE',
        'MAX_SEARCH_PATTERN_LENGTH',
        'SearchMode',
        'SessionQuery',
        'SessionSearch',
        'SessionSort',
        'compareSessions',
        'compileSearch',
        'compileSessionQuery',
        'normalizePageRequest',
        'paginate',
        'sessionLastActivity',
        // missed questions and counters
        'compareMissedQuestionTies',
        'initialMissCounterState',
        'missCounterEventsOf',
        'missedQuestionKey',
        'missedQuestionTieBreaks',
        'normalizeQuestion',
        'replayMissCounters',
        // exports
        'SESSION_EXPORT_PARTS',
        'SESSION_TEXT_DIVIDER',
        'markOmittedSessionParts',
        'omittedSessionParts',
        'flattenMissedQuestionRow',
        'flattenSessionRow',
        'missedQuestionCsvColumns',
        'neutralizeFormula',
        'sessionCsvColumns',
        'sessionsToText',
        // wire format and its mapping
        'AnalyticsBucketDto',
        'assertPathSegment',
        'AnalyticsMissedQuestionsDto',
        'ChatSessionCsatSurveyDto',
        'ChatSessionDto',
        // bodies of the published chat-session writes
        'ChatSessionBatchSetStatusCompletedDto',
        'ChatSessionMessageRequestDto',
        'ChatSessionRequestDto',
        'ChatSessionVariableMappingDto',
        'ChatSessionListResponse',
        'ChatSessionMessageDto',
        'ChatSessionMetadataDto',
        'InteractionMetadataDto',
        'LatestVariablesResponseDto',
        'ListInteractionMetadataResponseDto',
        'LiveChatSessionDto',
        'MissedQuestionCreateDto',
        'MissedQuestionDto',
        'MissedQuestionEntityDto',
        'MissedQuestionOccurrenceDto',
        'MissedQuestionOccurrenceList',
        'PagedChatSessionResponse',
        'PagedMissedQuestionResponse',
        'VariableRecordDto',
        'WireDateTime',
        // organization tags (createTag, listTags_1)
        'ListTagResponse',
        'TagDto',
        'TagScope',
        // session transcripts (getTranscriptByRequestIdVariable_1)
        'ChatSessionTranscriptDto',
        'ChatSessionTranscriptMessageDto',
        'holdsVariable',
        'sessionToTranscript',
        'analyticsFromWire',
        'analyticsToWire',
        'messageFromWire',
        'messageToWire',
        'missedQuestionFromWire',
        'missedQuestionToWire',
        'occurrenceFromWire',
        'occurrenceToWire',
        'sessionFromWire',
        'sessionQueryFromParams',
        'sessionQueryToParams',
        'sessionToWire',
        'loggedTraceStepFromWire',
        'traceStepFromWire',
        'traceStepToWire',
        'variableSnapshotFromWire',
        'variableSnapshotToWire',
      ].sort(),
    );
  });
});
