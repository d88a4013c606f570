#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { isLoopbackHost } from './loopback-host.js';
import { startObservatoryServer } from './serve.js';
import { PortInUseError } from './startup-errors.js';
import { DEFAULT_STORE_URL } from './store/open-store.js';

// `npx observatory-server`: runs on the embedded store with no setup. Configuration comes from the environment:
// OBSERVATORY_STORE (default pglite://./observatory-data), OBSERVATORY_READ_STORE (a streaming replica of a
// postgres:// store, for exports and analytics; default none), OBSERVATORY_PORT (4319), OBSERVATORY_HOST (127.0.0.1),
// OBSERVATORY_ORG (default "local") and OBSERVATORY_TOKEN (generated and printed when unset).
async function main(): Promise<void> {
  const env = process.env;
  const organizationId = env.OBSERVATORY_ORG || 'local';
  const token = env.OBSERVATORY_TOKEN || randomBytes(24).toString('base64url');
  const port = Number(env.OBSERVATORY_PORT || 4319);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`OBSERVATORY_PORT must be a port number, got ${JSON.stringify(env.OBSERVATORY_PORT)}`);
    process.exit(2);
  }
  const hostname = env.OBSERVATORY_HOST || '127.0.0.1';
  if (!isLoopbackHost(hostname)) {
    console.error(
      `warning: OBSERVATORY_HOST=${hostname} makes the server reachable from the network, with only the token to protect it (plain HTTP)`,
    );
  }
  const running = await startObservatoryServer({
    storeUrl: env.OBSERVATORY_STORE || DEFAULT_STORE_URL,
    readStoreUrl: env.OBSERVATORY_READ_STORE || undefined,
    port,
    hostname,
    auth: { tokens: [{ token, organizationId }] },
    onError: (error) => console.error(error),
  });
  // SIGTERM / SIGINT close gracefully (RunningServer.close: in-flight requests finish, at most
  // DEFAULT_SHUTDOWN_GRACE_MS), then the process exits 0.
  const shutdown = () => {
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  // Before the banner: whoever reads it may signal at once.
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  console.log(`Observatory listening on ${running.url} (store: ${running.store.engine})`);
  console.log(`Organization: ${organizationId}`);
  if (!env.OBSERVATORY_TOKEN) console.log(`Token (set OBSERVATORY_TOKEN to choose one): ${token}`);
}

main().catch((error: unknown) => {
  // One line for the user, never a stack: the port or data folder is taken, the store URL is wrong, ….
  const hint = error instanceof PortInUseError ? '; set OBSERVATORY_PORT=0 to pick a free one.' : '';
  console.error(`${error instanceof Error ? error.message : String(error)}${hint}`);
  process.exit(1);
});
