import type { Operation, ParamType } from './openapi-operations.js';

const base = '/chat-sessions';
const item = `${base}/{id}`;
const INCLUDES: Record<string, ParamType> = {
  includeMessages: 'boolean',
  includeTenant: 'boolean',
  includeLiveChats: 'boolean',
};
/**
 * The query parameter of every operation that names a session by id: `tenantId`, the agent whose session of that
 * id is meant (a local extension). Session ids are unique per agent, so several agents may hold one; without it
 * such an id is a 409 naming the agents (within the token's scope).
 *
 * @example
 * ```ts
 * const op = { method: 'get', path: '/chat-sessions/{id}', query: { ...SESSION_AGENT } };
 * ```
 */
export const SESSION_AGENT: Readonly<Record<string, ParamType>> = { tenantId: 'string' };
const messages = { type: 'array', items: { $ref: '#/components/schemas/ChatSessionMessageRequestDto' } };

/**
 * The published hbf-core chat-session routes the server implements, each under the spec's `operationId`. They
 * name no organization: the bearer token's is the one they act on.
 *
 * @example
 * ```ts
 * const ids = CHAT_SESSION_OPERATIONS.map((op) => op.operationId); // ['create_31', 'get_30', …]
 * ```
 */
export const CHAT_SESSION_OPERATIONS: readonly Operation[] = [
  {
    operationId: 'list_33',
    method: 'get',
    path: base,
    summary:
      "List chat sessions (paged, newest first; also every filter of the organization's list, as local extensions)",
    query: {
      tenantId: 'string',
      status: 'string',
      lastInteractionLessThan: 'date-time',
      page: 'integer',
      pageSize: 'integer',
      ...INCLUDES,
    },
    response: { status: 200, schema: 'PagedChatSessionResponse' },
  },
  {
    operationId: 'create_31',
    method: 'post',
    path: base,
    summary:
      "Create a chat session (id generated when absent; 409 on an id its agent already holds; other agents' ids never conflict)",
    body: 'ChatSessionRequestDto',
    response: { status: 201, schema: 'ChatSessionDto' },
  },
  {
    operationId: 'exportById_4',
    method: 'get',
    path: `${base}/export/{id}`,
    summary: 'Export one chat session as txt, csv or xlsx',
    query: { ...SESSION_AGENT, fileType: 'string', separator: 'string', timeZone: 'string', bom: 'boolean' },
    response: { status: 200, type: '*/*' },
  },
  {
    operationId: 'get_30',
    method: 'get',
    path: item,
    summary: 'Get a chat session',
    query: { ...SESSION_AGENT, ...INCLUDES },
    response: { status: 200, schema: 'ChatSessionDto' },
  },
  {
    operationId: 'upsert_1',
    method: 'put',
    path: item,
    summary: 'Create or replace a chat session; messages and variable snapshots are kept and merged by id',
    body: 'ChatSessionRequestDto',
    response: { status: 200, schema: 'ChatSessionDto' },
  },
  {
    operationId: 'update_31',
    method: 'patch',
    path: item,
    summary: 'Update a chat session: the fields sent replace the stored ones, messages are added by id',
    query: SESSION_AGENT,
    body: 'ChatSessionRequestDto',
    response: { status: 200, schema: 'ChatSessionDto' },
  },
  {
    operationId: 'delete_27',
    method: 'delete',
    path: item,
    summary:
      'Delete a chat session with its interaction log and missed-question occurrences (a question left with none goes too)',
    query: SESSION_AGENT,
    response: { status: 204 },
  },
  {
    operationId: 'addMessage',
    method: 'post',
    path: `${item}/messages`,
    summary: 'Add a message (skipped when its id is stored)',
    query: SESSION_AGENT,
    body: 'ChatSessionMessageRequestDto',
    response: { status: 204 },
  },
  {
    operationId: 'addMessages',
    method: 'post',
    path: `${item}/messages/batch`,
    summary: 'Add messages, in order (each skipped when its id is stored)',
    query: SESSION_AGENT,
    body: messages,
    response: { status: 204 },
  },
  {
    operationId: 'addVariables',
    method: 'post',
    path: `${item}/variables`,
    summary: 'Record a variable snapshot (for `hbfEventId`, a local extension, else the final one)',
    query: { ...SESSION_AGENT, hbfEventId: 'string' },
    body: { type: 'array', items: { $ref: '#/components/schemas/ChatSessionVariableMappingDto' } },
    response: { status: 204 },
  },
  {
    operationId: 'batchSetStatusCompleted',
    method: 'patch',
    path: `${base}/batch/complete`,
    summary: "Set sessions' status to COMPLETED (ids unknown or out of the token's scope are skipped)",
    query: SESSION_AGENT,
    body: 'ChatSessionBatchSetStatusCompletedDto',
    response: { status: 204 },
  },
];
