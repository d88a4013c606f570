import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { closeWhenAnsweredEarly } from './early-answer.js';
import { DEFAULT_SHUTDOWN_GRACE_MS, gracefulCloser } from './graceful-close.js';
import { createObservatoryServer } from './http/app.js';
import type { AuthOptions } from './http/auth.js';
import { PortInUseError } from './startup-errors.js';
import { DEFAULT_STORE_URL, openStore } from './store/open-store.js';
import type { ObservatoryStore } from './store/store.js';

/**
 * Options of {@link startObservatoryServer}.
 *
 * @example
 * ```ts
 * const options: StartOptions = { storeUrl: 'memory://', port: 0, auth: { tokens: [{ token: 't', organizationId: 'acme' }] } };
 * ```
 */
export interface StartOptions {
  /** @default DEFAULT_STORE_URL (`pglite://./observatory-data`) */
  readonly storeUrl?: string;
  /**
   * A streaming replica of a `postgres://` store: exports and analytics read there, every other read and
   * every write stay on `storeUrl` (see `openStore`'s `readUrl`). @default none: everything on `storeUrl`
   */
  readonly readStoreUrl?: string | undefined;
  /** @default 4319 (0 picks a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' — only this machine can connect unless you choose otherwise */
  readonly hostname?: string;
  readonly auth: AuthOptions;
  readonly maxBodyBytes?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * A server listening on a socket, with its store.
 *
 * @example
 * ```ts
 * const running = await startObservatoryServer({ auth });
 * console.log(running.url);
 * await running.close();
 * ```
 */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4319`. */
  readonly url: string;
  readonly port: number;
  readonly store: ObservatoryStore;
  /**
   * Closes gracefully: stops accepting connections, closes idle keep-alive connections, lets requests in flight
   * finish and answers them (and any request still arriving on an open connection) with `Connection: close`,
   * cuts the connections still open after `graceMs`, then closes the store. Every write answered before the
   * close is in the store. Calling it again returns the same promise.
   */
  close(options?: { readonly graceMs?: number }): Promise<void>;
}

/**
 * Opens the store and serves the API on a socket: what `npx observatory-server` and `observatory serve` run.
 * Rejects with `PortInUseError` when another process holds the port (the store is closed again) and with
 * `StoreLockedError` when another live process holds the PGlite folder.
 *
 * @example
 * ```ts
 * import { startObservatoryServer } from '@observatory/server';
 * const running = await startObservatoryServer({ storeUrl: 'memory://', port: 0, auth: { tokens: [{ token: 't', organizationId: 'acme' }] } });
 * ```
 */
export async function startObservatoryServer(options: StartOptions): Promise<RunningServer> {
  const store = await openStore(options.storeUrl ?? DEFAULT_STORE_URL, { readUrl: options.readStoreUrl });
  const app = createObservatoryServer({
    store,
    auth: options.auth,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
  const hostname = options.hostname ?? '127.0.0.1';
  const server = createAdaptorServer({ fetch: app.fetch, hostname }) as Server;
  closeWhenAnsweredEarly(server);
  const closeServer = gracefulCloser(server);
  let port: number;
  try {
    port = await listen(server, options.port ?? 4319, hostname);
  } catch (error) {
    await store.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    url: `http://${hostname}:${port}`,
    port,
    store,
    close: (closeOptions = {}) => {
      closed ??= closeServer(closeOptions.graceMs ?? DEFAULT_SHUTDOWN_GRACE_MS).then(() => store.close());
      return closed;
    },
  };
}

/** Listens and resolves the bound port; a port another process holds rejects with `PortInUseError`. */
function listen(server: Server, port: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(hostname, port, { cause: error }) : error);
    server.once('error', onError);
    server.listen(port, hostname, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
