import type { Server, ServerResponse } from 'node:http';

/**
 * How long `RunningServer.close()` lets in-flight requests finish before it cuts the connections left open.
 *
 * @example
 * ```ts
 * import { DEFAULT_SHUTDOWN_GRACE_MS } from '@observatory/server';
 * await running.close({ graceMs: DEFAULT_SHUTDOWN_GRACE_MS });
 * ```
 */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/**
 * Prepares `server` for a graceful close and returns the function that performs it. Closing stops accepting
 * connections, closes idle keep-alive connections at once, answers every request in flight or still arriving
 * on an open connection with `Connection: close` (so its connection ends after that response), and resolves
 * once every connection is gone. Connections still open after `graceMs` are cut.
 */
export function gracefulCloser(server: Server): (graceMs: number) => Promise<void> {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  // First in line, so the header is set before any handler can write the response.
  server.prependListener('request', (_request, response: ServerResponse) => {
    if (closing) response.setHeader('connection', 'close');
    inFlight.add(response);
    response.once('close', () => {
      inFlight.delete(response);
      // A response that had started before the close kept its connection alive: end it once it is idle.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  let closed: Promise<void> | undefined;
  return (graceMs) => {
    closed ??= new Promise<void>((resolve, reject) => {
      closing = true;
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      server.close((error) => {
        clearTimeout(cut);
        // Closing twice or closing a server that never listened is not a failure of the close.
        if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
        else resolve();
      });
      for (const response of inFlight) {
        if (!response.headersSent) response.setHeader('connection', 'close');
      }
      // Node's close() ends the connections idle right now; these were busy and end after their response.
      server.closeIdleConnections();
    });
    return closed;
  };
}
