import { randomBytes } from 'node:crypto';
import { assertPathSegment, ObservatoryInputError } from '@observatory/core';
import {
  DEFAULT_STORE_URL,
  isLoopbackHost,
  PortInUseError,
  type RunningServer,
  redactUrl,
  StoreLockedError,
  startObservatoryServer,
} from '@observatory/server';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';

/** Flags of `observatory serve`. */
export interface ServeFlags {
  readonly store?: string;
  readonly readStore?: string;
  readonly host: string;
  readonly port: string;
  readonly token?: string;
  readonly org?: string;
  readonly json?: boolean;
}

/**
 * `observatory serve`: the local Observatory on the embedded store by default. Without `--token` (or
 * `OBSERVATORY_TOKEN`) a random token is made and printed, so the server never runs open. The banner (and
 * `--json`: `pagesUrl`, `signInUrl`) also gives the web pages' address and a link that signs a browser in once.
 *
 * @example
 * ```ts
 * const running = await serveCommand({ host: '127.0.0.1', port: '0', store: 'memory://' }, io);
 * await running.close();
 * ```
 */
export async function serveCommand(flags: ServeFlags, io: CliIo): Promise<RunningServer> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliError(`--port must be an integer from 0 to 65535 (got "${flags.port}")`);
  }
  const token = flags.token ?? io.env.OBSERVATORY_TOKEN ?? randomBytes(24).toString('base64url');
  // The client refuses an empty token, so a server accepting only that one could never be called.
  if (token === '') {
    const source = flags.token === undefined ? 'OBSERVATORY_TOKEN' : '--token';
    throw new CliError(`${source}: expected a non-empty bearer token (or none: serve makes a random one)`);
  }
  const organizationId = flags.org ?? io.env.OBSERVATORY_ORG ?? 'local';
  try {
    // Every path starts with the organization: the client's own rule for it.
    assertPathSegment(organizationId, 'organizationId');
  } catch (error) {
    if (!(error instanceof ObservatoryInputError)) throw error;
    const source = flags.org === undefined ? 'OBSERVATORY_ORG' : '--org';
    throw new CliError(`${source}: expected ${error.expected} (got "${organizationId}")`, { cause: error });
  }
  if (!isLoopbackHost(flags.host)) {
    io.stderr.write(
      `warning: --host ${flags.host} makes the server reachable from the network, with only the token to protect it (plain HTTP)\n`,
    );
  }
  const storeUrl = flags.store ?? io.env.OBSERVATORY_STORE ?? DEFAULT_STORE_URL;
  const readStoreUrl = flags.readStore ?? (io.env.OBSERVATORY_READ_STORE || undefined);
  const running = await startObservatoryServer({
    storeUrl,
    readStoreUrl,
    hostname: flags.host,
    port,
    auth: { tokens: [{ token, organizationId }] },
  }).catch((error: unknown) => {
    if (error instanceof ObservatoryInputError && error.field === 'url') {
      // The server's message names its option; the user typed --store (the URL may hold a password: not echoed).
      throw new CliError(`--store: expected ${error.expected}`, { cause: error });
    }
    if (error instanceof ObservatoryInputError && error.field === 'readUrl') {
      const source = flags.readStore === undefined ? 'OBSERVATORY_READ_STORE' : '--read-store';
      throw new CliError(`${source}: expected ${error.expected}`, { cause: error });
    }
    if (error instanceof PortInUseError) {
      throw new CliError(`${error.message}; --port 0 picks a free one`, { exitCode: 1, cause: error });
    }
    if (error instanceof StoreLockedError) throw new CliError(error.message, { exitCode: 1, cause: error });
    throw error;
  });
  // The store URL may carry a database password: it is never printed.
  const store = redactUrl(storeUrl);
  const readStore = readStoreUrl === undefined ? undefined : redactUrl(readStoreUrl);
  // The web pages answer at `/`; the link signs a browser in once (the pages swap the token for a cookie and drop
  // it from the address). It carries the token, so it is printed only beside the token itself.
  const pagesUrl = `${running.url}/`;
  const signInUrl = `${pagesUrl}?token=${encodeURIComponent(token)}`;
  if (flags.json) {
    io.stdout.write(
      `${JSON.stringify({ url: running.url, organizationId, token, store, readStore, pagesUrl, signInUrl })}\n`,
    );
  } else {
    io.stdout.write(
      [
        `Observatory listening on ${running.url} (store ${store}${readStore === undefined ? '' : `, exports and analytics read ${readStore}`})`,
        'Point the client and the CLI at it with:',
        `  export OBSERVATORY_URL=${running.url}`,
        `  export OBSERVATORY_ORG=${organizationId}`,
        `  export OBSERVATORY_TOKEN=${token}`,
        `Web pages: ${pagesUrl} (sign in with the token above, or open this link once)`,
        `  ${signInUrl}`,
        '',
      ].join('\n'),
    );
  }
  return running;
}
