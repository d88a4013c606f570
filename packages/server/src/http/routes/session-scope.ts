import type { Session } from '@observatory/core';
import { ConflictError } from '../../errors.js';
import type { ObservatoryStore } from '../../store/store.js';
import type { Scope } from '../env.js';

/**
 * The one answer to a write that would create a session under an id some session of the organization already
 * holds where the route cannot merge into it: a 409 on `id` naming nothing but the rule. It is the same whoever's
 * session holds the id (the caller's own or one outside its scope), so a scoped token learns that the id is taken
 * and nothing more (not the agent, the session or any of its data).
 *
 * @example
 * ```ts
 * if (exists && stored === undefined) throw sessionIdTaken();
 * ```
 */
export function sessionIdTaken(): ConflictError {
  return new ConflictError('id', 'an id no chat session has yet');
}

/**
 * The stored session under `id` when the token may see it; a session of an agent outside the token's scope is
 * `session: undefined` too, told apart only by `exists` (for {@link sessionIdTaken}).
 *
 * @example
 * ```ts
 * const { exists, session } = await visibleOrNone(store, scope, 'session-1');
 * ```
 */
export async function visibleOrNone(
  store: ObservatoryStore,
  scope: Scope,
  id: string,
): Promise<{ exists: boolean; session: Session | undefined }> {
  const session = await store.getSession(scope.organizationId, id);
  if (session === undefined) return { exists: false, session: undefined };
  const visible = scope.agents === undefined || scope.agents.includes(session.agentId);
  return { exists: true, session: visible ? session : undefined };
}
