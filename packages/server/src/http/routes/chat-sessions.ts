import { randomUUID } from 'node:crypto';
import {
  ChatSessionBatchSetStatusCompletedDto,
  ObservatoryInputError,
  type Session,
  sessionFromWire,
  sessionQueryFromParams,
  sessionToWire,
} from '@observatory/core';
import { type Handler, Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import type { ObservatoryStore } from '../../store/store.js';
import { requireWritable, scopedAgents } from '../auth.js';
import type { ServerEnv } from '../env.js';
import { Key, readJson, StorableDateTime } from '../input.js';
import { readBoolean } from '../params.js';
import {
  MAX_BATCH,
  MessageBody,
  messagesFromWire,
  SessionBody,
  snapshotFromMappings,
  VariableMappings,
} from './session-bodies.js';
import { addressedAgents } from './session-scope.js';
import { assertQueryCompiles, oneSessionRoutes, requireVisibleSessionAgent } from './sessions.js';

// The published bodies: a session names its agent (`tenantId`) and contact; a message its text and date.
const PublishedSession = SessionBody.extend({ tenantId: Key });
type PublishedSession = z.infer<typeof PublishedSession>;
const PublishedMessage = MessageBody.extend({ message: z.string(), date: StorableDateTime });
const PublishedMessages = z.array(PublishedMessage).min(1).max(MAX_BATCH);
const BatchComplete = ChatSessionBatchSetStatusCompletedDto.extend({ ids: z.array(Key).max(MAX_BATCH) });

/** A session read from a published body; `createdAt` defaults to `fallback` (the stored one, or now). */
function sessionFromBody(dto: PublishedSession, id: string, fallback: string | undefined): Session {
  const createdAt = dto.createdAt ?? dto.lastInteraction ?? fallback ?? new Date().toISOString();
  return sessionFromWire({ ...dto, id, createdAt });
}

/** The published `include…` parameters (default false); the tenant is always part of a stored session. */
function includes(params: URLSearchParams) {
  readBoolean(params, 'includeTenant', false);
  return {
    includeMessages: readBoolean(params, 'includeMessages', false),
    includeLiveChats: readBoolean(params, 'includeLiveChats', false),
  };
}

/** The body's `id`, which may only repeat the path's. */
function requirePathId(dto: PublishedSession, id: string): void {
  if (dto.id !== undefined && dto.id !== id)
    throw new ObservatoryInputError('id', `the id of the path (${JSON.stringify(id)})`, dto.id);
}

/**
 * The PATCH of one session, `update_31` (`/chat-sessions/{id}`) and `update_24`
 * (`/organizations/{orgId}/chat-sessions/{id}`) alike: the fields sent replace the stored ones, those left out
 * keep their value, messages are added by id (the store's one merge rule). A session the token may not see is a
 * 404; a `tenantId` outside the token's agents a 403; another `tenantId` than the session's a 409 (the query's
 * `tenantId` chooses among the agents holding the id).
 */
function updateHandler(store: ObservatoryStore): Handler<ServerEnv> {
  return async (c) => {
    const id = c.req.param('id') ?? '';
    const dto = PublishedSession.parse(await readJson(c));
    requirePathId(dto, id);
    const scope = c.get('scope');
    const agentId = await requireVisibleSessionAgent(store, scope, id, new URL(c.req.url).searchParams);
    requireWritable(scope, dto.tenantId);
    const updated = await store.updateSession(
      scope.organizationId,
      id,
      (stored) => sessionFromBody({ ...sessionToWire(stored), ...dto }, id, stored.createdAt),
      [agentId],
    );
    return c.json(sessionToWire(updated), 200);
  };
}

/**
 * `update_24` (`PATCH /organizations/{orgId}/chat-sessions/{id}`): the organization's path to the PATCH of
 * `update_31`, with the same body, rules and answer.
 *
 * @example
 * ```ts
 * app.route('/organizations/:orgId/chat-sessions', organizationSessionUpdateRoutes(store));
 * ```
 */
export function organizationSessionUpdateRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  return new Hono<ServerEnv>().patch('/:id', updateHandler(store));
}

/**
 * The published chat-session routes of hbf-core (`/chat-sessions`, the organization being the token's): list
 * (`list_33`), create (`create_31`), get (`get_30`), upsert (`upsert_1`), update (`update_31`), delete (`delete_27`), messages
 * (`addMessage`, `addMessages`), variables (`addVariables`) and `batchSetStatusCompleted`. Each write goes
 * through the store's one merge rule (messages and snapshots by id). Session ids are unique per agent: a create
 * or upsert addresses the body's agent's session only (409 on an id that agent already holds, for a create), and
 * a session of an agent outside an agent-scoped token is answered as absent (404), and skipped by the batch. The
 * by-id paths take `tenantId` to choose among the agents holding an id (else a 409 naming them).
 *
 * @example
 * ```ts
 * app.route('/chat-sessions', chatSessionRoutes(store));
 * ```
 */
