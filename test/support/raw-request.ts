import { request } from 'node:http';

/** An answer read whole: its status, its media type and its body parsed as JSON (`{}` when empty). */
export interface RawAnswer {
  readonly status: number;
  readonly type: string;
  readonly json: Record<string, unknown>;
}

/**
 * Sends `path` to a server on 127.0.0.1 exactly as written, with a bearer token and a JSON body: no URL parsing
 * on our side, so `.`, `..` and `%2E` segments reach the server as a client could send them.
 *
 * @example
 * ```ts
 * const answer = await rawRequest(server.port, 'GET', '/chat-sessions/%2E%2E', { token: 'org-token' });
 * expect(answer.status).toBe(400);
 * ```
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  options: { readonly token: string; readonly body?: unknown },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'] ?? '',
            json: JSON.parse(text || '{}') as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}
