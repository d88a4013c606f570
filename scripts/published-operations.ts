/**
 * The "Published operations" section of `docs/http-api.md`: every operation of the two published specs
 * (`spec/helvia-openapi/`), with the client method that calls it, the local server's route, and what the local
 * server adds. Rendered by `scripts/http-api-doc.ts`; `test/published-operations.test.ts` holds the client column
 * to the client's methods.
 */
import { readFileSync } from 'node:fs';

const SPEC_FILES = ['hbf-core.observatory-subset.openapi.json', 'hbf-data-manager.openapi.json'];

/** One published operation, as the spec files declare it. */
export interface PublishedOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
}

/**
 * The client method(s) calling each published operation; an operation missing here has none yet.
 *
 * @example
 * ```ts
 * CLIENT_METHODS.get_30; // ['chatSessions.get']
 * ```
 */
export const CLIENT_METHODS: Readonly<Record<string, readonly string[]>> = {
  list_25: ['sessions.list', 'sessions.iterate'],
  get_21: ['sessions.get'],
  updateTags_1: ['sessions.setTags'],
  export_5: ['sessions.export'],
  exportById_3: ['sessions.export'],
  InteractionsController_getByEvent: ['sessions.get'],
  InteractionsController_getSessionVariablesAtEvent: ['sessions.get'],
  listMissedQuestions_1: ['missedQuestions.list', 'missedQuestions.iterate'],
  createMissedQuestion_1: ['missedQuestions.report'],
  findMissedQuestion_1: ['missedQuestions.get'],
  updateMissedQuestion_1: ['missedQuestions.update'],
  findMissedQuestionOccurrences_1: ['missedQuestions.occurrences', 'missedQuestions.details'],
  export_4: ['missedQuestions.export'],
  missedQuestions: ['analytics.missedQuestions'],
  list_33: ['chatSessions.list'],
  create_31: ['chatSessions.create'],
  get_30: ['chatSessions.get'],
  upsert_1: ['chatSessions.upsert'],
  update_31: ['chatSessions.update'],
  delete_27: ['chatSessions.delete'],
  addMessage: ['chatSessions.addMessage'],
  addMessages: ['chatSessions.addMessages'],
  addVariables: ['chatSessions.addVariables'],
  batchSetStatusCompleted: ['chatSessions.complete'],
  getMessages_1: ['sessions.messages'],
  update_24: ['sessions.update'],
  createTag: ['tags.create'],
  listTags_1: ['tags.list'],
  addMessageTags: ['sessions.tagMessage'],
  listBySubscriberHandle_1: ['sessions.listByContact'],
  getTranscriptByRequestIdVariable_1: ['sessions.transcript'],
  exportById_4: ['chatSessions.export'],
  InteractionsController_list: ['interactions.list'],
  InteractionsDeleteController_deleteSessionInteractions: ['interactions.deleteForSession'],
  InteractionsDeleteController_bulkDeleteSessionInteractions: ['interactions.deleteForSessions'],
};

/** What the local server does beyond the published operation, where it is specific to that operation. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  list_33:
    "answers a page `{ items, page, pageSize, total }` (see below); also takes every filter of the organization's list",
  create_31:
    'id made up when absent; an id its agent already holds is a 409 on `id` (ids are unique per agent: another agent’s session of the id is another session)',
  upsert_1:
    'messages and variable snapshots kept and merged by id; the session is the body’s agent’s (another agent’s of the same id is untouched)',
  update_31:
    'fields left out keep their value; messages added by id; another `tenantId` is a 409; `?tenantId=` chooses among agents holding the id',
  delete_27:
    'takes the interaction log and the missed-question occurrences of the session with it; a missed question left with no occurrence is deleted too',
  addMessage: 'a message whose id is stored is skipped (safe retries)',
  addMessages: 'each message whose id is stored is skipped; at most 1000 a request',
  addVariables: '`hbfEventId` query parameter ties the snapshot to a user message; values may be any JSON',
  batchSetStatusCompleted: 'ids unknown or outside the token’s agents are skipped',
  update_24:
    'as `update_31`: fields left out keep their value; messages added by id; another `tenantId` is a 409',
  InteractionsController_list: 'the latest 1000 steps (the platform lists without paging)',
  InteractionsDeleteController_deleteSessionInteractions:
    'deleted before the 202 (the platform schedules it); a session unknown or outside the token’s agents is skipped',
  InteractionsDeleteController_bulkDeleteSessionInteractions:
    'deleted before the 202; ids unknown or outside the token’s agents are skipped; at most 1000 ids',
};

/**
 * Reads every operation of the two published specs, in their order.
 *
 * @example
 * ```ts
 * const ids = publishedOperations().map((op) => op.operationId);
 * ```
 */
export function publishedOperations(): PublishedOperation[] {
  return SPEC_FILES.flatMap((file) => {
    const spec = JSON.parse(
      readFileSync(new URL(`../spec/helvia-openapi/${file}`, import.meta.url), 'utf8'),
    ) as { paths: Record<string, Record<string, { operationId?: string }>> };
    return Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => typeof operation?.operationId === 'string')
        .map(([method, operation]) => ({ operationId: operation.operationId as string, method, path })),
    );
  });
}

/**
 * The local server's route for a published operation: the one its OpenAPI document lists under the same
 * `operationId`, else under the same method and path; `undefined` when it has none.
 *
 * @example
 * ```ts
 * serverRoute(openApiDocument().paths, { operationId: 'get_30', method: 'get', path: '/chat-sessions/{id}' });
 * ```
 */
export function serverRoute(
  paths: Record<string, Record<string, { operationId?: string }>>,
  operation: PublishedOperation,
): string | undefined {
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, item] of Object.entries(methods)) {
      if (item.operationId === operation.operationId) return `${method.toUpperCase()} ${path}`;
    }
  }
  return paths[operation.path]?.[operation.method] === undefined
    ? undefined
    : `${operation.method.toUpperCase()} ${operation.path}`;
}

/**
 * Renders the section: one row per published operation.
 *
 * @example
 * ```ts
 * const markdown = publishedOperationsSection(openApiDocument().paths).join('\n');
 * ```
 */
export function publishedOperationsSection(
  paths: Record<string, Record<string, { operationId?: string }>>,
): string[] {
  const rows = publishedOperations().map((operation) => {
    const client = CLIENT_METHODS[operation.operationId]?.map((name) => `\`client.${name}\``).join(', ');
    const route = serverRoute(paths, operation);
    const extension = EXTENSIONS[operation.operationId] ?? '';
    return `| \`${operation.operationId}\` | ${operation.method.toUpperCase()} \`${operation.path}\` | ${client ?? 'not yet'} | ${route === undefined ? 'not yet' : `\`${route}\``} | ${extension} |`;
  });
  return [
    '## Published operations',
    '',
    'Every operation of the two published specs (`spec/helvia-openapi/`): the client method that calls it, the',
    'route of the local server, and what the local server adds to it ("Wire decisions" above lists what holds for',
    'every route). "not yet" is an operation neither implemented nor faked. The published `/chat-sessions` and',
    "`/analytics/messages` routes name no organization: the local server acts on the bearer token's.",
    '',
    '| operation | published | client | local server | local extensions |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}
