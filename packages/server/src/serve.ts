import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createObservatoryServer } from './http/app.js';
import type { AuthOptions } from './http/auth.js';
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
  /** Stops accepting connections, waits for open ones, then closes the store. */
  close(): Promise<void>;
}

/**
 * Opens the store and serves the API on a socket: what `npx observatory-server` and `observatory serve` run.
 *
 * @example
 * ```ts
 * import { startObservatoryServer } from '@observatory/server';
 * const running = await startObservatoryServer({ storeUrl: 'memory://', port: 0, auth: { tokens: [{ token: 't', organizationId: 'acme' }] } });
 * ```
 */
export async function startObservatoryServer(options: StartOptions): Promise<RunningServer> {
  const store = await openStore(options.storeUrl ?? DEFAULT_STORE_URL);
  const app = createObservatoryServer({
    store,
    auth: options.auth,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
  const hostname = options.hostname ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve({ fetch: app.fetch, port: options.port ?? 4319, hostname }, (info: AddressInfo) =>
        resolve({ server, port: info.port }),
      );
    },
  );
  return {
    url: `http://${hostname}:${port}`,
    port,
    store,
    close: async () => {
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await store.close();
    },
  };
}
