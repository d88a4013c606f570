import {
  compileSessionQuery,
  holdsVariable,
  matchesSessionQuery,
  ObservatoryInputError,
  type Page,
  type Session,
  type SessionQuery,
  sessionQueryFromParams,
  sessionsToCsv,
  sessionsToText,
  sessionToTranscript,
  sessionToWire,
} from '@observatory/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { AmbiguousSessionError, NotFoundError } from '../../errors.js';
import type { ObservatoryStore } from '../../store/store.js';
import { scopedAgents } from '../auth.js';
import type { Scope, ServerEnv } from '../env.js';
import { assertStorableInstant, Key, readJson } from '../input.js';
import { readBom, readBoolean, readFileType, readSeparator, readTimeZone } from '../params.js';
import { attachment, streamResponse } from '../stream.js';
import { addressedAgents } from './session-scope.js';

const SESSION = 'chat session';
/** The variable getTranscriptByRequestIdVariable_1 finds a session by. */
const REQUEST_ID_VARIABLE = 'requestId';
const TagList = z.array(Key).max(1000);

// core names the fields of a SessionQuery; the caller sent the platform's query parameters.
const WIRE_FIELDS: Record<string, string> = {
  'search.term': 'searchTerm',
  'search.mode': 'isRegex',
  'search.variable': 'searchVariable',
  range: 'startDate',
  agents: 'tenantsFilter',
  deployments: 'deploymentIds',
  csatStatuses: 'csatSurveysStatuses',
  lastActivityBefore: 'lastInteractionLessThan',
};

/**
 * Checks a query before any work starts (e.g. refuses a regex RE2 cannot run, or a range the store cannot hold),
 * reporting the wire parameter.
 *
 * @example
 * ```ts
 * assertQueryCompiles(sessionQueryFromParams(params).query); // throws ObservatoryInputError naming e.g. startDate
 * ```
 */
