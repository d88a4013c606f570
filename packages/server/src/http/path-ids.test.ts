import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../../../test/support/raw-request.js';
import { type RunningServer, startObservatoryServer } from '../serve.js';

// Over a real socket, because a URL parser (fetch's, the Node adapter's) resolves `.` and `..` — even as
// `%2E%2E` — before any route sees them: `…/chat-sessions/%2E%2E/tags` would otherwise become `…/tags`.
const TOKEN = 'path-ids-token';
let server: RunningServer;

beforeAll(async () => {
  server = await startObservatoryServer({
    storeUrl: 'memory://',
    port: 0,
    auth: { tokens: [{ token: TOKEN, organizationId: 'acme' }] },
  });
});
afterAll(async () => {
  await server?.close();
});

/** Sends `path` exactly as written (no URL parsing on our side). */
const raw = (method: string, path: string, body?: unknown) =>
  rawRequest(server.port, method, path, { token: TOKEN, body });

describe('ids that would change the route are refused by name', () => {
  it.each([
    ['GET', '/organizations/acme/chat-sessions/%2E%2E', 'id'],
    ['GET', '/organizations/acme/chat-sessions/..', 'id'],
    ['GET', '/organizations/acme/chat-sessions/', 'id'],
    ['PATCH', '/organizations/acme/chat-sessions/%2E/tags', 'id'],
    ['PATCH', '/organizations/acme/chat-sessions//tags', 'id'],
    ['GET', '/organizations/acme/missed-questions/%2e/occurrences', 'id'],
    ['PATCH', '/organizations/acme/missed-questions/..', 'id'],
    ['GET', '/organizations/acme/chat-sessions/export/%2E%2E', 'id'],
    ['GET', '/orgs/acme/events/%2E%2E/session-variables', 'hbfEventId'],
    ['GET', '/organizations/%2E%2E/missed-questions', 'orgId'],
    ['GET', '/organizations/acme/chat-sessions/s1/%2E%2E/x', 'path'],
    ['POST', '/analytics/messages/%2E%2E/tags', 'id'],
    ['GET', '/organizations/acme/chat-sessions/subscribers/handle/..', 'handle'],
    ['GET', '/organizations/acme/chat-sessions/transcript/%2E', 'requestId'],
    ['GET', '/chat-sessions/export/%2E%2E', 'id'],
  ])('%s %s → 400 naming %s', async (method, path, field) => {
    const answer = await raw(method, path, method === 'GET' ? undefined : ['billing']);
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.json).toMatchObject({ status: 400, field });
  });

  it('still serves ordinary ids, including ones with dots inside', async () => {
    expect((await raw('GET', '/organizations/acme/chat-sessions/a..b')).json).toMatchObject({ status: 404 });
    expect((await raw('GET', '/organizations/acme/chat-sessions?pageSize=1')).status).toBe(200);
  });
});
