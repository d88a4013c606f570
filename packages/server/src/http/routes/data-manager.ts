import {
  ObservatoryInputError,
  traceStepToWire,
  type VariableSnapshot,
  variableSnapshotToWire,
} from '@observatory/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import type { ObservatoryStore } from '../../store/store.js';
import { scopedAgents } from '../auth.js';
import type { ServerEnv } from '../env.js';
import { Key, readJson } from '../input.js';
import { MAX_BATCH } from './session-bodies.js';
import { addressedAgents } from './session-scope.js';

/** Most steps `GET /orgs/{orgId}/interactions` returns (newest first): the platform lists without paging. */
const MAX_INTERACTIONS = 1000;

function readSort(params: URLSearchParams): 'asc' | 'desc' {
  const sort = (params.get('sort') || 'ASC').toUpperCase();
  if (sort !== 'ASC' && sort !== 'DESC')
    throw new ObservatoryInputError('sort', 'ASC or DESC', params.get('sort'));
  return sort === 'ASC' ? 'asc' : 'desc';
}

/**
 * The snapshot that holds the variables "up to" a message: the one taken for it, else the latest one taken for
 * an earlier message of the transcript.
 */
function snapshotUpTo(
  messages: readonly { id: string }[],
  snapshots: readonly VariableSnapshot[],
  messageId: string,
): VariableSnapshot | undefined {
  const position = new Map(messages.map((m, index) => [m.id, index]));
  const target = position.get(messageId) ?? -1;
  let best: { snapshot: VariableSnapshot; index: number } | undefined;
  for (const snapshot of snapshots) {
    const index = snapshot.messageId === null ? undefined : position.get(snapshot.messageId);
    if (index === undefined || index > target) continue;
    if (best === undefined || index > best.index) best = { snapshot, index };
  }
  return best?.snapshot;
}

/**
 * hbf-data-manager's read paths: the organization's interaction log, the steps of one event (user message)
 * and the session variables as they stood after it.
 *
 * @example
 * ```ts
 * app.route('/orgs/:orgId', dataManagerRoutes(store));
 * ```
 */
export function dataManagerRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/interactions', async (c) => {
    const scope = c.get('scope');
    const options = { order: 'desc' as const, limit: MAX_INTERACTIONS };
    const agents = scopedAgents(scope, undefined);
    const steps = await store.listInteractions(
      scope.organizationId,
      agents ? { ...options, agents } : options,
    );
    return c.json(steps.map((step) => traceStepToWire(step, step.sessionId)));
  });

  app.get('/events/:hbfEventId/interactions', async (c) => {
    const scope = c.get('scope');
    const order = readSort(new URL(c.req.url).searchParams);
    const messageId = c.req.param('hbfEventId');
    const agents = scopedAgents(scope, undefined);
    const options = { messageId, order, limit: MAX_INTERACTIONS };
    const steps = await store.listInteractions(
      scope.organizationId,
      agents ? { ...options, agents } : options,
    );
    return c.json({ items: steps.map((step) => traceStepToWire(step, step.sessionId)) });
  });

  app.get('/events/:hbfEventId/session-variables', async (c) => {
    const scope = c.get('scope');
    const messageId = c.req.param('hbfEventId');
    // Only the sessions the token may read are searched: another agent's message of the same id is not there.
    const session = await store.findSessionByMessage(
      scope.organizationId,
      messageId,
      scopedAgents(scope, undefined),
    );
    if (session === undefined) throw new NotFoundError('event', messageId);
    const snapshot = snapshotUpTo(session.messages, session.variableSnapshots, messageId) ?? {
      messageId,
      takenAt: session.createdAt,
      variables: {},
    };
    return c.json(variableSnapshotToWire(snapshot, session.id, messageId));
  });

  return app;
}

/** The published `BulkDeleteSessionsDto`: the sessions whose interaction logs go, at most a batch of them. */
const BulkDeleteSessions = z.looseObject({ sessionIds: z.array(Key).max(MAX_BATCH) });

/**
 * hbf-data-manager's delete paths (mounted under `/chat-sessions`): the interaction log of one session
 * (`InteractionsDeleteController_deleteSessionInteractions`) or of many
 * (`InteractionsDeleteController_bulkDeleteSessionInteractions`). The sessions stay. Both answer 202, the
 * platform's "deletion scheduled", once the steps are gone; a session unknown, or of an agent outside an
 * agent-scoped token, is skipped as if it did not exist. An id several of the token's agents hold is a 409 naming
 * them (nothing deleted); `tenantId` chooses one.
 *
 * @example
 * ```ts
 * app.route('/chat-sessions', interactionDeleteRoutes(store));
 * ```
 */
export function interactionDeleteRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.post('/interactions/bulk-delete', async (c) => {
    const { sessionIds } = BulkDeleteSessions.parse(await readJson(c));
    const scope = c.get('scope');
    const agents = addressedAgents(scope, new URL(c.req.url).searchParams);
    await store.deleteInteractions(scope.organizationId, sessionIds, agents);
    return c.body(null, 202);
  });

  app.delete('/:sessionId/interactions', async (c) => {
    const scope = c.get('scope');
    const sessionId = c.req.param('sessionId');
    const agents = addressedAgents(scope, new URL(c.req.url).searchParams);
    await store.deleteInteractions(scope.organizationId, [sessionId], agents);
    return c.body(null, 202);
  });

  return app;
}
