import { MAX_BUCKETS_PER_RANGE } from '@observatory/core';
import { CHAT_SESSION_OPERATIONS, SESSION_AGENT } from './openapi-chat-sessions.js';

/** Type of a query parameter, as the OpenAPI document shows it. */
export type ParamType = 'string' | 'boolean' | 'integer' | 'date-time' | 'string[]';

/** One operation of the server, as the OpenAPI document lists it. */
export interface Operation {
  /** The published spec's `operationId`, for an operation it publishes. */
  readonly operationId?: string;
  readonly method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly query?: Readonly<Record<string, ParamType>>;
  /** A component schema name, or inline JSON Schema. */
  readonly body?: string | Record<string, unknown>;
  readonly response: { status: number; schema?: string | Record<string, unknown>; type?: string };
}

const SESSION_FILTERS: Record<string, ParamType> = {
  tenantsFilter: 'string',
  startDate: 'date-time',
  endDate: 'date-time',
  searchTerm: 'string',
  searchVariable: 'string',
  tags: 'string[]',
  deploymentIds: 'string[]',
  matchFullWord: 'boolean',
  searchByVariable: 'boolean',
  isRegex: 'boolean',
  containsFallback: 'boolean',
  containsFeedback: 'boolean',
  containsCSATSurvey: 'boolean',
  containsLiveChat: 'boolean',
  csatSurveysStatuses: 'string[]',
  contact: 'string',
  subscriberHandle: 'string',
  status: 'string',
  lastInteractionLessThan: 'date-time',
};
const INCLUDES: Record<string, ParamType> = {
  includeMessages: 'boolean',
  includeTenant: 'boolean',
  includeLiveChats: 'boolean',
  includeSummary: 'boolean',
};
const EXPORT: Record<string, ParamType> = {
  fileType: 'string',
  separator: 'string',
  timeZone: 'string',
  bom: 'boolean',
};
const PAGE: Record<string, ParamType> = { page: 'integer', pageSize: 'integer' };
const RANGE: Record<string, ParamType> = { startDate: 'date-time', endDate: 'date-time' };
const MISSED_FILTERS: Record<string, ParamType> = {
  tenantsFilter: 'string',
  ...RANGE,
  question: 'string',
  search: 'string',
  status: 'string',
  sortBy: 'string',
  order: 'string',
};
/** A reference to a component schema. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (name: string) => ({ type: 'array', items: ref(name) });
const paged = (name: string) => ({
  type: 'object',
  required: ['items', 'page', 'pageSize', 'total'],
  properties: {
    items: list(name),
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    total: { type: 'integer' },
  },
});

const org = '/organizations/{orgId}';
const sessions = `${org}/chat-sessions`;
const missed = `${org}/missed-questions`;

/** Every route of the server: the one table `/openapi.json` is built from. */
export const OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: sessions,
    summary: 'List chat sessions (paged, every filter of the platform; `uuid` is a session id)',
    query: { ...SESSION_FILTERS, uuid: 'string', sortBy: 'string', order: 'string', ...PAGE, ...INCLUDES },
    response: { status: 200, schema: 'PagedChatSessionResponse' },
  },
  {
    method: 'post',
    path: sessions,
    summary:
      'Create or update a chat session (local extension; messages are merged by id; its interaction log may come in `interactions`, steps merged by id)',
    body: 'ChatSessionDto',
    response: { status: 201, schema: 'ChatSessionDto' },
  },
  {
    method: 'get',
    path: `${sessions}/export`,
    summary: 'Export the matching chat sessions as txt, csv or xlsx',
    query: { ...SESSION_FILTERS, ...EXPORT },
    response: { status: 200, type: '*/*' },
  },
  {
    method: 'get',
    path: `${sessions}/export/{id}`,
    summary: 'Export one chat session as txt, csv or xlsx',
    query: { ...SESSION_AGENT, ...EXPORT },
    response: { status: 200, type: '*/*' },
  },
  {
    operationId: 'getTranscriptByRequestIdVariable_1',
    method: 'get',
    path: `${sessions}/transcript/{requestId}`,
    summary:
      'The transcript of the newest chat session whose variable `requestId` holds this value (in its final variables)',
    response: { status: 200, schema: 'ChatSessionTranscriptDto' },
  },
  {
    operationId: 'listBySubscriberHandle_1',
    method: 'get',
    path: `${sessions}/subscribers/handle/{handle}`,
    summary:
      "List the chat sessions of one contact (paged, newest first; also every filter of the organization's list)",
    query: { tenantIds: 'string[]', sortBy: 'string', order: 'string', ...PAGE, ...INCLUDES },
    response: { status: 200, schema: 'PagedChatSessionResponse' },
  },
  {
    method: 'get',
    path: `${sessions}/{id}`,
    summary: 'Get a chat session',
    query: { ...SESSION_AGENT, ...INCLUDES },
    response: { status: 200, schema: 'ChatSessionDto' },
  },
  {
    operationId: 'update_24',
    method: 'patch',
    path: `${sessions}/{id}`,
    summary: 'Update a chat session: the fields sent replace the stored ones, messages are added by id',
    query: SESSION_AGENT,
    body: 'ChatSessionRequestDto',
    response: { status: 200, schema: 'ChatSessionDto' },
  },
  {
    method: 'get',
    path: `${sessions}/{id}/messages`,
    summary: 'A chat session with its messages (as the platform answers)',
    query: SESSION_AGENT,
    response: { status: 200, schema: 'ChatSessionDto' },
  },
  {
    method: 'patch',
    path: `${sessions}/{id}/tags`,
    summary: 'Replace the tags of a chat session',
    query: SESSION_AGENT,
    body: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    response: { status: 200, schema: 'ChatSessionDto' },
  },
  {
    method: 'post',
    path: `${sessions}/{id}/tags`,
    summary: 'Add and remove tags (local extension)',
    query: SESSION_AGENT,
    body: {
      type: 'object',
      properties: {
        add: { type: 'array', items: { type: 'string' } },
        remove: { type: 'array', items: { type: 'string' } },
      },
    },
    response: { status: 200, schema: 'ChatSessionDto' },
  },
  {
    method: 'post',
    path: `${sessions}/{id}/messages`,
    summary: 'Append a message (skipped when its id is stored)',
    query: SESSION_AGENT,
    body: 'ChatSessionMessageDto',
    response: { status: 201, schema: 'ChatSessionDto' },
  },
  {
    method: 'post',
    path: `${sessions}/{id}/messages/batch`,
    summary: 'Append messages',
    query: SESSION_AGENT,
    body: list('ChatSessionMessageDto'),
    response: { status: 201, schema: 'ChatSessionDto' },
  },
  {
    method: 'post',
    path: `${sessions}/{id}/variables`,
    summary: 'Record a variable snapshot (for `hbfEventId`, else the final one)',
    query: { ...SESSION_AGENT, hbfEventId: 'string' },
    body: {
      type: 'array',
      items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, value: {} } },
    },
    response: { status: 204 },
  },
  {
    method: 'post',
    path: `${sessions}/{id}/interactions`,
    summary: 'Append interaction-log steps',
    query: SESSION_AGENT,
    body: list('InteractionMetadataDto'),
    response: { status: 201 },
  },
  {
    method: 'get',
    path: missed,
    summary: 'List missed questions (paged, with occurrences and filteredOccurrences)',
    query: { ...MISSED_FILTERS, ...PAGE },
    response: { status: 200, schema: 'PagedMissedQuestionResponse' },
  },
  {
    method: 'post',
    path: missed,
    summary:
      "Report a missed question; idempotent on the agent's (sessionId, messageId): 201 new, 200 same report again, 409 another question",
    body: 'MissedQuestionCreateDto',
    response: { status: 201, schema: 'MissedQuestionDto' },
  },
  {
    method: 'get',
    path: `${missed}/export`,
    summary: 'Export missed questions as CSV (separator ";" or ",", UTF-8 BOM unless bom=false)',
    query: { ...MISSED_FILTERS, fileType: 'string', separator: 'string', bom: 'boolean' },
    response: { status: 200, type: 'text/csv' },
  },
  {
    method: 'get',
    path: `${missed}/{id}`,
    summary: 'Get a missed question',
    query: RANGE,
    response: { status: 200, schema: 'MissedQuestionDto' },
  },
  {
    method: 'patch',
    path: `${missed}/{id}`,
    summary: 'Set the status of a missed question',
    body: {
      type: 'object',
      required: ['status'],
      properties: { status: { enum: ['UNRESOLVED', 'RESOLVED', 'IGNORED'] } },
    },
    response: { status: 200, schema: 'MissedQuestionDto' },
  },
  {
    method: 'get',
    path: `${missed}/{id}/occurrences`,
    summary: 'Occurrences of a missed question, newest first (paged)',
    query: { ...RANGE, ...PAGE },
    response: { status: 200, schema: paged('MissedQuestionOccurrenceDto') },
  },
  {
    method: 'get',
    path: `${org}/analytics/missed-questions`,
    summary: `Missed-question analytics in a time zone (at most ${MAX_BUCKETS_PER_RANGE.toLocaleString('en-US')} buckets)`,
    query: { ...RANGE, timeZone: 'string', tenants: 'string[]', tenantsFilter: 'string', bucket: 'string' },
    response: { status: 200, schema: 'AnalyticsMissedQuestionsDto' },
  },
  {
    operationId: 'addMessageTags',
    method: 'post',
    path: '/analytics/messages/{id}/tags',
    summary:
      "Add tags to a message (the token's organization; the earliest session holding the message among those the token may see)",
    body: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    response: { status: 204 },
  },
  {
    operationId: 'createTag',
    method: 'post',
    path: `${org}/tags`,
    summary:
      'Create an organization tag (a token of the whole organization; one that exists is answered as stored)',
    body: 'TagDto',
    response: { status: 201, schema: 'TagDto' },
  },
  {
    operationId: 'listTags_1',
    method: 'get',
    path: `${org}/tags`,
    summary:
      'List the organization tags: those created, and the other tags of the sessions the token may see (by label)',
    query: { scope: 'string', search: 'string' },
    response: { status: 200, schema: list('TagDto') },
  },
  {
    method: 'get',
    path: '/orgs/{orgId}/interactions',
    summary: 'Interaction log of the organization, newest first',
    response: { status: 200, schema: list('InteractionMetadataDto') },
  },
  {
    method: 'get',
    path: '/orgs/{orgId}/events/{hbfEventId}/interactions',
    summary: 'Interaction-log steps of one event',
    query: { sort: 'string' },
    response: { status: 200, schema: 'ListInteractionMetadataResponseDto' },
  },
  {
    method: 'get',
    path: '/orgs/{orgId}/events/{hbfEventId}/session-variables',
    summary: 'Session variables up to an event',
    response: { status: 200, schema: 'LatestVariablesResponseDto' },
  },
  {
    operationId: 'InteractionsDeleteController_deleteSessionInteractions',
    method: 'delete',
    path: '/chat-sessions/{sessionId}/interactions',
    summary:
      "Delete a session's interaction log (the session stays; a session unknown or out of the token's scope is skipped)",
    query: SESSION_AGENT,
    response: { status: 202 },
  },
  {
    operationId: 'InteractionsDeleteController_bulkDeleteSessionInteractions',
    method: 'post',
    path: '/chat-sessions/interactions/bulk-delete',
    summary:
      "Delete the interaction logs of sessions (ids unknown or out of the token's scope are skipped; at most 1000)",
    query: SESSION_AGENT,
    body: {
      type: 'object',
      required: ['sessionIds'],
      properties: { sessionIds: { type: 'array', items: { type: 'string' }, maxItems: 1000 } },
    },
    response: { status: 202 },
  },
  ...CHAT_SESSION_OPERATIONS,
];