export function assertQueryCompiles(query: SessionQuery): void {
  if (query.range) {
    assertStorableInstant(query.range.from, 'startDate');
    assertStorableInstant(query.range.to, 'endDate');
  }
  if (query.lastActivityBefore !== undefined)
    assertStorableInstant(query.lastActivityBefore, 'lastInteractionLessThan');
  try {
    compileSessionQuery(query);
  } catch (error) {
    if (error instanceof ObservatoryInputError && WIRE_FIELDS[error.field] !== undefined) {
      throw new ObservatoryInputError(
        WIRE_FIELDS[error.field] ?? error.field,
        error.expected,
        error.received,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** The query of a request, narrowed to the agents the token may read. */
function scopedQuery(scope: Scope, query: SessionQuery): SessionQuery {
  const agents = scopedAgents(scope, query.agents);
  return agents === undefined ? query : { ...query, agents };
}

/** The `include…` parameters; each part defaults to `whole` (false on the published routes that take them). */
function includes(params: URLSearchParams, whole = false) {
  // The tenant is always part of a session as stored; the parameter is accepted (and checked) for the platform.
  readBoolean(params, 'includeTenant', false);
  return {
    includeMessages: readBoolean(params, 'includeMessages', whole),
    includeLiveChats: readBoolean(params, 'includeLiveChats', whole),
    includeSummary: readBoolean(params, 'includeSummary', false),
  };
}

/**
 * Reads the one session of id `id` the request addresses (among the token's agents, narrowed by the `tenantId`
 * query parameter of `params`; see `addressedAgents`), or throws NotFoundError; AmbiguousSessionError (409) when
 * several of those agents hold the id.
 *
 * @example
 * ```ts
 * const session = await visibleSession(store, scope, 'session-1', new URL(c.req.url).searchParams);
 * ```
 */
export async function visibleSession(
  store: ObservatoryStore,
  scope: Scope,
  id: string,
  params: URLSearchParams,
): Promise<Session> {
  const session = await store.getSession(scope.organizationId, id, addressedAgents(scope, params));
  if (session === undefined) throw new NotFoundError(SESSION, id);
  return session;
}

/**
 * The checks of {@link visibleSession} for a write that needs nothing else: reads the session's agent, not the
 * session, and returns it: the write then addresses that agent's session only.
 *
 * @example
 * ```ts
 * const agentId = await requireVisibleSessionAgent(store, scope, c.req.param('id'), params);
 * await store.appendMessages(scope.organizationId, c.req.param('id'), messages, [agentId]);
 * ```
 */
export async function requireVisibleSessionAgent(
  store: ObservatoryStore,
  scope: Scope,
  id: string,
  params: URLSearchParams,
): Promise<string> {
  const agentId = await store.getSessionAgent(scope.organizationId, id, addressedAgents(scope, params));
  if (agentId === undefined) throw new NotFoundError(SESSION, id);
  return agentId;
}

/**
 * The spec's `uuid` filter: the sessions with that id (one per agent holding it, among the query's agents) that
 * also match the rest of the (scoped) query, by agent. An empty agent list (a token scoped away from every
 * requested agent) matches nothing.
 */
async function listById(
  store: ObservatoryStore,
  orgId: string,
  id: string,
  query: SessionQuery,
  request: { page: number; pageSize: number },
): Promise<Page<Session>> {
  let held: Array<Session | undefined>;
  try {
    held = [await store.getSession(orgId, id, query.agents)];
  } catch (error) {
    // A list names every holder: the error says which agents' sessions hold the id.
    if (!(error instanceof AmbiguousSessionError)) throw error;
    held = await Promise.all(error.agents.map((agent) => store.getSession(orgId, id, [agent])));
  }
  const hits = held.filter(
    (session): session is Session => session !== undefined && matchesSessionQuery(session, query),
  );
  const start = request.page * request.pageSize;
  const items = hits.slice(start, start + request.pageSize);
  return { items, page: request.page, pageSize: request.pageSize, total: hits.length };
}

/**
 * One page of the session list for the platform's query parameters, within the token's scope: what
 * `GET /organizations/{orgId}/chat-sessions` answers and the Chat Sessions page shows (`uuid` narrows to one id).
 *
 * @example
 * ```ts
 * const page = await listSessionPage(store, scope, new URLSearchParams('tenantsFilter=faq-bot&pageSize=20'));
 * ```
 */
export async function listSessionPage(
  store: ObservatoryStore,
  scope: Scope,
  params: URLSearchParams,
): Promise<Page<Session>> {
  const { query, page } = sessionQueryFromParams(params);
  assertQueryCompiles(query);
  const uuid = params.get('uuid');
  const scoped = scopedQuery(scope, query);
  return uuid
    ? listById(store, scope.organizationId, uuid, scoped, page)
    : store.listSessions(scope.organizationId, scoped, page);
}

/**
 * Replaces the tags of a session the token may see (the one `params`' `tenantId` chooses, see
 * {@link visibleSession}): what `PATCH …/chat-sessions/{id}/tags` and the detail page's tag buttons do. Throws a
 * ZodError for a tag that is not 1 to 128 characters (or more than 1000 tags).
 *
 * @example
 * ```ts
 * const updated = await replaceSessionTags(store, scope, 'session-1', ['billing'], new URLSearchParams('tenantId=faq-bot'));
 * ```
 */
export async function replaceSessionTags(
  store: ObservatoryStore,
  scope: Scope,
  id: string,
  tags: unknown,
  params: URLSearchParams,
): Promise<Session> {
  const list = TagList.parse(tags);
  const agentId = await requireVisibleSessionAgent(store, scope, id, params);
  return store.setTags(scope.organizationId, id, list, [agentId]);
}

/**
 * Exports sessions in the requested `fileType`: `txt` (readable transcripts, the default), `csv` (with
 * `separator`, and a UTF-8 BOM unless `bom=false`) or `xlsx` (a local-server extension). exceljs is loaded only
 * when an xlsx is asked for.
 *
 * @example
 * ```ts
 * return exportSessions([session], new URL(c.req.url).searchParams, `chat-session-${session.id}`);
 * ```
 */
export async function exportSessions(
  sessions: AsyncIterable<Session> | Session[],
  params: URLSearchParams,
  name: string,
) {
  const fileType = readFileType(params, ['txt', 'csv', 'xlsx'], 'txt');
  const separator = readSeparator(params);
  const timeZone = readTimeZone(params, false) ?? 'UTC';
  const bom = readBom(params);
  if (fileType === 'csv') {
    return streamResponse(sessionsToCsv(sessions, { separator, timeZone, bom }), {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(`${name}.csv`),
    });
  }
  if (fileType === 'xlsx') {
    const { sessionsToXlsx } = await import('@observatory/core/xlsx');
    return streamResponse(sessionsToXlsx(sessions, { timeZone }), {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': attachment(`${name}.xlsx`),
    });
  }
  return streamResponse(sessionsToText(sessions, { timeZone }), {
    'content-type': 'text/plain; charset=utf-8',
    'content-disposition': attachment(`${name}.txt`),
  });
}

/**
 * One session by id, the same on the organization's path and the published `/chat-sessions` path:
 * `GET /export/:id`, the session as a file (`exportById_3`, `exportById_4`), and `GET /:id`, the session as JSON
 * with the `include…` parts asked for (`get_21`, `get_30`). A session outside the token's scope is absent (404);
 * `tenantId` chooses among the agents holding the id.
 *
 * @example
 * ```ts
 * app.route('/', oneSessionRoutes(store)); // inside a router mounted at …/chat-sessions
 * ```
 */
export function oneSessionRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/export/:id', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const session = await visibleSession(store, c.get('scope'), c.req.param('id'), params);
    return exportSessions([session], params, `chat-session-${session.id}`);
  });
  app.get('/:id', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const session = await visibleSession(store, c.get('scope'), c.req.param('id'), params);
    return c.json(sessionToWire(session, includes(params)));
  });
  return app;
}

