import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeContext } from '../context/create-node-context.js';
import { NodeConfigError } from '../errors/errors.js';
import { LoopbackObservatory } from '../internal/testing/loopback-observatory.js';
import { httpRequestNode } from './http-request-node.js';
import { missedQuestionRequestConfig } from './missed-question-request.js';

const server = new LoopbackObservatory();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
  server.occurrences.clear();
  server.respond = ({ url }) => ({
    status: 200,
    body: { echoed: url, data: { status: 'shipped', items: [{ id: 'i1' }] } },
  });
});

function turn(variables: Record<string, unknown>) {
  const ctx = createNodeContext({ session: { id: 's1', tenantId: 'faq-bot' }, variables });
  ctx.beginTurn({ id: 'm1', text: 'Where is my order?' });
  return ctx;
}

describe('httpRequestNode — templates cannot change the request structure', () => {
  it('percent-encodes URL values so they cannot add path, query or fragment', async () => {
    const ctx = turn({ id: 'A-1/../../admin?x=1#frag' });
    const node = httpRequestNode({ url: `${server.baseUrl}/orders/{{id}}/status` });
    expect(await node.execute(ctx)).toBe('next');
    expect(server.requests[0]?.url).toBe('/orders/A-1%2F..%2F..%2Fadmin%3Fx%3D1%23frag/status');
  });

  it('refuses dot segments that would move the path', async () => {
    for (const id of ['..', '.']) {
      const ctx = turn({ id });
      expect(await httpRequestNode({ url: `${server.baseUrl}/orders/{{id}}` }).execute(ctx)).toBe('error');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('adds query values as single parameters', async () => {
    const ctx = turn({ q: 'shoes&admin=true' });
    await httpRequestNode({ url: `${server.baseUrl}/search`, query: { q: '{{q}}' } }).execute(ctx);
    const url = new URL(server.requests[0]?.url ?? '', server.baseUrl);
    expect([...url.searchParams]).toEqual([['q', 'shoes&admin=true']]);
  });

  it('refuses header values with line breaks (no header injection)', async () => {
    const ctx = turn({ name: 'x\r\nX-Admin: true' });
    const node = httpRequestNode({ url: `${server.baseUrl}/h`, headers: { 'X-Name': '{{name}}' } });
    expect(await node.execute(ctx)).toBe('error');
    expect(server.requests).toHaveLength(0);
    expect(ctx.steps[0]).toMatchObject({ type: 'http', hasError: true });
  });

  it('JSON-escapes values inside JSON string templates and in value position', async () => {
    const evil = '", "role": "admin", "x": "';
    const ctx = turn({ name: evil, count: 3, tags: ['a"b'], note: 'line\nbreak \\ "q"' });
    const node = httpRequestNode({
      method: 'POST',
      url: `${server.baseUrl}/users`,
      body: '{"name": "{{name}}", "count": {{count}}, "tags": {{tags}}, "missing": {{nothing}}, "note": "n: {{note}}"}',
    });
    expect(await node.execute(ctx)).toBe('next');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      name: evil,
      count: 3,
      tags: ['a"b'],
      missing: null,
      note: 'n: line\nbreak \\ "q"',
    });
  });

  it('renders object bodies leaf by leaf as text', async () => {
    const ctx = turn({ name: '{"$ne": null}' });
    await httpRequestNode({
      method: 'POST',
      url: `${server.baseUrl}/u`,
      body: { user: { name: '{{name}}' } },
    }).execute(ctx);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ user: { name: '{"$ne": null}' } });
  });
});