export function chatSessionRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.post('/', async (c) => {
    const dto = PublishedSession.parse(await readJson(c));
    const scope = c.get('scope');
    const session = sessionFromBody(dto, dto.id ?? randomUUID(), undefined);
    requireWritable(scope, session.agentId);
    const created = await store.createSession(scope.organizationId, session);
    return c.json(sessionToWire(created), 201);
  });

  // The published filters (`tenantId`, `status`, `lastInteractionLessThan`) and, as local extensions, every filter
  // of the organization's list; a page as that list answers (the spec types the answer as one session).
  app.get('/', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const { query, page } = sessionQueryFromParams(params);
    const tenantId = params.get('tenantId');
    if (tenantId !== null && tenantId !== '') {
      if (!Key.safeParse(tenantId).success)
        throw new ObservatoryInputError('tenantId', 'an agent id of 1 to 128 characters', tenantId);
      query.agents = query.agents === undefined ? [tenantId] : query.agents.filter((a) => a === tenantId);
    }
    assertQueryCompiles(query);
    const scope = c.get('scope');
    const agents = scopedAgents(scope, query.agents);
    const result = await store.listSessions(
      scope.organizationId,
      agents === undefined ? query : { ...query, agents },
      page,
    );
    const options = includes(params);
    return c.json({ ...result, items: result.items.map((session) => sessionToWire(session, options)) });
  });

  // Registered before `/:id` routes; a two-segment path never matches them anyway.
  app.patch('/batch/complete', async (c) => {
    const { ids } = BatchComplete.parse(await readJson(c));
    const scope = c.get('scope');
    const agents = addressedAgents(scope, new URL(c.req.url).searchParams);
    // Every id is resolved first: an id several agents hold (409) completes nothing.
    const found: Array<[string, string]> = [];
    for (const id of new Set(ids)) {
      const agentId = await store.getSessionAgent(scope.organizationId, id, agents);
      if (agentId !== undefined) found.push([id, agentId]);
    }
    for (const [id, agentId] of found) {
      await store
        .updateSession(scope.organizationId, id, (stored) => ({ ...stored, status: 'COMPLETED' }), [agentId])
        .catch((error: unknown) => {
          if (!(error instanceof NotFoundError)) throw error; // deleted meanwhile: nothing to complete
        });
    }
    return c.body(null, 204);
  });

  // `exportById_4` and `get_30`: one session, as the organization's path serves it.
  app.route('/', oneSessionRoutes(store));

  app.put('/:id', async (c) => {
    const id = c.req.param('id');
    const dto = PublishedSession.parse(await readJson(c));
    requirePathId(dto, id);
    const scope = c.get('scope');
    requireWritable(scope, dto.tenantId);
    // The body's agent's session of this id, created or merged into; other agents' are other sessions.
    const stored = await store.getSession(scope.organizationId, id, [dto.tenantId]);
    const session = sessionFromBody(dto, id, stored?.createdAt);
    const result = await store.upsertSession(scope.organizationId, session);
    return c.json(sessionToWire(result.session), 200);
  });

  app.patch('/:id', updateHandler(store));

  app.delete('/:id', async (c) => {
    const scope = c.get('scope');
    const id = c.req.param('id');
    const agents = addressedAgents(scope, new URL(c.req.url).searchParams);
    if (!(await store.deleteSession(scope.organizationId, id, agents)))
      throw new NotFoundError('chat session', id);
    return c.body(null, 204);
  });

  app.post('/:id/messages', async (c) => {
    const dto = PublishedMessage.parse(await readJson(c));
    const scope = c.get('scope');
    const id = c.req.param('id');
    const agents = addressedAgents(scope, new URL(c.req.url).searchParams);
    await store.appendMessages(scope.organizationId, id, messagesFromWire([dto], id), agents);
    return c.body(null, 204);
  });

  app.post('/:id/messages/batch', async (c) => {
    const dtos = PublishedMessages.parse(await readJson(c));
    const scope = c.get('scope');
    const id = c.req.param('id');
    const agents = addressedAgents(scope, new URL(c.req.url).searchParams);
    await store.appendMessages(scope.organizationId, id, messagesFromWire(dtos, id), agents);
    return c.body(null, 204);
  });

  // `hbfEventId` (a local extension, as on the ingest path) ties the snapshot to a user message; else final.
  app.post('/:id/variables', async (c) => {
    const mappings = VariableMappings.parse(await readJson(c));
    const scope = c.get('scope');
    const params = new URL(c.req.url).searchParams;
    const agents = addressedAgents(scope, params);
    const snapshot = snapshotFromMappings(mappings, params.get('hbfEventId'));
    await store.appendVariableSnapshot(scope.organizationId, c.req.param('id'), snapshot, agents);
    return c.body(null, 204);
  });

  return app;
}
