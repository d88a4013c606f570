import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { AuthError, NotFoundError } from '../errors.js';
import type { Scope, ServerEnv } from './env.js';

/**
 * A bearer token and what it may touch: one organization, and optionally only some of its agents.
 *
 * @example
 * ```ts
 * const grant: TokenGrant = { token: process.env.OBSERVATORY_TOKEN!, organizationId: 'acme', agents: ['faq-bot'] };
 * ```
 */
export interface TokenGrant {
  readonly token: string;
  readonly organizationId: string;
  /** Restricts the token to these agents (tenants); omitted = every agent of the organization. */
  readonly agents?: readonly string[];
}

/**
 * Authentication of the server: the accepted bearer tokens.
 *
 * @example
 * ```ts
 * const auth: AuthOptions = { tokens: [{ token: 'secret', organizationId: 'acme' }] };
 * ```
 */
export interface AuthOptions {
  readonly tokens: readonly TokenGrant[];
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The grant of a presented token, or undefined. Tokens are compared as SHA-256 digests with `timingSafeEqual`,
 * against every grant without an early exit, so response time does not reveal how much of a token matched.
 * The one token check of the API's bearer header and the pages' sign-in.
 *
 * @example
 * ```ts
 * const grantOf = tokenGrants({ tokens: [{ token: 'secret', organizationId: 'acme' }] });
 * grantOf('secret')?.organizationId; // 'acme'
 * ```
 */
export function tokenGrants(auth: AuthOptions): (token: string) => TokenGrant | undefined {
  const grants = auth.tokens.map((grant) => ({ grant, digest: digest(grant.token) }));
  return (token) => {
    const presented = digest(token);
    let found: TokenGrant | undefined;
    for (const candidate of grants) {
      if (timingSafeEqual(candidate.digest, presented) && found === undefined) found = candidate.grant;
    }
    return found;
  };
}

/**
 * Middleware checking the bearer token: a missing or unknown token is a 401; under `/:orgId`, a token of another
 * organization is a 403, and on a route without `:orgId` (the published `/chat-sessions`) the token's own
 * organization is the scope. A request without an `Authorization` header may instead be signed in through the
 * pages' cookie (`cookieGrant`), for GET and HEAD only: a write through the API always needs the bearer token.
 *
 * @example
 * ```ts
 * app.use('/organizations/:orgId/*', bearerScope({ tokens }));
 * ```
 */
export function bearerScope(
  auth: AuthOptions,
  cookieGrant?: (c: Context) => TokenGrant | undefined,
): MiddlewareHandler<ServerEnv> {
  const grantOf = tokenGrants(auth);
  return async (c, next) => {
    const header = c.req.header('authorization');
    const reads = c.req.method === 'GET' || c.req.method === 'HEAD';
    let found = header === undefined && reads ? cookieGrant?.(c) : undefined;
    if (found === undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
      if (!match?.[1]) throw new AuthError(401, 'Missing bearer token');
      found = grantOf(match[1]);
    }
    if (found === undefined) throw new AuthError(401, 'Invalid bearer token');
    // The published `/chat-sessions` routes name no organization: the token's is the one they act on.
    const orgId = c.req.param('orgId') ?? found.organizationId;
    if (orgId !== found.organizationId)
      throw new AuthError(403, 'The token may not access this organization');
    c.set('scope', { organizationId: found.organizationId, agents: found.agents });
    await next();
  };
}

/**
 * The agents a read may cover: the requested ones within the token's scope (possibly none).
 *
 * @example
 * ```ts
 * scopedAgents({ organizationId: 'o', agents: ['a'] }, ['a', 'b']); // ['a']
 * ```
 */
export function scopedAgents(scope: Scope, requested: readonly string[] | undefined): string[] | undefined {
  if (scope.agents === undefined) return requested === undefined ? undefined : [...requested];
  if (requested === undefined) return [...scope.agents];
  const allowed = new Set(scope.agents);
  return requested.filter((agent) => allowed.has(agent));
}

/**
 * Hides a resource of an agent outside the scope: answered as "not found", so ids cannot be probed.
 *
 * @example
 * ```ts
 * requireVisible(scope, session.agentId, 'chat session', session.id);
 * ```
 */
export function requireVisible(scope: Scope, agentId: string, resource: string, id: string): void {
  if (scope.agents !== undefined && !scope.agents.includes(agentId)) throw new NotFoundError(resource, id);
}

/**
 * Refuses a write that would create data for an agent outside the scope.
 *
 * @example
 * ```ts
 * requireWritable(scope, report.agentId);
 * ```
 */
export function requireWritable(scope: Scope, agentId: string): void {
  if (scope.agents !== undefined && !scope.agents.includes(agentId)) {
    throw new AuthError(403, 'The token may not write data of this agent');
  }
}
