import { describe, expect, it } from 'vitest';
import { CLIENT_DEFAULTS } from '../transport/options.js';
import { normalizeOptions } from './normalize-options.js';

const valid = { baseUrl: 'http://127.0.0.1:4318/', token: 'secret-token', organizationId: 'org-1' };
const fieldOf = (options: object) => {
  try {
    normalizeOptions({ ...valid, ...options });
  } catch (error) {
    expect(String(error)).not.toContain('secret-token');
    return (error as { name: string; field: string }).name === 'ObservatoryInputError'
      ? (error as { field: string }).field
      : error;
  }
  return undefined;
};

describe('client options', () => {
  it('fills in CLIENT_DEFAULTS and trims the base URL', () => {
    const resolved = normalizeOptions({ ...valid, retry: 5 });
    expect(resolved).toMatchObject({
      baseUrl: 'http://127.0.0.1:4318',
      timeout: CLIENT_DEFAULTS.timeout,
      retry: { ...CLIENT_DEFAULTS.retry, limit: 5 },
      iteratePageSize: CLIENT_DEFAULTS.iteratePageSize,
      maxPages: CLIENT_DEFAULTS.maxPages,
      dataManagerUrl: undefined,
    });
  });

  it('names the field of every bad option, never echoing the token', () => {
    expect(fieldOf({ baseUrl: 'ftp://x' })).toBe('baseUrl');
    expect(fieldOf({ dataManagerUrl: 'not a url' })).toBe('dataManagerUrl');
    expect(fieldOf({ token: '' })).toBe('token');
    expect(fieldOf({ organizationId: '' })).toBe('organizationId');
    expect(fieldOf({ organizationId: '.' })).toBe('organizationId');
    expect(fieldOf({ organizationId: '..' })).toBe('organizationId');
    expect(fieldOf({ timeout: 0 })).toBe('timeout');
    expect(fieldOf({ retry: { limit: -1 } })).toBe('retry.limit');
    expect(fieldOf({ retry: { baseDelayMs: 1.5 } })).toBe('retry.baseDelayMs');
    expect(fieldOf({ iteratePageSize: 1001 })).toBe('iteratePageSize');
    expect(fieldOf({ maxPages: 0 })).toBe('maxPages');
    expect(fieldOf({ headers: { 'bad header': 'secret-token' } })).toBe('headers');
    expect(fieldOf({})).toBeUndefined();
  });
});
