/** An answer read whole as text. */
export interface TextAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * A `call(token, method, path, body?)` on the server at `baseUrl()` (read at each call, so a server started in
 * `beforeAll` can be named before it runs): a bearer token, a JSON body when given, a 10 s bound, the answer read
 * whole as text.
 *
 * @example
 * ```ts
 * const call = callAs(() => server.url);
 * expect((await call('org-token', 'GET', '/chat-sessions/s1')).status).toBe(200);
 * ```
 */
export function callAs(baseUrl: () => string) {
  return async (token: string, method: string, path: string, body?: unknown): Promise<TextAnswer> => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, text: await res.text() };
  };
}
