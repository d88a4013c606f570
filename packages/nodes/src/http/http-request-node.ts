import { type NodeContext, SYSTEM_VARIABLES, templateScope } from '../context/node-context.js';
import { NodeConfigError } from '../errors/errors.js';
import { type BuiltRequest, buildRequest } from '../internal/build-request.js';
import { readPath } from '../internal/read-path.js';
import {
  redactHeaders,
  redactUrl,
  redactValue,
  secretNameMatcher,
  secretValues,
} from '../internal/redact.js';
import { type NormalizedRetry, sendWithRetry } from '../internal/send-request.js';
import type { OnMissingVariable } from '../template/render-template.js';
import type { WorkflowNode } from '../workflow/workflow-node.js';

/**
 * A JSON value, as a request body template.
 *
 * @example
 * ```ts
 * import type { JsonValue } from '@observatory/nodes';
 * const body: JsonValue = { order: { id: '{{orderId}}', quantity: 2 }, notify: true, note: null };
 * ```
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * HTTP methods the node sends.
 *
 * @example
 * ```ts
 * import { type HttpMethod, httpRequestNode } from '@observatory/nodes';
 * const method: HttpMethod = 'PATCH';
 * const touch = httpRequestNode({
 *   method, url: 'https://crm.example.com/contacts/{{contactId}}', body: { lastMessage: '{{message.id}}' },
 * });
 * ```
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/**
 * Retry policy of the HTTP Request node (bounded; only for idempotent methods unless told otherwise).
 *
 * @example
 * ```ts
 * import { type HttpRetryOptions, httpRequestNode } from '@observatory/nodes';
 * // POST is retried only because the receiver deduplicates on the message id.
 * const retry: HttpRetryOptions = { limit: 3, methods: ['POST'], statusCodes: [429, 503], backoffMs: 500 };
 * const notify = httpRequestNode({
 *   method: 'POST', url: 'https://api.example.com/events', body: { id: '{{message.id}}' }, retry,
 * });
 * ```
 */
export interface HttpRetryOptions {
  /** Extra attempts after the first, at most 10. @default 2 */
  readonly limit?: number;
  /** Methods that may be retried. @default ['GET', 'PUT', 'HEAD', 'DELETE'] */
  readonly methods?: readonly HttpMethod[];
  /** Statuses that are retried (timeouts and network errors always are). @default [408, 429, 500, 502, 503, 504] */
  readonly statusCodes?: readonly number[];
  /** Wait before the first retry, doubled each time. @default 300 */
  readonly backoffMs?: number;
}

/**
 * Options of {@link httpRequestNode}. Every string may hold `{{variable}}` templates.
 *
 * @example
 * ```ts
 * import { type HttpRequestNodeConfig, httpRequestNode } from '@observatory/nodes';
 * const config: HttpRequestNodeConfig = {
 *   method: 'POST',
 *   url: 'https://crm.example.com/tickets',
 *   headers: { Authorization: 'Bearer {{crmToken}}' },
 *   body: { subject: 'Chat {{session.id}}', text: '{{message.text}}' },
 *   saveResponseTo: 'ticket',
 *   responseMapping: { ticketId: 'body.id' },
 * };
 * const createTicket = httpRequestNode(config);
 * ```
 */
export interface HttpRequestNodeConfig {
  /** @default 'GET' */
  readonly method?: HttpMethod;
  /** Absolute http(s) URL; variable values are percent-encoded, so they fill a slot and never add a path or query. */
  readonly url: string;
  /** Query parameters, appended encoded. @default {} */
  readonly query?: Readonly<Record<string, string>>;
  /** Headers; a value that renders with a line break is refused. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Body: a JSON text template (values JSON-escaped where they land), an object whose string leaves are
   * templates, or for `bodyType: 'text' | 'form'` a text template / an object of field templates.
   */
  readonly body?: JsonValue;
  /** @default 'json' */
  readonly bodyType?: 'json' | 'text' | 'form';
  /** Per-attempt timeout in milliseconds. @default 10_000 */
  readonly timeout?: number;
  /** Retries (a number is shorthand for `{ limit }`). @default 0 (no retry) */
  readonly retry?: number | HttpRetryOptions;
  /** Variable that receives the response body (parsed JSON when the response is JSON, else text). */
  readonly saveResponseTo?: string;
  /** Variables set from the response: `{ orderStatus: 'body.data.status', httpStatus: 'status' }`. */
  readonly responseMapping?: Readonly<Record<string, string>>;
  /**
   * More names to keep out of the interaction log: headers, query parameters and JSON fields of that name, and
   * the values of variables of that name wherever they appear (also URL-encoded). Authorization, cookies, a
   * URL's password and anything named like a token, secret, password or API key — header, parameter, field or
   * variable — are always redacted.
   */
  readonly redact?: readonly string[];
  /** Missing template variables render empty or fail the node (port `error`). @default 'empty' */
  readonly onMissing?: OnMissingVariable;
  /** The fetch to use. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Step name in the interaction log. @default 'HTTP Request' */
  readonly name?: string;
}

/**
 * Ports of the HTTP Request node.
 *
 * @example
 * ```ts
 * import { type HttpRequestPort, httpRequestNode } from '@observatory/nodes';
 * const lookup = httpRequestNode({
 *   url: 'https://shop.example.com/orders/{{orderId}}', responseMapping: { orderStatus: 'body.status' },
 * });
 * const port: HttpRequestPort = await lookup.execute(ctx);
 * if (port === 'error') ctx.variables.set('orderStatus', 'unknown');
 * ```
 */
export type HttpRequestPort = 'next' | 'error';

