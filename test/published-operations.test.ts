import { createObservatoryClient } from '@observatory/client';
import { describe, expect, it } from 'vitest';
import { CLIENT_METHODS, publishedOperations } from '../scripts/published-operations.js';

// The client column of docs/http-api.md's "Published operations" table names real client methods of real
// published operations (the server column is read from the server's OpenAPI document, so it cannot drift).
describe('published operations table', () => {
  const client = createObservatoryClient({
    baseUrl: 'http://127.0.0.1:9',
    token: 't',
    organizationId: 'org-1',
  }) as unknown as Record<string, Record<string, unknown>>;

  it('names only operations the published specs declare', () => {
    const ids = new Set(publishedOperations().map((op) => op.operationId));
    expect(Object.keys(CLIENT_METHODS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('names only methods the client has', () => {
    const missing = Object.values(CLIENT_METHODS)
      .flat()
      .filter((name) => {
        const [resource = '', method = ''] = name.split('.');
        return typeof client[resource]?.[method] !== 'function';
      });
    expect(missing).toEqual([]);
  });
});
