import type { MiddlewareHandler } from 'hono';
import { ObservatoryServerError } from '../errors.js';
import type { TokenGrant } from '../http/auth.js';
import type { PageEnv } from './env.js';
import { csrfMatches, setSessionCookie, type WebSessions } from './web-sessions.js';

/**
 * A write refused by the CSRF check: a cross-site origin or a form without the session's CSRF token.
 *
 * @example
 * ```ts
 * throw new CsrfRefusedError('the form carries no valid _csrf field');
 * ```
 */
export class CsrfRefusedError extends ObservatoryServerError {
  override readonly name = 'CsrfRefusedError';
  constructor(message: string) {
    super(403, message);
  }
}

/** The path and query of a URL: where to come back to after signing in (never another origin). */
function pathAndQuery(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/**
 * Middleware of every signed-in page: a `?token=` in the URL is exchanged for the session cookie by a redirect
 * that drops it; a request without a live session goes to `/login?next=…`; otherwise the session's scope is set.
 *
 * @example
 * ```ts
 * pages.get('/sessions', signedIn(sessions, tokenGrants(auth)), handler);
 * ```
 */
export function signedIn(
  sessions: WebSessions,
  grantOf: (token: string) => TokenGrant | undefined,
): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const token = url.searchParams.get('token');
    if (token !== null && c.req.method === 'GET') {
      url.searchParams.delete('token');
      const grant = grantOf(token);
      if (grant === undefined)
        return c.redirect(`/login?${new URLSearchParams({ next: pathAndQuery(url), refused: '1' })}`, 303);
      setSessionCookie(c, sessions.open(grant));
      return c.redirect(pathAndQuery(url), 303);
    }
    const web = sessions.fromRequest(c);
    if (web === undefined)
      return c.redirect(`/login?${new URLSearchParams({ next: pathAndQuery(url) })}`, 303);
    c.set('web', web);
    c.set('scope', { organizationId: web.grant.organizationId, agents: web.grant.agents });
    await next();
  };
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined; // `null` (a sandboxed or privacy-sensitive context) is never this host
  }
}

/**
 * Refuses a request sent from another site: an `Origin` that is not this host, or `Sec-Fetch-Site` saying
 * cross-site. The first half of the CSRF check of every form post (sign-in included).
 *
 * @example
 * ```ts
 * pages.post('/login', sameOrigin, handler);
 * ```
 */
export const sameOrigin: MiddlewareHandler = async (c, next) => {
  const origin = c.req.header('origin');
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  if (origin !== undefined && originHost(origin) !== host)
    throw new CsrfRefusedError(`The form was sent from another origin (${origin})`);
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new CsrfRefusedError(`The form was sent from another site (${site})`);
  await next();
};

/**
 * The second half of the CSRF check of a signed-in form post: the form's `_csrf` field must be the session's
 * CSRF token. Run after {@link signedIn} and {@link sameOrigin}.
 *
 * @example
 * ```ts
 * pages.post('/sessions/:id/tags', signedIn(sessions, grantOf), sameOrigin, csrfToken, handler);
 * ```
 */
export const csrfToken: MiddlewareHandler<PageEnv> = async (c, next) => {
  const form = await c.req.parseBody();
  const presented = form._csrf;
  if (typeof presented !== 'string' || !csrfMatches(c.get('web'), presented))
    throw new CsrfRefusedError('The form carries no valid _csrf field: reload the page and try again');
  await next();
};

/**
 * Headers of every page: no caching, no framing, no referrer to other sites, and a content security policy that allows only
 * this origin's stylesheet and script.
 *
 * @example
 * ```ts
 * pages.use('/sessions', pageHeaders);
 * ```
 */
export const pageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('cache-control', 'no-store');
  // Not `no-referrer`: with it Chromium sends `Origin: null` on a form post, which sameOrigin must refuse.
  c.header('referrer-policy', 'same-origin');
  c.header('x-content-type-options', 'nosniff');
  c.header(
    'content-security-policy',
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
};

/**
 * Where a form goes back to: its `back` (or `next`) field when it is a local path, else `fallback` — never
 * `//host` or another origin.
 *
 * @example
 * ```ts
 * localBack('/sessions?preset=today', '/sessions'); // '/sessions?preset=today'
 * localBack('//evil.example', '/sessions'); // '/sessions'
 * ```
 */
export function localBack(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}