const MAX_LOGGED_TEXT = 4_000;
const DEFAULT_RETRY = {
  limit: 2,
  methods: ['GET', 'PUT', 'HEAD', 'DELETE'],
  statusCodes: [408, 429, 500, 502, 503, 504],
  backoffMs: 300,
};

/**
 * The HTTP Request node: renders the request from variables — safely for each context —, sends it with a
 * timeout and bounded retries, maps the response into variables and records an `http` step with secrets
 * redacted. Takes `next` on a 2xx response, `error` on any failure (template, network, timeout, status,
 * cancelled turn).
 *
 * @example
 * ```ts
 * import { httpRequestNode } from '@observatory/nodes';
 * const lookup = httpRequestNode({
 *   method: 'GET',
 *   url: 'https://shop.example.com/orders/{{orderId}}',
 *   headers: { Authorization: 'Bearer {{shopToken}}' },
 *   timeout: 5_000,
 *   retry: 2,
 *   responseMapping: { orderStatus: 'body.status' },
 *   redact: ['shopToken'],
 * });
 * const port = await lookup.execute(ctx); // 'next' | 'error'
 * ```
 */
export function httpRequestNode(
  config: HttpRequestNodeConfig,
): WorkflowNode<HttpRequestNodeConfig, HttpRequestPort> {
  const retry = normalizeRetry(config.retry);
  const timeout = config.timeout ?? 10_000;
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new NodeConfigError('timeout', 'a positive number of ms', timeout);
  const method = config.method ?? 'GET';
  if ((method === 'GET' || method === 'HEAD') && config.body !== undefined) {
    throw new NodeConfigError('body', `no body for ${method}`);
  }
  for (const target of [config.saveResponseTo, ...Object.keys(config.responseMapping ?? {})]) {
    if (target !== undefined && SYSTEM_VARIABLES.includes(target)) {
      throw new NodeConfigError(
        'responseMapping',
        'a workflow variable (system variables are read-only)',
        target,
      );
    }
  }
  const isSecret = secretNameMatcher(config.redact);
  const name = config.name ?? 'HTTP Request';

  return {
    type: 'http_request',
    config,
    ports: ['next', 'error'],
    async execute(ctx: NodeContext): Promise<HttpRequestPort> {
      const started = performance.now();
      const scope = templateScope(ctx);
      const secrets = secretValues(scope, isSecret);
      let request: BuiltRequest | undefined;
      let attempts = 0;
      let response: { status: number; headers: Record<string, string>; body: unknown } | undefined;
      let failure: unknown;
      try {
        request = buildRequest(config, scope, config.onMissing ?? 'empty');
        // fetch refuses a URL with credentials, quoting it in its error.
        if (request.url.password !== '') secrets.push(request.url.password);
        for (const [header, value] of request.headers) {
          if (isSecret(header)) secrets.push(value, ...value.split(' ').slice(1));
        }
        const outcome = await sendWithRetry(
          request,
          config.fetch ?? globalThis.fetch,
          timeout,
          retry,
          ctx.signal,
          isSecret,
        );
        attempts = outcome.attempts;
        response = outcome.response;
        failure = outcome.error;
        if (response && failure === undefined) {
          if (config.saveResponseTo !== undefined) ctx.variables.set(config.saveResponseTo, response.body);
          for (const [variable, path] of Object.entries(config.responseMapping ?? {})) {
            ctx.variables.set(variable, readPath(response, path));
          }
        }
      } catch (error) {
        failure = error;
      }
      ctx.record({
        type: 'http',
        name,
        durationMs: Math.round(performance.now() - started),
        hasError: failure !== undefined,
        payload: redactValue(
          {
            request: request && {
              method: request.method,
              url: redactUrl(request.url, isSecret),
              headers: redactHeaders(request.headers, isSecret),
              ...(request.loggedBody === undefined ? {} : { body: request.loggedBody }),
            },
            attempts,
            // Redacted before shortening: a cut body is text, where secret-named fields are no longer seen.
            ...(response
              ? {
                  response: {
                    status: response.status,
                    body: shorten(redactValue(response.body, isSecret, secrets)),
                  },
                }
              : {}),
            ...(failure === undefined ? {} : { error: describe(failure) }),
          },
          isSecret,
          secrets,
        ) as Record<string, unknown>,
      });
      return failure === undefined ? 'next' : 'error';
    },
  };
}

function normalizeRetry(retry: HttpRequestNodeConfig['retry']): NormalizedRetry {
  const options = typeof retry === 'number' ? { limit: retry } : retry;
  if (options === undefined) return { ...DEFAULT_RETRY, limit: 0 };
  const limit = options.limit ?? DEFAULT_RETRY.limit;
  if (!Number.isInteger(limit) || limit < 0 || limit > 10) {
    throw new NodeConfigError('retry.limit', 'an integer from 0 to 10', limit);
  }
  return {
    limit,
    methods: options.methods ?? DEFAULT_RETRY.methods,
    statusCodes: options.statusCodes ?? DEFAULT_RETRY.statusCodes,
    backoffMs: options.backoffMs ?? DEFAULT_RETRY.backoffMs,
  };
}

function shorten(body: unknown): unknown {
  if (typeof body === 'string')
    return body.length > MAX_LOGGED_TEXT ? `${body.slice(0, MAX_LOGGED_TEXT)}…` : body;
  const json = JSON.stringify(body) ?? '';
  return json.length > MAX_LOGGED_TEXT ? `${json.slice(0, MAX_LOGGED_TEXT)}…` : body;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return error === undefined ? 'unknown error' : String(error);
}
