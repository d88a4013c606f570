import {
  createObservatoryClient,
  isObservatoryApiError,
  isObservatoryNetworkError,
  type ObservatoryClient,
} from '@observatory/client';
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
 * `OBSERVATORY_ORG`, and for the URL to the local server's default. With `dataManager`, the client also reads
 * trace steps and variables (hbf-data-manager) from `OBSERVATORY_DATA_MANAGER_URL`, else from the same URL (the
 * local server serves both).
 *
 * @example
 * ```ts
 * const client = connect({ org: 'acme' }, { ...io, env: { OBSERVATORY_TOKEN: 't' } });
 * ```
 */
export function connect(
  flags: ConnectionFlags,
  io: Pick<CliIo, 'env'>,
  options: { readonly dataManager?: boolean } = {},
): ObservatoryClient {
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
  // The local server answers hbf-data-manager's paths (trace steps, variables) on its own address.
  const dataManagerUrl = options.dataManager ? (io.env.OBSERVATORY_DATA_MANAGER_URL ?? baseUrl) : undefined;
  return createObservatoryClient({
    baseUrl,
    token,
    organizationId,
    ...(dataManagerUrl === undefined ? {} : { dataManagerUrl }),
  });
}

/**
 * A 404 said as one line naming what was not found (`session "s9"`) and the organization; a 409 on a session id
 * several agents hold as one line naming them and `--agent`; a refusal as {@link explainRefusal} says it; any
 * other error as it is.
 *
 * @example
 * ```ts
 * const session = await client.sessions.get(id).catch((error: unknown) => {
 *   throw explainMissing(error, `session "${id}"`, 'acme');
 * });
 * // error: no session "s9" in organization "acme" (the server answered 404)
 * ```
 */
export function explainMissing(error: unknown, what: string, organizationId: string): unknown {
  if (isObservatoryApiError(error) && error.status === 404) {
    return new CliError(`no ${what} in organization "${organizationId}" (the server answered 404)`, {
      exitCode: 1,
      cause: error,
    });
  }
  const problem = isObservatoryApiError(error) && error.status === 409 ? error.problem : undefined;
  const agents =
    typeof problem === 'object' && problem !== null && 'agents' in problem ? problem.agents : undefined;
  if (Array.isArray(agents)) {
    return new CliError(
      `${what} is held by the sessions of several agents (${agents.join(', ')}): choose one with --agent`,
      { exitCode: 1, cause: error },
    );
  }
  return explainRefusal(error);
}

/**
 * A 401 or 403 from the server, said as one line: what was refused (method, origin and path, without the query),
 * the server's reason, and which setting to check. The token itself is never printed. A server that could not be
 * reached as {@link explainUnreachable} says it; any other error is returned as it is.
 *
 * @example
 * ```ts
 * const page = await client.missedQuestions.list(query).catch((error: unknown) => {
 *   throw explainRefusal(error);
 * });
 * // error: the server refused the token: GET http://127.0.0.1:4319/organizations/acme/missed-questions
 * //   answered 401 (Invalid bearer token); check OBSERVATORY_TOKEN or --token
 * ```
 */
export function explainRefusal(error: unknown): unknown {
  if (!isObservatoryApiError(error) || (error.status !== 401 && error.status !== 403))
    return explainUnreachable(error);
  const url = new URL(error.url);
  const request = `${error.method} ${url.origin}${url.pathname}`;
  const reason = problemReason(error.problem);
  const answered = `${request} answered ${error.status}${reason ? ` (${reason})` : ''}`;
  if (error.status === 401) {
    return new CliError(`the server refused the token: ${answered}; check OBSERVATORY_TOKEN or --token`, {
      exitCode: 1,
      cause: error,
    });
  }
  const organization = decodeURIComponent(url.pathname.split('/')[2] ?? '');
  return new CliError(
    `the token may not access organization "${organization}": ${answered}; check OBSERVATORY_ORG or --org, and OBSERVATORY_TOKEN or --token`,
    { exitCode: 1, cause: error },
  );
}

/**
 * A request that got no answer (nothing listening, an unknown host, a reset connection), said as one line: the
 * origin that could not be reached (never the path or query), why when the system said, and how to point the CLI at
 * a running server. Any other error is returned as it is.
 *
 * @example
 * ```ts
 * await client.sessions.list(query).catch((error: unknown) => {
 *   throw explainUnreachable(error);
 * });
 * // error: could not reach the Observatory at http://127.0.0.1:4319 (connection refused): is `observatory serve`
 * //   running? set OBSERVATORY_URL or --url
 * ```
 */
export function explainUnreachable(error: unknown): unknown {
  if (!isObservatoryNetworkError(error) || error.request === undefined) return error;
  const { origin } = new URL(error.request.url);
  const reason = networkReason(error.cause);
  return new CliError(
    `could not reach the Observatory at ${origin}${reason ? ` (${reason})` : ''}: is \`observatory serve\` running? set OBSERVATORY_URL or --url`,
    { exitCode: 1, cause: error },
  );
}

/** The system's reason a connection failed, from the first error code in the cause chain, in words. */
function networkReason(cause: unknown): string | undefined {
  for (let e: unknown = cause; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) return NETWORK_REASONS[code] ?? code;
  }
  return undefined;
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

/** The server's own words for a refusal: an RFC 9457 `detail`, the platform's `error`, else the `title`. */
function problemReason(problem: unknown): string | undefined {
  if (typeof problem !== 'object' || problem === null) return undefined;
  const { detail, error, title } = problem as Record<string, unknown>;
  const reason = [detail, error, title].find((part) => typeof part === 'string' && part !== '');
  return typeof reason === 'string' ? reason.slice(0, 200) : undefined;
}
