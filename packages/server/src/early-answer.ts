import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Makes every answer `server` starts before the request's body has arrived whole (a 413 over the size limit, a
 * 401 or 403 from the token check, a 503 from a full queue, any answer that does not read the body) say
 * `Connection: close`. Such a connection cannot be used again: the rest of the body is still on the way, and
 * the server stops waiting for it and cuts the connection. Without the header a keep-alive client puts the
 * connection back in its pool and its next request on it is reset (ECONNRESET); with it, the client opens a
 * new one. An answer to a request read whole keeps its connection alive.
 *
 * @example
 * ```ts
 * import type { Server } from 'node:http';
 * import { serve } from '@hono/node-server';
 * import { closeWhenAnsweredEarly } from '@observatory/server';
 * closeWhenAnsweredEarly(serve({ fetch: app.fetch, port: 4319 }) as Server);
 * ```
 */
export function closeWhenAnsweredEarly(server: Server): void {
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (!request.complete) this.setHeader('connection', 'close');
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
  });
}
