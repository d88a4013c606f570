import { createObservatoryClient, type ObservatoryClient } from '@observatory/client';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';

/**
 * The local Observatory's default address, as `observatory serve` starts it.
 *
 * @example
 * ```ts
 * console.log(DEFAULT_URL); // http://127.0.0.1:4319
 * ```
 */
export const DEFAULT_URL = 'http://127.0.0.1:4319';

/** Flags every client command shares. */
export interface ConnectionFlags {
  readonly url?: string;
  readonly token?: string;
  readonly org?: string;
}

/**
 * Builds a client from `--url/--token/--org`, falling back to `OBSERVATORY_URL`, `OBSERVATORY_TOKEN`,
 * `OBSERVATORY_ORG`, and for the URL to the local server's default.
 *
 * @example
 * ```ts
 * const client = connect({ org: 'acme' }, { ...io, env: { OBSERVATORY_TOKEN: 't' } });
 * ```
 */
export function connect(flags: ConnectionFlags, io: Pick<CliIo, 'env'>): ObservatoryClient {
  const baseUrl = flags.url ?? io.env.OBSERVATORY_URL ?? DEFAULT_URL;
  const token = flags.token ?? io.env.OBSERVATORY_TOKEN;
  const organizationId = flags.org ?? io.env.OBSERVATORY_ORG;
  if (!token) throw new CliError('no token: pass --token or set OBSERVATORY_TOKEN');
  if (!organizationId) throw new CliError('no organization: pass --org or set OBSERVATORY_ORG');
  try {
    new URL(baseUrl);
  } catch {
    throw new CliError(`--url must be an absolute URL such as ${DEFAULT_URL} (got "${baseUrl}")`);
  }
  return createObservatoryClient({ baseUrl, token, organizationId });
}
