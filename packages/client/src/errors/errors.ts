import type { z } from 'zod';
import { describeIssue } from '../internal/describe-issue.js';

// A brand survives realms (iframes, vm contexts, duplicated bundles) where `instanceof` does not.
const BRAND = Symbol.for('@observatory/client/error');

/**
 * The request an error is about: method and URL, with credentials and secret-looking query values removed.
 *
 * @example
 * ```ts
 * import { isObservatoryError, type RequestInfo } from '@observatory/client';
 * try {
 *   await client.sessions.get('s1');
 * } catch (error) {
 *   const request: RequestInfo | undefined = isObservatoryError(error) ? error.request : undefined;
 *   console.error(request?.method, request?.url); // 'GET', 'https://…/organizations/org-1/chat-sessions/s1'
 * }
 * ```
 */
export interface RequestInfo {
  readonly method: string;
  readonly url: string;
}

/**
 * Base class of every error the client throws. Carries the request (never the token).
 *
 * @example
 * ```ts
 * import { isObservatoryError } from '@observatory/client';
 * try { await client.sessions.get('s1'); } catch (error) { if (isObservatoryError(error)) console.error(error.request?.url); }
 * ```
 */
export class ObservatoryError extends Error {
  override readonly name: string = 'ObservatoryError';
  /** The request that failed, when there was one. */
  readonly request: RequestInfo | undefined;

  constructor(message: string, options: { request?: RequestInfo | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.request = options.request;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * The server answered with a non-2xx status. `problem` is the parsed body (RFC 9457 problem, the platform's
 * `{ status, error }`, or the raw text when it was not JSON).
 *
 * @example
 * ```ts
 * import { isObservatoryApiError } from '@observatory/client';
 * try { await client.sessions.get('nope'); } catch (e) { if (isObservatoryApiError(e) && e.status === 404) console.log('gone'); }
 * ```
 */
export class ObservatoryApiError extends ObservatoryError {
  override readonly name = 'ObservatoryApiError';
  readonly status: number;
  readonly problem: unknown;
  /** The server's request id (`x-request-id` / `request-id` header or the problem's `requestId`), if any. */
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;

  constructor(init: {
    status: number;
    problem: unknown;
    requestId: string | undefined;
    request: RequestInfo;
  }) {
    super(
      `${init.request.method} ${init.request.url} failed with ${init.status}${describeProblem(init.problem)}`,
      {
        request: init.request,
      },
    );
    this.status = init.status;
    this.problem = init.problem;
    this.requestId = init.requestId;
    this.method = init.request.method;
    this.url = init.request.url;
  }
}

/**
 * A response body did not match the wire schema (or was not JSON). Never returns a half-typed object. The message
 * names the first offending value by its JSON path in the answer and what was expected there
 * (`at $.items[0].createdAt: expected an ISO 8601 date-time …`); `issues` holds every issue, each with its path as
 * segments.
 *
 * @example
 * ```ts
 * import { isObservatoryValidationError } from '@observatory/client';
 * try { await client.sessions.list(); } catch (e) { if (isObservatoryValidationError(e)) console.log(e.issues); }
 * ```
 */
export class ObservatoryValidationError extends ObservatoryError {
  override readonly name = 'ObservatoryValidationError';
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(issues: readonly z.core.$ZodIssue[], request: RequestInfo, cause?: unknown) {
    const first = issues[0];
    const where = first ? ` at ${jsonPath(first.path)}: ${describeIssue(first)}` : '';
    super(`Unexpected response from ${request.method} ${request.url}${where}`, { request, cause });
    this.issues = issues;
  }
}

/**
 * A request did not complete within its timeout (after any retries).
 *
 * @example
 * ```ts
 * import { isObservatoryTimeoutError } from '@observatory/client';
 * try { await client.sessions.list({}, { timeout: 1000 }); } catch (e) { if (isObservatoryTimeoutError(e)) console.log(e.timeoutMs); }
 * ```
 */
export class ObservatoryTimeoutError extends ObservatoryError {
  override readonly name = 'ObservatoryTimeoutError';
  readonly timeoutMs: number;

  constructor(timeoutMs: number, request: RequestInfo) {
    super(`${request.method} ${request.url} timed out after ${timeoutMs} ms`, { request });
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The request never got a response: DNS, refused or reset connection. `cause` holds the underlying error.
 *
 * @example
 * ```ts
 * import { isObservatoryNetworkError } from '@observatory/client';
 * try { await client.sessions.list(); } catch (e) { if (isObservatoryNetworkError(e)) console.log(e.cause); }
 * ```
 */
export class ObservatoryNetworkError extends ObservatoryError {
  override readonly name = 'ObservatoryNetworkError';

  constructor(request: RequestInfo, cause: unknown) {
    super(`${request.method} ${request.url} failed: network error`, { request, cause });
  }
}

function hasBrand(value: unknown, name?: string): value is ObservatoryError {
  if (typeof value !== 'object' || value === null) return false;
  const branded = (value as Record<symbol, unknown>)[BRAND] === true;
  return branded && (name === undefined || (value as Error).name === name);
}

/**
 * True for any error thrown by the client, across realms.
 *
 * @example
 * ```ts
 * import { isObservatoryError } from '@observatory/client';
 * if (isObservatoryError(error)) console.error(error.message);
 * ```
 */
export const isObservatoryError = (value: unknown): value is ObservatoryError => hasBrand(value);
/**
 * True for {@link ObservatoryApiError}, across realms.
 *
 * @example
 * ```ts
 * if (isObservatoryApiError(error) && error.status === 401) renewToken();
 * ```
 */
export const isObservatoryApiError = (value: unknown): value is ObservatoryApiError =>
  hasBrand(value, 'ObservatoryApiError');
/**
 * True for {@link ObservatoryValidationError}, across realms.
 *
 * @example
 * ```ts
 * if (isObservatoryValidationError(error)) console.error(error.issues);
 * ```
 */
export const isObservatoryValidationError = (value: unknown): value is ObservatoryValidationError =>
  hasBrand(value, 'ObservatoryValidationError');
/**
 * True for {@link ObservatoryTimeoutError}, across realms.
 *
 * @example
 * ```ts
 * if (isObservatoryTimeoutError(error)) console.error(`gave up after ${error.timeoutMs} ms`);
 * ```
 */
export const isObservatoryTimeoutError = (value: unknown): value is ObservatoryTimeoutError =>
  hasBrand(value, 'ObservatoryTimeoutError');
/**
 * True for {@link ObservatoryNetworkError}, across realms.
 *
 * @example
 * ```ts
 * if (isObservatoryNetworkError(error)) console.error('offline?', error.cause);
 * ```
 */
export const isObservatoryNetworkError = (value: unknown): value is ObservatoryNetworkError =>
  hasBrand(value, 'ObservatoryNetworkError');

// `$`, then `.name` for a plain property, `[0]` for an index and `["odd key"]` for any other key.
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    const key = String(segment);
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${out}.${key}` : `${out}[${JSON.stringify(key)}]`;
  }, '$');
}

function describeProblem(problem: unknown): string {
  if (typeof problem !== 'object' || problem === null) return '';
  const { title, detail, error } = problem as Record<string, unknown>;
  const text = [title, detail, error].filter((part) => typeof part === 'string').join(': ');
  return text ? ` (${text.slice(0, 200)})` : '';
}
