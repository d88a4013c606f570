import ky from 'ky';
import { z } from 'zod';
import {
  ObservatoryApiError,
  ObservatoryNetworkError,
  ObservatoryTimeoutError,
  ObservatoryValidationError,
  type RequestInfo,
} from '../errors/errors.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep } from '../internal/backoff.js';
import { requestInfo } from '../internal/request-info.js';
import type { CallOptions, ResolvedOptions } from './options.js';

/** One request as the resources describe it. */
export interface TransportRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Which API: hbf-core (default) or hbf-data-manager. */
  readonly service?: 'core' | 'dataManager';
  /** Path below the base URL, built with the `path` helper. */
  readonly path: string;
  readonly searchParams?: URLSearchParams;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Safe to send twice: only idempotent requests are retried. */
  readonly idempotent: boolean;
}

/** The single HTTP transport under every resource: auth, timeout, retries, errors and response validation. */
export class Transport {
  readonly #options: ResolvedOptions;

  constructor(options: ResolvedOptions) {
    this.#options = options;
  }

  /** The organization every path is scoped to. */
  get organizationId(): string {
    return this.#options.organizationId;
  }

  /** The clock a query's `preset` is resolved by. */
  get now(): () => Date {
    return this.#options.now;
  }

  /** Page size and page bound of `iterate`. */
  get paging(): { pageSize: number; maxPages: number } {
    return { pageSize: this.#options.iteratePageSize, maxPages: this.#options.maxPages };
  }

  /** Whether hbf-data-manager is configured. */
  get hasDataManager(): boolean {
    return this.#options.dataManagerUrl !== undefined;
  }

  /** Sends a request, retrying per policy; resolves with a 2xx response or throws a typed error. */
  async send(
    request: TransportRequest,
    call: CallOptions = {},
  ): Promise<{ response: Response; info: RequestInfo }> {
    const url = this.#url(request);
    const info = requestInfo(request.method, url);
    const timeout = call.timeout ?? this.#options.timeout;
    const { retry } = this.#options;
    // `set` replaces an `Authorization` of any case from the extra headers, rather than joining it to ours.
    const headers = new Headers({ ...this.#options.headers, ...request.headers });
    headers.set('authorization', `Bearer ${this.#options.token}`);
    for (let attempt = 0; ; attempt++) {
      const canRetry = request.idempotent && attempt < retry.limit;
      let response: Response;
      try {
        response = await ky(url, {
          method: request.method,
          headers,
          ...(request.json === undefined ? {} : { json: request.json }),
          timeout,
          retry: 0,
          throwHttpErrors: false,
          fetch: this.#options.fetch as typeof fetch,
          ...(call.signal ? { signal: call.signal } : {}),
        });
      } catch (error) {
        if (call.signal?.aborted) throw call.signal.reason;
        // ky's own errors hold the Request (with its Authorization header): never keep them as a cause.
        const failure =
          error instanceof Error && error.name === 'TimeoutError'
            ? new ObservatoryTimeoutError(timeout, info)
            : new ObservatoryNetworkError(info, stripRequest(error));
        if (!canRetry) throw failure;
        await sleep(backoffDelay(attempt, retry), call.signal);
        continue;
      }
      if (response.ok) return { response, info };
      if (canRetry && isRetryableStatus(response.status)) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        if (retryAfter === undefined || retryAfter <= retry.maxRetryAfterMs) {
          // Free the connection without waiting for a body nobody reads.
          response.body?.cancel().catch(() => undefined);
          await sleep(retryAfter ?? backoffDelay(attempt, retry), call.signal);
          continue;
        }
      }
      throw await apiError(response, info);
    }
  }

  /** Sends a request and validates its JSON body with `schema`; `map` turns it into core types. */
  async json<S extends z.ZodType, T = z.output<S>>(
    request: TransportRequest,
    schema: S,
    call?: CallOptions,
    map?: (body: z.output<S>) => T,
  ): Promise<T> {
    const { body, info } = await this.validated(request, schema, call);
    return mapValidated(body, info, map);
  }

  /** Sends a request and validates its JSON body with `schema`, returning it with the request it answers. */
  async validated<S extends z.ZodType>(
    request: TransportRequest,
    schema: S,
    call?: CallOptions,
  ): Promise<{ body: z.output<S>; info: RequestInfo }> {
    const { response, info } = await this.send(request, call);
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      throw new ObservatoryValidationError(
        [
          {
            code: 'custom',
            path: [],
            message: `Response body is not valid JSON (${text.length} chars)`,
            input: undefined,
          },
        ],
        info,
        error,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ObservatoryValidationError(parsed.error.issues, info, parsed.error);
    return { body: parsed.data, info };
  }

  #url(request: TransportRequest): URL {
    const base = request.service === 'dataManager' ? this.#options.dataManagerUrl : this.#options.baseUrl;
    const url = new URL(`${base}${request.path}`);
    if (request.searchParams) url.search = request.searchParams.toString();
    return url;
  }
}

/** Runs a wire → core mapping; a mapping that fails validation becomes an ObservatoryValidationError. */
export function mapValidated<B, T>(body: B, info: RequestInfo, map?: (body: B) => T): T {
  if (!map) return body as unknown as T;
  try {
    return map(body);
  } catch (error) {
    if (error instanceof z.ZodError) throw new ObservatoryValidationError(error.issues, info, error);
    throw error;
  }
}

async function apiError(response: Response, info: RequestInfo): Promise<ObservatoryApiError> {
  const text = await response.text().catch(() => '');
  let problem: unknown = text;
  try {
    problem = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: keep the raw text as the problem.
  }
  const fromBody =
    typeof problem === 'object' &&
    problem !== null &&
    typeof (problem as { requestId?: unknown }).requestId === 'string'
      ? (problem as { requestId: string }).requestId
      : undefined;
  const requestId = response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? fromBody;
  return new ObservatoryApiError({ status: response.status, problem, requestId, request: info });
}

function stripRequest(error: unknown): unknown {
  if (error instanceof Error && 'request' in error) return new Error(error.message);
  return error;
}
