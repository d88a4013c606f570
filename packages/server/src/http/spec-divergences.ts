/**
 * Where the local server's answers knowingly differ from the published specs (`spec/helvia-openapi/`), each with
 * its reason. The one list: docs/http-api.md renders it ("Where the published spec is wrong", "Local
 * extensions"), and the conformance test (test/published-spec-conformance.test.ts) fails on any violation of the
 * published specs that no entry here covers.
 *
 * @example
 * ```ts
 * import { SPEC_DIVERGENCES } from './spec-divergences.js';
 * const wrong = SPEC_DIVERGENCES.filter((divergence) => divergence.kind === 'spec-wrong');
 * ```
 */
export interface SpecDivergence {
  /** `spec-wrong`: the published spec cannot be right; `extension`: a local extension, kept on purpose. */
  readonly kind: 'spec-wrong' | 'extension';
  /** The published operations it concerns (`*`: every one); none for paths the specs do not publish. */
  readonly operationIds: readonly string[];
  /**
   * Where a validator of the published spec sees it: in an answer, JSON pointers whose array items are written
   * `*`, `content-type`, or `status <code>` for an undeclared status; in a request, `request ` and the parameter (`request /query/timeZone`). Empty when no
   * exchange shows it (a defect of the spec's text, or an extra field the spec allows).
   */
  readonly where: readonly string[];
  /** What differs and why, for the docs. */
  readonly reason: string;
}

