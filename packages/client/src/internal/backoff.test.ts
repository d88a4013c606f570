import { describe, expect, it } from 'vitest';
import { CLIENT_DEFAULTS } from '../transport/options.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './backoff.js';

const retry = { ...CLIENT_DEFAULTS.retry, baseDelayMs: 100, maxDelayMs: 1000 };

describe('backoff', () => {
  it('doubles the delay each attempt, jittered within [delay/2, delay], and caps it', () => {
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, retry, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, retry, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
  });

  it('retries 408, 429 and 5xx only', () => {
    const retryable = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504].filter(isRetryableStatus);
    expect(retryable).toEqual([408, 429, 500, 502, 503, 504]);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect([null, '', 'soon', '-1'].map((header) => parseRetryAfter(header, now))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