/**
 * The platform's chat-session read paths: list (every filter of the spec), export of all matching and of one,
 * get with includes, messages, and tags PATCH.
 *
 * @example
 * ```ts
 * app.route('/organizations/:orgId/chat-sessions', sessionRoutes(store));
 * ```
 */
export function sessionRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const options = includes(params);
    const result = await listSessionPage(store, c.get('scope'), params);
    return c.json({ ...result, items: result.items.map((session) => sessionToWire(session, options)) });
  });

  // Registered before `/:id` so that "export" is never taken for a session id.
  app.get('/export', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const { query } = sessionQueryFromParams(params);
    const scope = c.get('scope');
    const scoped = scopedQuery(scope, query);
    assertQueryCompiles(scoped); // a 400 before the download starts, not a broken stream
    // An export may lag the last writes: it reads the replica when there is one.
    return exportSessions(
      store.replica.streamSessions(scope.organizationId, scoped),
      params,
      'chat-sessions',
    );
  });

  // `listBySubscriberHandle_1`: the sessions of one contact, `tenantIds` narrowing the agents (repeated or
  // comma-separated); paged and sorted as the list, whose other filters it also takes. It publishes no
  // `include…` parameter, so sessions come with their messages and live chats unless one (a local extension) says
  // otherwise.
  app.get('/subscribers/handle/:handle', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const { query, page } = sessionQueryFromParams(params);
    const tenantIds = params
      .getAll('tenantIds')
      .flatMap((value) => value.split(','))
      .filter((id) => id !== '');
    for (const id of tenantIds)
      if (!Key.safeParse(id).success)
        throw new ObservatoryInputError('tenantIds', 'agent ids of 1 to 128 characters', id);
    if (tenantIds.length > 0)
      query.agents =
        query.agents === undefined ? tenantIds : query.agents.filter((a) => tenantIds.includes(a));
    query.contactId = c.req.param('handle');
    assertQueryCompiles(query);
    const scope = c.get('scope');
    const result = await store.listSessions(scope.organizationId, scopedQuery(scope, query), page);
    const options = includes(params, true);
    return c.json({ ...result, items: result.items.map((session) => sessionToWire(session, options)) });
  });

  // `getTranscriptByRequestIdVariable_1`: the transcript of the session whose variable `requestId` holds the
  // path's value exactly (as core's variable search reads variables); the newest such session the token may see.
  // Registered before `/:id/messages`, as `/export/:id` is: a session whose id is "transcript" cannot be read
  // through getMessages_1.
  app.get('/transcript/:requestId', async (c) => {
    const requestId = c.req.param('requestId');
    const scope = c.get('scope');
    const query = scopedQuery(scope, {
      search: { term: requestId, mode: 'plain', variable: REQUEST_ID_VARIABLE },
    });
    for await (const session of store.streamSessions(scope.organizationId, query)) {
      if (holdsVariable(session, REQUEST_ID_VARIABLE, requestId)) return c.json(sessionToTranscript(session));
    }
    throw new NotFoundError('chat session with the requestId variable', requestId);
  });

  app.route('/', oneSessionRoutes(store));

  // The published spec answers this path with a ChatSessionDto (the session carrying its messages), not a bare list.
  app.get('/:id/messages', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const session = await visibleSession(store, c.get('scope'), c.req.param('id'), params);
    return c.json(
      sessionToWire(session, { includeMessages: true, includeLiveChats: false, includeSummary: false }),
    );
  });

  app.patch('/:id/tags', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const body = await readJson(c);
    const updated = await replaceSessionTags(store, c.get('scope'), c.req.param('id'), body, params);
    return c.json(sessionToWire(updated, { includeMessages: false }));
  });

  return app;
}
