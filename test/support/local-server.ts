import { createObservatoryClient, type ObservatoryClient } from '@observatory/client';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll } from 'vitest';

/** Who the test server lets in. */
export interface LocalServerOptions {
  /** @default 'test-token' */
  readonly token?: string;
  /** @default 'acme' */
  readonly organizationId?: string;
}

/**
 * The local server of one test file and a client for it (no retries, so a refusal shows at once). Its
 * properties can be read once `beforeAll` has run.
 *
 * @example
 * ```ts
 * const local = useLocalServer();
 * it('lists', async () => expect((await local.client.sessions.list({})).items).toEqual([]));
 * ```
 */
export interface LocalServer {
  readonly url: string;
  readonly client: ObservatoryClient;
  readonly token: string;
  readonly organizationId: string;
}

/**
 * Starts a local Observatory (memory store) on 127.0.0.1 and a free port in `beforeAll`, and closes it in
 * `afterAll` whatever happened. Call it at the top level of a test file or of a `describe`.
 *
 * @example
 * ```ts
 * const local = useLocalServer({ token: 'wording-token' });
 * ```
 */
export function useLocalServer(options: LocalServerOptions = {}): LocalServer {
  const token = options.token ?? 'test-token';
  const organizationId = options.organizationId ?? 'acme';
  let running: RunningServer | undefined;
  let client: ObservatoryClient | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('useLocalServer: read in beforeAll or a test, after the server started');
    return value;
  };
  beforeAll(async () => {
    running = await startObservatoryServer({
      storeUrl: 'memory://',
      port: 0,
      hostname: '127.0.0.1',
      auth: { tokens: [{ token, organizationId }] },
    });
    client = createObservatoryClient({ baseUrl: running.url, token, organizationId, retry: 0 });
  });
  afterAll(async () => {
    await running?.close();
  });
  return {
    get url() {
      return started(running).url;
    },
    get client() {
      return started(client);
    },
    token,
    organizationId,
  };
}
