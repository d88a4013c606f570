import { type Session, sessionToWire } from '@observatory/core';
import type { Hono } from 'hono';
import type { ServerEnv } from '../http/env.js';

/**
 * Calls an app in-process with a bearer token and JSON body, as a client would over the network.
 *
 * @example
 * ```ts
 * const res = await call(app, 'token', 'GET', '/organizations/acme/chat-sessions');
 * ```
 */
export function call(
  app: Hono<ServerEnv>,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return Promise.resolve(
    app.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }),
  );
}

/**
 * Writes sessions (with their interaction logs and final variable snapshot) through the ingest paths.
 *
 * @example
 * ```ts
 * await ingestSessions(app, 'token', 'acme', sampleSessions(10));
 * ```
 */
export async function ingestSessions(
  app: Hono<ServerEnv>,
  token: string,
  orgId: string,
  sessions: readonly Session[],
): Promise<void> {
  for (const session of sessions) {
    const res = await call(
      app,
      token,
      'POST',
      `/organizations/${orgId}/chat-sessions`,
      sessionToWire(session),
    );
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
  }
}