/** Every known divergence; see {@link SpecDivergence}. */
export const SPEC_DIVERGENCES: readonly SpecDivergence[] = [
  {
    kind: 'spec-wrong',
    operationIds: ['list_25', 'list_33'],
    where: ['/containsUserInteraction', '/subscriberHandle', '/tenantId'],
    reason:
      'Both lists of chat sessions are typed as one `ChatSessionDto`; a paged list cannot be one session, so the ' +
      'server answers `{ items, page, pageSize, total }` with each item a `ChatSessionDto`. The client reads a ' +
      'page, a bare array, or a single session.',
  },
  {
    kind: 'spec-wrong',
    operationIds: ['exportById_3', 'exportById_4'],
    where: ['content-type'],
    reason:
      'Both exports of one session are declared `application/json` with no schema, but each is a file: the server ' +
      'sends `text/plain` (txt), `text/csv` or the xlsx media type, as the export of many sessions does.',
  },
  {
    kind: 'spec-wrong',
    operationIds: ['InteractionsController_getSessionVariablesAtEvent'],
    where: ['/variables/*/value'],
    reason:
      "A variable's `value` is typed `object` (nullable), the way an untyped value is rendered by the spec's " +
      'generator; workflow variables hold strings, numbers, booleans and arrays too, so the server sends each ' +
      'value as recorded rather than wrap or drop it.',
  },
  {
    kind: 'spec-wrong',
    operationIds: ['missedQuestions'],
    where: ['request /query/timeZone'],
    reason:
      '`timeZone` is typed as the JSON of a Java `ZoneId` object; in a query string it is the zone id ' +
      '(`Europe/Athens`), which is what the platform reads and what the client sends.',
  },
  {
    kind: 'spec-wrong',
    operationIds: [
      'InteractionsController_list',
      'InteractionsController_getByEvent',
      'InteractionsController_getSessionVariablesAtEvent',
    ],
    where: [],
    reason:
      "hbf-data-manager's paths template `{orgId}` without declaring the parameter; the server takes it as the " +
      'required string it must be, and our validators declare it before checking.',
  },
  {
    kind: 'spec-wrong',
    operationIds: ['get_21', 'getMessages_1', 'list_25'],
    where: [],
    reason:
      '`NLPPipeline.predictionConfidenceThreshold` (inside `TenantDto`) writes `exclusiveMinimum: true` in the ' +
      'OpenAPI 3.0 form, which JSON Schema validators cannot compile; our validators translate it to the bound.',
  },
  {
    kind: 'spec-wrong',
    operationIds: ['addMessageTags'],
    where: [],
    reason:
      'The success answer is a 204 declared with a `ChatSessionMessage` body; a 204 has no body, so the server ' +
      'sends none and the client reads none.',
  },
  {
    kind: 'spec-wrong',
    operationIds: ['listTags_1'],
    where: [],
    reason:
      '`ListTagResponse` is an array of `TagDto` that also declares `properties` (`size`, `empty`, `first`, `last`: ' +
      "a Java `List`'s getters), which an array cannot have; the server answers the array, and the client reads it. " +
      'The path names the organization `{id}` where every other path says `{orgId}`; it is the same segment.',
  },
  {
    kind: 'extension',
    operationIds: ['*'],
    where: ['status 401', 'status 403', 'status 404', 'status 409', 'status 413'],
    reason:
      'The specs declare only the success answer and a 400 for each operation; the server also answers 401 (no ' +
      'or unknown token), 403 (another organization, or an agent outside the token), 404 (unknown id or path), ' +
      '409 (a conflicting write) and 413 (a body over the limit), each an RFC 9457 problem like the 400.',
  },
  {
    kind: 'extension',
    operationIds: [
      'InteractionsController_list',
      'InteractionsController_getByEvent',
      'InteractionsController_getSessionVariablesAtEvent',
      'InteractionsDeleteController_deleteSessionInteractions',
      'InteractionsDeleteController_bulkDeleteSessionInteractions',
    ],
    where: ['status 400'],
    reason:
      "hbf-data-manager's operations declare only their success answer, not even a 400; the server refuses a " +
      'malformed request (an id of `.` or `..`, an empty id in `sessionIds`, an unknown `sort`) with a 400 ' +
      'problem, as on hbf-core.',
  },
  {
    kind: 'extension',
    operationIds: ['findMissedQuestionOccurrences_1'],
    where: [],
    reason:
      'Occurrences are typed as a single `MissedQuestionOccurrence`; the server pages them as ' +
      '`{ items, page, pageSize, total }` (valid against that schema, whose fields are all optional) because a ' +
      "question's occurrences are a list. The client reads a page, an array, `{ items }` or a single occurrence.",
  },
  {
    kind: 'extension',
    operationIds: ['get_21', 'getMessages_1', 'list_25'],
    where: [],
    reason:
      'Sessions carry `tenantId` (write-only in the spec) beside `tenant`, which is sent only when the agent has a ' +
      'name; messages carry `role`, `kind` and `event` where the platform fields cannot say it (system messages, ' +
      'voice, CSAT and custom events); `tickets` lists tickets opened from the session.',
  },
  {
    kind: 'extension',
    operationIds: [
      'listMissedQuestions_1',
      'findMissedQuestion_1',
      'updateMissedQuestion_1',
      'createMissedQuestion_1',
    ],
    where: [],
    reason:
      'Missed questions are answered as `MissedQuestionDto` (with `tenantId`, valid against the `MissedQuestion` ' +
      'entity the spec declares for get, patch and create), plus `distinctSessions` and `lastOccurredAt` (the ' +
      'latest occurrence in the range asked for).',
  },
  {
    kind: 'extension',
    operationIds: ['missedQuestions'],
    where: [],
    reason: 'Histogram buckets carry `questions` and `answered` beside the missed `count`.',
  },
  {
    kind: 'extension',
    operationIds: ['export_5', 'exportById_3', 'exportById_4', 'listMissedQuestions_1', 'missedQuestions'],
    where: [],
    reason:
      'Optional query parameters the server reads beyond the spec: `timeZone` on session exports (the zone of ' +
      'local-time columns; the client sends it only when asked for) and `fileType=xlsx` there, `status` on the ' +
      "missed-question list (the client's `statuses`, sent only when given) and `bucket` on analytics (which the " +
      'client does not send).',
  },
  {
    kind: 'extension',
    operationIds: [],
    where: [],
    reason:
      'Write paths for runtimes under `/organizations/{orgId}/chat-sessions` (create or update a session, append ' +
      'messages, record variables and interaction-log steps, add and remove tags), older than the published ' +
      '`/chat-sessions` routes the server also serves. Only they record the interaction log (the published specs ' +
      'have no write path for it), also with the session itself in one request (`interactions` in the create body), ' +
      'and add and remove tags in one request.',
  },
  {
    kind: 'extension',
    operationIds: ['list_25', 'export_5', 'list_33'],
    where: [],
    reason:
      '`status` and `lastInteractionLessThan`, the filters of the published `GET /chat-sessions`, are read on the ' +
      "organization's list and export too (the client sends them there only when asked), and that list's filters " +
      '(`tenantsFilter`, `tags`, `searchTerm`, …) on `GET /chat-sessions`; so is `subscriberHandle`, the exact ' +
      "contact of `listBySubscriberHandle_1` (core's `contactId`).",
  },
  {
    kind: 'extension',
    operationIds: [
      'get_21',
      'getMessages_1',
      'exportById_3',
      'update_24',
      'updateTags_1',
      'get_30',
      'exportById_4',
      'update_31',
      'delete_27',
      'addMessage',
      'addMessages',
      'addVariables',
      'batchSetStatusCompleted',
      'InteractionsDeleteController_deleteSessionInteractions',
      'InteractionsDeleteController_bulkDeleteSessionInteractions',
    ],
    where: [],
    reason:
      'Session ids are unique per agent, not per organization, so two agents may hold one id. Every operation ' +
      'that names a session by id reads an optional `tenantId` query parameter, the agent whose session is meant; ' +
      "without it, an id several of the token's agents hold is a 409 problem on `id` whose `agents` names them " +
      "(never an agent outside the token's scope). An id one agent holds needs no `tenantId`, so a caller of " +
      'the published operations alone sees no difference (the client sends it only when given an `agentId`).',
  },
  {
    kind: 'extension',
    operationIds: ['addVariables'],
    where: [],
    reason:
      'An optional `hbfEventId` query parameter ties the recorded values to one user message (else they are the ' +
      "session's final values), and a value may be any JSON, not only a string (the client sends neither beyond " +
      'what the caller gives).',
  },
];
