import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenGrant } from '../http/auth.js';

/** Name of the pages' cookie: it holds a random session id, never the token. */
const SESSION_COOKIE = 'observatory_session';

/** How long a sign-in lasts without being renewed. */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * One signed-in browser: the grant of the token it signed in with and the CSRF token its forms carry.
 *
 * @example
 * ```ts
 * const web: WebSession = { id: 'r4nd0m', grant: { token: 't', organizationId: 'acme' }, csrf: 'c5rf', expiresAt: Date.now() + 60_000 };
 * ```
 */
export interface WebSession {
  readonly id: string;
  readonly grant: TokenGrant;
  readonly csrf: string;
  readonly expiresAt: number;
}

const randomId = () => randomBytes(32).toString('base64url');

/**
 * The signed-in browsers of one server, in memory: a restart signs everyone out.
 *
 * @example
 * ```ts
 * const sessions = new WebSessions();
 * const web = sessions.open({ token: 't', organizationId: 'acme' });
 * sessions.find(web.id)?.grant.organizationId; // 'acme'
 * ```
 */
export class WebSessions {
  readonly #sessions = new Map<string, WebSession>();
  readonly #now: () => number;

  /** @param now the clock, in ms since the epoch. */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Starts a session for a grant, forgetting the expired ones. */
  open(grant: TokenGrant): WebSession {
    const now = this.#now();
    for (const [id, session] of this.#sessions) if (session.expiresAt <= now) this.#sessions.delete(id);
    const session = { id: randomId(), grant, csrf: randomId(), expiresAt: now + SESSION_TTL_MS };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session of that id, or undefined. */
  find(id: string | undefined): WebSession | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined || session.expiresAt <= this.#now()) return undefined;
    return session;
  }

  /** Ends a session (signing out). */
  close(id: string): void {
    this.#sessions.delete(id);
  }

  /** The session a request's cookie names, or undefined. */
  fromRequest(c: Context): WebSession | undefined {
    return this.find(getCookie(c, SESSION_COOKIE));
  }
}

/** Whether the request came over https (the cookie is then `Secure`). */
function overHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * Sets the session cookie: `HttpOnly`, `SameSite=Strict`, `Path=/`, and `Secure` over https.
 *
 * @example
 * ```ts
 * setSessionCookie(c, sessions.open(grant));
 * ```
 */
export function setSessionCookie(c: Context, session: WebSession): void {
  setCookie(c, SESSION_COOKIE, session.id, {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: overHttps(c),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

/**
 * Clears the session cookie (signing out).
 *
 * @example
 * ```ts
 * clearSessionCookie(c);
 * ```
 */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: overHttps(c) });
}

/**
 * Whether a form's `_csrf` value is the session's CSRF token (compared in constant time).
 *
 * @example
 * ```ts
 * if (!csrfMatches(web, String(form._csrf))) return c.text('Forbidden', 403);
 * ```
 */
export function csrfMatches(session: WebSession, presented: string): boolean {
  const expected = Buffer.from(session.csrf);
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
