import type { Operation, ParamType } from './openapi-operations.js';

const base = '/chat-sessions';
const item = `${base}/{id}`;
const INCLUDES: Record<string, ParamType> = {
  includeMessages: 'boolean',
  includeTenant: 'boolean',
  includeLiveChats: 'boolean',
};
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
      'Create a chat session (id generated when absent; 409 on an id already taken, whichever agent holds it)',
    body: 'ChatSessionRequestDto',
    response: { status: 201, schema: 'ChatSessionDto' },
  },
  {
    operationId: 'exportById_4',
    method: 'get',
    path: `${base}/export/{id}`,
    summary: 'Export one chat session as txt, csv or xlsx',
    query: { fileType: 'string', separator: 'string', timeZone: 'string', bom: 'boolean' },
    response: { status: 200, type: '*/*' },
  },
  {
    operationId: 'get_30',
    method: 'get',
    path: item,
    summary: 'Get a chat session',
    query: INCLUDES,
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
    body: 'ChatSessionRequestDto',
    response: { status: 200, schema: 'ChatSessionDto' },
  },
  {
    operationId: 'delete_27',
    method: 'delete',
    path: item,
    summary:
      'Delete a chat session with its interaction log and missed-question occurrences (a question left with none goes too)',
    response: { status: 204 },
  },
  {
    operationId: 'addMessage',
    method: 'post',
    path: `${item}/messages`,
    summary: 'Add a message (skipped when its id is stored)',
    body: 'ChatSessionMessageRequestDto',
    response: { status: 204 },
  },
  {
    operationId: 'addMessages',
    method: 'post',
    path: `${item}/messages/batch`,
    summary: 'Add messages, in order (each skipped when its id is stored)',
    body: messages,
    response: { status: 204 },
  },
  {
    operationId: 'addVariables',
    method: 'post',
    path: `${item}/variables`,
    summary: 'Record a variable snapshot (for `hbfEventId`, a local extension, else the final one)',
    query: { hbfEventId: 'string' },
    body: { type: 'array', items: { $ref: '#/components/schemas/ChatSessionVariableMappingDto' } },
    response: { status: 204 },
  },
  {
    operationId: 'batchSetStatusCompleted',
    method: 'patch',
    path: `${base}/batch/complete`,
    summary: "Set sessions' status to COMPLETED (ids unknown or out of the token's scope are skipped)",
    body: 'ChatSessionBatchSetStatusCompletedDto',
    response: { status: 204 },
  },
];