describe('httpRequestNode — responses, errors and the log', () => {
  it('maps the response into variables', async () => {
    const ctx = turn({ id: '7' });
    const node = httpRequestNode({
      url: `${server.baseUrl}/orders/{{id}}`,
      saveResponseTo: 'order',
      responseMapping: {
        orderStatus: 'body.data.status',
        firstItem: 'body.data.items[0].id',
        httpStatus: 'status',
      },
    });
    expect(await node.execute(ctx)).toBe('next');
    expect(ctx.variables.get('orderStatus')).toBe('shipped');
    expect(ctx.variables.get('firstItem')).toBe('i1');
    expect(ctx.variables.get('httpStatus')).toBe(200);
    expect(ctx.variables.get('order')).toMatchObject({ echoed: '/orders/7' });
  });

  it('redacts Authorization, tokens and configured secrets in the recorded step', async () => {
    const ctx = turn({ shopToken: 'sk_live_abcdef123', pin: '98765' });
    const node = httpRequestNode({
      method: 'POST',
      url: `${server.baseUrl}/pay`,
      query: { access_token: '{{shopToken}}', page: '1' },
      headers: { Authorization: 'Bearer {{shopToken}}', 'X-Pin': '{{pin}}' },
      body: { pin: '{{pin}}', note: 'token is {{shopToken}}' },
      redact: ['pin', 'X-Pin'],
    });
    await node.execute(ctx);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk_live_abcdef123');
    const logged = JSON.stringify(ctx.steps[0]);
    expect(logged).not.toContain('sk_live_abcdef123');
    expect(logged).not.toContain('98765');
    expect(ctx.steps[0]?.payload).toMatchObject({
      request: { method: 'POST', body: { note: 'token is [REDACTED]' } },
    });
  });

  it('redacts secrets wherever they land: URL path and query (encoded), long responses, URL passwords', async () => {
    server.respond = () => ({
      status: 200,
      body: { access_token: 'resp-secret-4711', padding: 'x'.repeat(5_000) },
    });
    const ctx = turn({ hookToken: 'hook/secret value', pin: 'a b+c/d' });
    const node = httpRequestNode({
      url: `${server.baseUrl}/hooks/{{hookToken}}?v={{pin}}`,
      query: { p: '{{pin}}' },
      redact: ['pin'],
    });
    expect(await node.execute(ctx)).toBe('next');
    expect(server.requests[0]?.url).toContain(encodeURIComponent('hook/secret value'));
    const logged = JSON.stringify(ctx.steps[0]);
    for (const secret of ['hook/secret value', 'a b+c/d', 'resp-secret-4711']) {
      expect(logged).not.toContain(secret);
      expect(logged).not.toContain(encodeURIComponent(secret));
      expect(logged).not.toContain(new URLSearchParams({ v: secret }).toString().slice(2));
    }
    expect(ctx.steps[0]?.payload).toMatchObject({
      request: { url: `${server.baseUrl}/hooks/[REDACTED]?v=[REDACTED]&p=[REDACTED]` },
    });

    const withPassword = turn({});
    const url = server.baseUrl.replace('http://', 'http://user:url-pass-0815@');
    expect(await httpRequestNode({ url: `${url}/x` }).execute(withPassword)).toBe('error');
    expect(JSON.stringify(withPassword.steps[0])).not.toContain('url-pass-0815');
  });

  it('takes port error on a timeout', async () => {
    server.respond = () => ({ status: 200, body: {}, delayMs: 500 });
    const ctx = turn({});
    expect(await httpRequestNode({ url: `${server.baseUrl}/slow`, timeout: 50 }).execute(ctx)).toBe('error');
    expect(ctx.steps[0]?.payload).toMatchObject({ attempts: 1, error: expect.stringMatching(/Timeout/) });
  });

  it('retries retriable statuses a bounded number of times, then takes port error', async () => {
    server.respond = () => ({ status: 503, body: { error: 'down' } });
    const ctx = turn({});
    const port = await httpRequestNode({
      url: `${server.baseUrl}/flaky`,
      retry: { limit: 2, backoffMs: 1 },
    }).execute(ctx);
    expect(port).toBe('error');
    expect(server.requests).toHaveLength(3);
    expect(ctx.steps[0]?.payload).toMatchObject({ attempts: 3, response: { status: 503 } });
  });

  it('does not retry POST unless told, and succeeds after a transient failure when told', async () => {
    let calls = 0;
    server.respond = () => (++calls === 1 ? { status: 502 } : { status: 201, body: { ok: true } });
    expect(
      await httpRequestNode({ method: 'POST', url: `${server.baseUrl}/p`, retry: 2 }).execute(turn({})),
    ).toBe('error');
    calls = 0;
    const node = httpRequestNode({
      method: 'POST',
      url: `${server.baseUrl}/p`,
      retry: { limit: 2, methods: ['POST'], backoffMs: 1 },
    });
    expect(await node.execute(turn({}))).toBe('next');
  });

  it('rejects configs it cannot run', () => {
    expect(() => httpRequestNode({ url: 'http://127.0.0.1/x', body: 'x' })).toThrow(NodeConfigError);
    expect(() =>
      httpRequestNode({ url: 'http://127.0.0.1/x', responseMapping: { missedQuestionsCount: 'status' } }),
    ).toThrow(NodeConfigError);
    expect(() => httpRequestNode({ url: 'http://127.0.0.1/x', retry: 1000 })).toThrow(NodeConfigError);
  });
});

describe('missedQuestionRequestConfig', () => {
  it('sends the platform MissedQuestionCreateDto, idempotently, with the token redacted', async () => {
    server.respond = undefined;
    const node = httpRequestNode(
      missedQuestionRequestConfig({ baseUrl: `${server.baseUrl}/`, organizationId: 'acme' }),
    );
    const ctx = turn({ observatoryToken: 'jwt-secret-value' });
    expect(await node.execute(ctx)).toBe('next');
    expect(await node.execute(ctx)).toBe('next');
    expect(server.requests[0]?.url).toBe('/organizations/acme/missed-questions');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer jwt-secret-value');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      missedQuestion: { question: 'Where is my order?', tenantId: 'faq-bot' },
      sessionId: 's1',
      messageId: 'm1',
    });
    expect(server.occurrences.size).toBe(1);
    expect(JSON.stringify(ctx.steps)).not.toContain('jwt-secret-value');
  });
});
