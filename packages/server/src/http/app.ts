import type { Context, Hono } from 'hono';
import { Hono as HonoApp } from 'hono';
import { StoreUnavailableError } from '../errors.js';
import { WebSessions, webPages } from '../pages/index.js';
import type { ObservatoryStore } from '../store/store.js';
import { type AdmissionLimits, admission, defaultAdmissionLimits } from './admission.js';
import { type AuthOptions, bearerScope } from './auth.js';
import type { ServerEnv } from './env.js';
import { bodySizeLimit, storableUrl } from './input.js';
import { openApiDocument } from './openapi.js';
import { pathIds } from './path-ids.js';
import { problem, problemResponse, toProblem } from './problem.js';
import { analyticsRoutes } from './routes/analytics.js';
import { chatSessionRoutes, organizationSessionUpdateRoutes } from './routes/chat-sessions.js';
import { dataManagerRoutes, interactionDeleteRoutes } from './routes/data-manager.js';
import { messageTagRoutes } from './routes/message-tags.js';
import { missedQuestionRoutes } from './routes/missed-questions.js';
import { sessionIngestRoutes } from './routes/session-ingest.js';
import { sessionRoutes } from './routes/sessions.js';
import { tagRoutes } from './routes/tags.js';

/**
 * Options of {@link createObservatoryServer}.
 *
 * @example
 * ```ts
 * const options: ObservatoryServerOptions = { store, auth: { tokens: [{ token: 'secret', organizationId: 'acme' }] } };
 * ```
 */
export interface ObservatoryServerOptions {
  /** Where data lives: see `openStore`. The server does not close it. */
  readonly store: ObservatoryStore;
  /** Accepted bearer tokens and their scopes. */
  readonly auth: AuthOptions;
  /**
   * Largest request body accepted, in bytes; larger ones get a 413 before they are read whole.
   * @default 1_048_576 (1 MiB)
   */
  readonly maxBodyBytes?: number;
  /**
   * Bounds of the queue in front of the store; past them a request is answered 503 with `Retry-After`.
   * @default defaultAdmissionLimits(store.engine): 10 at work on PostgreSQL, 2 on PGlite, reports 4 and 32 to a place; 64 waiting; 5 s of wait
   */
  readonly admission?: AdmissionLimits;
  /** Called with every error answered as a 500, e.g. to log it (not with a 503 of an unavailable store). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Default request-body limit: 1 MiB, enough for a batch of 1000 messages of typical size.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_BODY_BYTES } from '@observatory/server';
 * console.log(DEFAULT_MAX_BODY_BYTES); // 1048576
 * ```
 */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** Headers an error answer carries: the auth scheme on a 401, when to come back on a 503. */
/** A missed-question report (the platform's POST): the store batches these, so they share admission places. */
const REPORT_PATH = /^\/organizations\/[^/]+\/missed-questions\/?$/;
const isReport = (c: Context): boolean => c.req.method === 'POST' && REPORT_PATH.test(c.req.path);

function problemHeaders(error: unknown, status: number): Record<string, string> {
  if (status === 401) return { 'www-authenticate': 'Bearer' };
  if (error instanceof StoreUnavailableError) return { 'retry-after': String(error.retryAfterSeconds) };
  return {};
}

/**
 * Creates the Observatory HTTP API as a Hono app: the platform's paths for chat sessions, missed questions,
 * analytics and hbf-data-manager, ingest paths for runtimes, and `/openapi.json`. Serve it with
 * `@hono/node-server` (with `closeWhenAnsweredEarly`, as `startObservatoryServer` does), or call `app.request()`
 * in tests.
 *
 * @example
 * ```ts
 * import type { Server } from 'node:http';
 * import { serve } from '@hono/node-server';
 * import { closeWhenAnsweredEarly, createObservatoryServer, openStore } from '@observatory/server';
 * const store = await openStore('pglite://./observatory-data');
 * const app = createObservatoryServer({ store, auth: { tokens: [{ token: 'secret', organizationId: 'acme' }] } });
 * closeWhenAnsweredEarly(serve({ fetch: app.fetch, port: 4319, hostname: '127.0.0.1' }) as Server);
 * ```
 */
export function createObservatoryServer(options: ObservatoryServerOptions): Hono<ServerEnv> {
  const app = new HonoApp<ServerEnv>();
  const { store } = options;

  app.onError((error) => {
    const body = toProblem(error);
    if (body.status === 500) options.onError?.(error);
    return problemResponse(body, problemHeaders(error, body.status));
  });
  app.notFound((c) =>
    problemResponse(problem(404, `No route for ${c.req.method} ${new URL(c.req.url).pathname}`)),
  );

  app.use(
    '*',
    bodySizeLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, () =>
      problemResponse(problem(413, 'The request body is too large')),
    ),
  );

  app.use('*', pathIds());

  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/health', (c) => c.json({ status: 'ok', engine: store.engine }));

  // The web pages' signed-in browsers: the API also reads their cookie, for GET only (downloads).
  const webSessions = new WebSessions();
  const scope = bearerScope(options.auth, (c) => webSessions.fromRequest(c)?.grant);
  // One queue for every route that reads or writes the store, behind the token check.
  const queue = admission(options.admission ?? defaultAdmissionLimits(store.engine), isReport);
  app.use('/organizations/:orgId/*', scope, storableUrl(), queue);
  app.use('/orgs/:orgId/*', scope, storableUrl(), queue);
  app.use('/chat-sessions/*', scope, storableUrl(), queue);
  // Not `/analytics/*`: `/analytics` itself is the web page, signed in by its cookie.
  app.use('/analytics/messages/*', scope, storableUrl(), queue);

  app.route('/organizations/:orgId/chat-sessions', sessionRoutes(store));
  app.route('/organizations/:orgId/chat-sessions', sessionIngestRoutes(store));
  app.route('/organizations/:orgId/chat-sessions', organizationSessionUpdateRoutes(store));
  app.route('/organizations/:orgId/missed-questions', missedQuestionRoutes(store));
  app.route('/organizations/:orgId/analytics', analyticsRoutes(store));
  app.route('/organizations/:orgId/tags', tagRoutes(store));
  app.route('/orgs/:orgId', dataManagerRoutes(store));
  app.route('/chat-sessions', interactionDeleteRoutes(store));
  app.route('/chat-sessions', chatSessionRoutes(store));
  app.route('/analytics/messages', messageTagRoutes(store));
  app.route(
    '/',
    webPages({ store, auth: options.auth, sessions: webSessions, queue, onError: options.onError }),
  );
  return app;
}
