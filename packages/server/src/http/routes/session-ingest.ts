import {
  InteractionMetadataDto,
  ObservatoryInputError,
  type Session,
  sessionFromWire,
  sessionToWire,
  traceStepFromWire,
} from '@observatory/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { ConflictError } from '../../errors.js';
import type { ObservatoryStore } from '../../store/store.js';
import { requireWritable } from '../auth.js';
import type { ServerEnv } from '../env.js';
import { Key, readJson, StorableDateTime } from '../input.js';
import {
  MAX_BATCH,
  MessageBatch,
  MessageBody,
  messagesFromWire,
  SessionBody,
  snapshotFromMappings,
  VariableMappings,
} from './session-bodies.js';
import { addressedAgents } from './session-scope.js';
import { requireVisibleSessionAgent } from './sessions.js';

const InteractionStep = InteractionMetadataDto.extend({
  id: Key,
  hbfEventId: Key,
  timestamp: StorableDateTime,
});
const InteractionBatch = z.array(InteractionStep).min(1).max(MAX_BATCH);
// The session and, as a local extension, its interaction log (each step's `sessionId` the session's own, or
// absent), so a runtime records a finished conversation in one request and one transaction.
const SessionStep = InteractionStep.extend({ sessionId: Key.optional() });
const IngestSessionBody = SessionBody.extend({
  interactions: z.array(SessionStep).max(MAX_BATCH).optional(),
});
const TagOperationsBody = z
  .object({
    add: z.array(Key).max(1000).optional(),
    remove: z.array(Key).max(1000).optional(),
  })
  .refine((ops) => ops.add !== undefined || ops.remove !== undefined, {
    message: 'add or remove is required',
  });

const searchParams = (url: string) => new URL(url).searchParams;

/**
 * Write paths a runtime needs (local-server extensions of the platform API): upsert a session (a wire
 * `ChatSessionDto`, with its interaction log in `interactions` as hbf-data-manager's steps), append messages
 * (one or a batch), a variable snapshot, interaction-log steps and tag operations. Each request is validated whole
 * before anything is written, and written in one transaction. A session is its agent's: another agent's session
 * of the same id is neither merged into nor named; the by-id paths take `tenantId` to choose among the agents
 * holding an id.
 *
 * @example
 * ```ts
 * app.route('/organizations/:orgId/chat-sessions', sessionIngestRoutes(store));
 * ```
 */
export function sessionIngestRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.post('/', async (c) => {
    const { interactions = [], ...dto } = IngestSessionBody.parse(await readJson(c));
    const session = withSteps(sessionFromWire(dto), interactions);
    const scope = c.get('scope');
    requireWritable(scope, session.agentId);
    // The session of this agent and id (other agents' sessions of the id are other sessions, never looked at):
    // a new one is one INSERT; a stored one, or one created meanwhile by another request, is merged into.
    const created = await store.createSession(scope.organizationId, session).catch((error: unknown) => {
      if (error instanceof ConflictError) return undefined;
      throw error;
    });
    if (created !== undefined) return c.json(sessionToWire(created), 201);
    const result = await store.upsertSession(scope.organizationId, session);
    return c.json(sessionToWire(result.session), result.created ? 201 : 200);
  });

  app.post('/:id/messages', async (c) => {
    const dto = MessageBody.parse(await readJson(c));
    const scope = c.get('scope');
    const sessionId = c.req.param('id');
    const agentId = await requireVisibleSessionAgent(store, scope, sessionId, searchParams(c.req.url));
    const updated = await store.appendMessages(
      scope.organizationId,
      sessionId,
      messagesFromWire([dto], sessionId),
      [agentId],
    );
    return c.json(sessionToWire(updated), 201);
  });

  app.post('/:id/messages/batch', async (c) => {
    const dtos = MessageBatch.parse(await readJson(c));
    const scope = c.get('scope');
    const sessionId = c.req.param('id');
    const agentId = await requireVisibleSessionAgent(store, scope, sessionId, searchParams(c.req.url));
    const updated = await store.appendMessages(
      scope.organizationId,
      sessionId,
      messagesFromWire(dtos, sessionId),
      [agentId],
    );
    return c.json(sessionToWire(updated), 201);
  });

  // The platform's body is `[{ name, value }]`; `hbfEventId` ties the snapshot to a user message (else final).
  app.post('/:id/variables', async (c) => {
    const mappings = VariableMappings.parse(await readJson(c));
    const params = searchParams(c.req.url);
    const scope = c.get('scope');
    const sessionId = c.req.param('id');
    const agentId = await requireVisibleSessionAgent(store, scope, sessionId, params);
    const snapshot = snapshotFromMappings(mappings, params.get('hbfEventId'));
    await store.appendVariableSnapshot(scope.organizationId, sessionId, snapshot, [agentId]);
    return c.body(null, 204);
  });

  app.post('/:id/interactions', async (c) => {
    const body = await readJson(c);
    const dtos = InteractionBatch.parse(Array.isArray(body) ? body : [body]);
    const scope = c.get('scope');
    const sessionId = c.req.param('id');
    const params = searchParams(c.req.url);
    // Steps are stored under the session of the path; one claiming another session is refused, not moved
    // (after the 404 a session the token may not see gets).
    const stray = dtos.findIndex((dto) => dto.sessionId !== sessionId);
    if (stray >= 0) {
      await requireVisibleSessionAgent(store, scope, sessionId, params);
      throw new ObservatoryInputError(`${stray}.sessionId`, `the session of the path (${sessionId})`);
    }
    const steps = dtos.map((dto) => traceStepFromWire(dto));
    // The existence and scope checks are part of the store's one statement.
    const agents = addressedAgents(scope, params);
    const inserted = await store.appendInteractions(scope.organizationId, sessionId, steps, agents);
    return c.json({ received: steps.length, inserted }, 201);
  });

  app.post('/:id/tags', async (c) => {
    const operations = TagOperationsBody.parse(await readJson(c));
    const scope = c.get('scope');
    const sessionId = c.req.param('id');
    const agentId = await requireVisibleSessionAgent(store, scope, sessionId, searchParams(c.req.url));
    const updated = await store.applyTagOperations(scope.organizationId, sessionId, operations, [agentId]);
    return c.json(sessionToWire(updated, { includeMessages: false }));
  });

  return app;
}

/** The session with the steps of its body's `interactions`; a step naming another session is refused. */
function withSteps(session: Session, steps: readonly z.infer<typeof SessionStep>[]): Session {
  const stray = steps.findIndex((step) => step.sessionId !== undefined && step.sessionId !== session.id);
  if (stray >= 0)
    throw new ObservatoryInputError(`interactions.${stray}.sessionId`, `the session's id (${session.id})`);
  if (steps.length === 0) return session;
  return {
    ...session,
    interactions: [
      ...session.interactions,
      ...steps.map((step) => traceStepFromWire({ ...step, sessionId: session.id })),
    ],
  };
}
