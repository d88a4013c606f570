import { assertPathSegment, MAX_PAGE_SIZE, ObservatoryInputError } from '@observatory/core';
import {
  CLIENT_DEFAULTS,
  CLIENT_ENV,
  type ObservatoryClientOptions,
  type ResolvedOptions,
} from '../transport/options.js';

/**
 * Validates the client options once, at the boundary, and fills in {@link CLIENT_DEFAULTS}; `baseUrl`, `token`
 * and `organizationId` left out come from `env` ({@link CLIENT_ENV}).
 */
export function normalizeOptions(
  options: ObservatoryClientOptions,
  env: Readonly<Record<string, string | undefined>> = processEnv(),
): ResolvedOptions {
  const fromEnv = (option: keyof typeof CLIENT_ENV, what: string): string => {
    const given = options[option] ?? env[CLIENT_ENV[option]];
    // An empty variable is as good as none (`export OBSERVATORY_TOKEN=` in a shell).
    if (given === undefined || (options[option] === undefined && given === '')) {
      throw new ObservatoryInputError(
        option,
        `${what} in the \`${option}\` option or the ${CLIENT_ENV[option]} environment variable`,
      );
    }
    return given;
  };
  const baseUrl = checkUrl(fromEnv('baseUrl', 'an absolute http(s) URL'), 'baseUrl');
  const dataManagerUrl =
    options.dataManagerUrl === undefined ? undefined : checkUrl(options.dataManagerUrl, 'dataManagerUrl');
  const token = fromEnv('token', 'a bearer token');
  if (typeof token !== 'string' || token === '') {
    // The token itself is never echoed back.
    throw new ObservatoryInputError('token', 'a non-empty bearer token');
  }
  const organizationId = fromEnv('organizationId', 'an organization id');
  // Every path starts with the organization: one of '', '.' or '..' would address another route.
  assertPathSegment(organizationId, 'organizationId');
  const retryInput = typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
  const retry = { ...CLIENT_DEFAULTS.retry, ...stripUndefined(retryInput) };
  checkCount(retry.limit, 'retry.limit', 0);
  checkCount(retry.baseDelayMs, 'retry.baseDelayMs', 0);
  checkCount(retry.maxDelayMs, 'retry.maxDelayMs', 0);
  checkCount(retry.maxRetryAfterMs, 'retry.maxRetryAfterMs', 0);
  const timeout = options.timeout ?? CLIENT_DEFAULTS.timeout;
  checkCount(timeout, 'timeout', 1);
  const iteratePageSize = options.iteratePageSize ?? CLIENT_DEFAULTS.iteratePageSize;
  checkCount(iteratePageSize, 'iteratePageSize', 1);
  if (iteratePageSize > MAX_PAGE_SIZE) {
    throw new ObservatoryInputError(
      'iteratePageSize',
      `an integer from 1 to ${MAX_PAGE_SIZE}`,
      iteratePageSize,
    );
  }
  const maxPages = options.maxPages ?? CLIENT_DEFAULTS.maxPages;
  checkCount(maxPages, 'maxPages', 1);
  checkHeaders(options.headers);
  const customFetch = options.fetch;
  return {
    baseUrl,
    dataManagerUrl,
    token,
    organizationId,
    // Resolved per call, so a fetch patched after the client was created (e.g. by msw) is honoured.
    fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeout,
    retry,
    headers: { ...options.headers },
    iteratePageSize,
    maxPages,
    now: checkClock(options.now),
  };
}

/** The process's environment where there is one (Node, Bun, Deno with compat); none in a browser. */
function processEnv(): Readonly<Record<string, string | undefined>> {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return process?.env ?? {};
}

function checkClock(now: ObservatoryClientOptions['now']): () => Date {
  if (now === undefined) return () => new Date();
  if (typeof now !== 'function')
    throw new ObservatoryInputError('now', 'a function returning the current Date');
  return () => {
    const value = now();
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new ObservatoryInputError('now', 'a function returning a valid Date', value);
    }
    return value;
  };
}

function checkUrl(value: string, field: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.href.replace(/\/+$/, '');
  } catch {
    throw new ObservatoryInputError(field, 'an absolute http(s) URL', value);
  }
}

function checkHeaders(headers: ObservatoryClientOptions['headers']): void {
  try {
    new Headers(headers);
  } catch {
    // Values are not echoed back: a header may hold a secret.
    throw new ObservatoryInputError('headers', 'valid HTTP header names and values');
  }
}

function checkCount(value: number, field: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min)
    throw new ObservatoryInputError(field, `an integer >= ${min}`, value);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
