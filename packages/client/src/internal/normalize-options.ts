import { assertPathSegment, MAX_PAGE_SIZE, ObservatoryInputError } from '@observatory/core';
import {
  CLIENT_DEFAULTS,
  type ObservatoryClientOptions,
  type ResolvedOptions,
} from '../transport/options.js';

/** Validates the client options once, at the boundary, and fills in {@link CLIENT_DEFAULTS}. */
export function normalizeOptions(options: ObservatoryClientOptions): ResolvedOptions {
  const baseUrl = checkUrl(options.baseUrl, 'baseUrl');
  const dataManagerUrl =
    options.dataManagerUrl === undefined ? undefined : checkUrl(options.dataManagerUrl, 'dataManagerUrl');
  if (typeof options.token !== 'string' || options.token === '') {
    // The token itself is never echoed back.
    throw new ObservatoryInputError('token', 'a non-empty bearer token');
  }
  // Every path starts with the organization: one of '', '.' or '..' would address another route.
  assertPathSegment(options.organizationId, 'organizationId');
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
    token: options.token,
    organizationId: options.organizationId,
    // Resolved per call, so a fetch patched after the client was created (e.g. by msw) is honoured.
    fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeout,
    retry,
    headers: { ...options.headers },
    iteratePageSize,
    maxPages,
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
