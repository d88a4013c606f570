import { ObservatoryInputError } from '@observatory/core';
import { scopedAgents } from '../auth.js';
import type { Scope } from '../env.js';
import { Key } from '../input.js';

/**
 * The agents whose sessions a by-id session request may resolve to: the token's (every agent of the organization
 * for an organization-wide token), narrowed to the one named by the `tenantId` query parameter when sent (a
 * local extension every by-id session route accepts). Session ids are unique per agent, so an organization-wide
 * token meets an id two agents hold: the store then answers 409 naming them, and `tenantId` chooses one. An
 * agent outside the token's scope leaves no agent, and the session is absent (404), as an unknown one is.
 *
 * @example
 * ```ts
 * const agents = addressedAgents(scope, new URL(c.req.url).searchParams);
 * const session = await store.getSession(scope.organizationId, 'session-1', agents);
 * ```
 */
export function addressedAgents(scope: Scope, params: URLSearchParams): string[] | undefined {
  const tenantId = params.get('tenantId');
  if (tenantId === null || tenantId === '') return scopedAgents(scope, undefined);
  if (!Key.safeParse(tenantId).success)
    throw new ObservatoryInputError('tenantId', 'an agent id of 1 to 128 characters', tenantId);
  return scopedAgents(scope, [tenantId]);
}
