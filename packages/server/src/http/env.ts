/**
 * What a request may touch: its organization and, for an agent-scoped token, the agents.
 *
 * @example
 * ```ts
 * const scope: Scope = { organizationId: 'org-1', agents: ['faq-bot'] };
 * ```
 */
export interface Scope {
  readonly organizationId: string;
  /** Undefined: every agent of the organization. */
  readonly agents?: readonly string[] | undefined;
}

/**
 * Hono environment of the server: the authenticated scope of the request.
 *
 * @example
 * ```ts
 * import { createObservatoryServer, openStore, type ServerEnv } from '@observatory/server';
 * import type { Context } from 'hono';
 * const app = createObservatoryServer({
 *   store: await openStore('memory://'), auth: { tokens: [{ token: 'secret', organizationId: 'org-1' }] },
 * });
 * // Routes under /organizations/:orgId/ run after the bearer check, which sets the scope.
 * const whoami = (c: Context<ServerEnv>) => c.json(c.get('scope')); // { organizationId: 'org-1' }
 * app.get('/organizations/:orgId/whoami', whoami);
 * ```
 */
export interface ServerEnv {
  Variables: { scope: Scope };
}
