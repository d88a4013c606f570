/**
 * Retry policy. Network errors, timeouts, 408, 429 (honouring `Retry-After`) and 5xx are retried with
 * exponential backoff and jitter (a random delay in [delay/2, delay]), for idempotent requests only.
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { limit: 4, baseDelayMs: 200 };
 * ```
 */
export interface RetryOptions {
  /**
   * Retries after the first attempt; 0 disables retrying.
   * @default 2
   */
  readonly limit?: number;
  /**
   * First backoff delay; doubles each retry.
   * @default 300
   */
  readonly baseDelayMs?: number;
  /**
   * Cap of one backoff delay.
   * @default 5000
   */
  readonly maxDelayMs?: number;
  /**
   * Longest `Retry-After` honoured; a longer one fails at once instead of waiting.
   * @default 60000
   */
  readonly maxRetryAfterMs?: number;
}

/**
 * Options of {@link createObservatoryClient}. `baseUrl`, `token` and `organizationId` left out are read from the
 * environment variables `OBSERVATORY_URL`, `OBSERVATORY_TOKEN` and `OBSERVATORY_ORG` (the three lines
 * `observatory serve` prints); one missing from both is an `ObservatoryInputError` naming the option and the
 * variable.
 *
 * @example
 * ```ts
 * const options: ObservatoryClientOptions = {
 *   baseUrl: 'https://core-v5.helvia.io', token: process.env.OBSERVATORY_TOKEN ?? '', organizationId: 'org-1', retry: 3,
 * };
 * ```
 */
export interface ObservatoryClientOptions {
  /**
   * Base URL of the hbf-core API (or the local server), e.g. `https://core-v5.helvia.io`.
   * @default process.env.OBSERVATORY_URL
   */
  readonly baseUrl?: string;
  /**
   * Bearer JWT. Sent as `Authorization: Bearer …`; never included in errors.
   * @default process.env.OBSERVATORY_TOKEN
   */
  readonly token?: string;
  /**
   * The organization (workspace) id in `/organizations/{orgId}/…`.
   * @default process.env.OBSERVATORY_ORG
   */
  readonly organizationId?: string;
  /**
   * The clock a query's `preset` (or a `from` without `to`) is resolved by.
   * @default () => new Date()
   */
  readonly now?: () => Date;
  /**
   * Base URL of hbf-data-manager (interaction logs, variable snapshots). Without it, `sessions.get` cannot
   * include `interactions` or `variableSnapshots`.
   */
  readonly dataManagerUrl?: string;
  /**
   * The `fetch` to use (e.g. a server's `app.request`, or an instrumented fetch).
   * @default globalThis.fetch
   */
  readonly fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  /**
   * Timeout of one attempt, in milliseconds, until the response headers arrive.
   * @default 30000
   */
  readonly timeout?: number;
  /**
   * Retry policy, or a number as shorthand for `{ limit }`.
   * @default { limit: 2, baseDelayMs: 300, maxDelayMs: 5000, maxRetryAfterMs: 60000 }
   */
  readonly retry?: number | RetryOptions;
  /** Extra headers sent with every request (cannot override `Authorization`). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Page size `iterate` requests.
   * @default 100
   */
  readonly iteratePageSize?: number;
  /**
   * Hard stop of `iterate`: it throws after this many pages rather than loop on a server whose total keeps moving.
   * @default 10000
   */
  readonly maxPages?: number;
}

/**
 * Per-call options, last on every method.
 *
 * @example
 * ```ts
 * await client.sessions.list({}, { signal: AbortSignal.timeout(5000), timeout: 2000 });
 * ```
 */
export interface CallOptions {
  /** Aborts the call (and any waiting between retries). */
  readonly signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout, in milliseconds. */
  readonly timeout?: number;
}

/** The client's options with every default filled in: the one place defaults live. */
export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly dataManagerUrl: string | undefined;
  readonly token: string;
  readonly organizationId: string;
  readonly fetch: (input: Request, init?: RequestInit) => Promise<Response>;
  readonly timeout: number;
  readonly retry: Required<RetryOptions>;
  readonly headers: Readonly<Record<string, string>>;
  readonly iteratePageSize: number;
  readonly maxPages: number;
  readonly now: () => Date;
}

/**
 * The client's defaults (see `docs` / README "Defaults").
 *
 * @example
 * ```ts
 * import { CLIENT_DEFAULTS } from '@observatory/client';
 * console.log(CLIENT_DEFAULTS.timeout); // 30000
 * ```
 */
export const CLIENT_DEFAULTS = {
  timeout: 30_000,
  retry: { limit: 2, baseDelayMs: 300, maxDelayMs: 5_000, maxRetryAfterMs: 60_000 },
  iteratePageSize: 100,
  maxPages: 10_000,
} as const;

/**
 * The environment variables the client reads for options left out: the three lines `observatory serve` prints.
 *
 * @example
 * ```ts
 * import { CLIENT_ENV } from '@observatory/client';
 * console.log(CLIENT_ENV.token); // 'OBSERVATORY_TOKEN'
 * ```
 */
export const CLIENT_ENV = {
  baseUrl: 'OBSERVATORY_URL',
  token: 'OBSERVATORY_TOKEN',
  organizationId: 'OBSERVATORY_ORG',
} as const;
