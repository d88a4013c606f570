import { Hono, type MiddlewareHandler } from 'hono';
import type { AuthOptions } from '../http/auth.js';
import { tokenGrants } from '../http/auth.js';
import type { ObservatoryStore } from '../store/store.js';
import { analyticsPage } from './analytics-page.js';
import { favicon, pageAssets } from './assets.js';
import type { PageEnv } from './env.js';
import { csrfToken, pageHeaders, sameOrigin, signedIn } from './guard.js';
import { loginRoutes } from './login.js';
import { missedDetailsPage } from './missed-details-page.js';
import { missedQuestionsPage } from './missed-page.js';
import { errorPage } from './render.js';
import { sessionPage } from './session-page.js';
import { sessionsPage } from './sessions-page.js';
import type { WebSessions } from './web-sessions.js';

export { WebSessions } from './web-sessions.js';

/**
 * Options of {@link webPages}.
 *
 * @example
 * ```ts
 * const options: WebPagesOptions = { store, auth, sessions: new WebSessions(), queue };
 * ```
 */
export interface WebPagesOptions {
  readonly store: ObservatoryStore;
  readonly auth: AuthOptions;
  /** The signed-in browsers, shared with the API's cookie check. */
  readonly sessions: WebSessions;
  /** The API's admission queue: pages wait in the same line for the store. */
  readonly queue: MiddlewareHandler;
  readonly onError?: ((error: unknown) => void) | undefined;
}

/**
 * The web pages (see CONTRACT.md): sign-in, Chat Sessions, Session detail, Missed Questions, Missed Question
 * details and Analytics, server-rendered on the API's own functions and token grants. Mount at `/`.
 *
 * @example
 * ```ts
 * app.route('/', webPages({ store, auth, sessions, queue }));
 * ```
 */
export function webPages(options: WebPagesOptions): Hono<PageEnv> {
  const { store, sessions } = options;
  const grantOf = tokenGrants(options.auth);
  const guard: MiddlewareHandler<PageEnv>[] = [pageHeaders, signedIn(sessions, grantOf), options.queue];
  const writeGuard = [...guard, sameOrigin, csrfToken];
  const app = new Hono<PageEnv>();
  app.onError((error, c) => errorPage(c, error, options.onError));
  app.route('/assets', pageAssets());
  app.get('/favicon.ico', favicon);
  app.route('/', loginRoutes(sessions, grantOf));
  app.route('/', sessionsPage(store, guard));
  app.route('/', sessionPage(store, guard, writeGuard));
  app.route('/', missedQuestionsPage(store, guard, writeGuard));
  app.route('/', missedDetailsPage(store, guard));
  app.route('/', analyticsPage(store, guard));
  return app;
}
