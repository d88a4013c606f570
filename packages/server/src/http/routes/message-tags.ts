import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import type { ObservatoryStore } from '../../store/store.js';
import type { ServerEnv } from '../env.js';
import { Key, readJson } from '../input.js';
import { MAX_BATCH } from './session-bodies.js';

const MessageTags = z.array(Key).max(MAX_BATCH);

/**
 * hbf-core's `addMessageTags` (`POST /analytics/messages/{id}/tags`, the organization being the token's): adds
 * the tags to the message after its own, without duplicates, and answers 204. The message is looked up as the
 * hbf-data-manager routes look up a message id: in the earliest created session holding it, among the sessions
 * the token may see; a message of another agent is answered as absent (404).
 *
 * @example
 * ```ts
 * app.route('/analytics/messages', messageTagRoutes(store));
 * ```
 */
export function messageTagRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  return new Hono<ServerEnv>().post('/:id/tags', async (c) => {
    const tags = MessageTags.parse(await readJson(c));
    const scope = c.get('scope');
    const id = c.req.param('id');
    const session = await store.findSessionByMessage(scope.organizationId, id, scope.agents);
    if (session === undefined) throw new NotFoundError('chat session message', id);
    await store.addMessageTags(scope.organizationId, session.id, id, tags, [session.agentId]);
    return c.body(null, 204);
  });
}
