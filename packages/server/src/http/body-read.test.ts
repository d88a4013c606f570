import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startObservatoryServer } from '../serve.js';

// The errors a caller gets for a body, over a real socket (the Node adapter reads the body, not `app.request`),
// with the body's length announced and sent chunked: the same answer either way.

const ORG = 'acme';
const TOKEN = 'body-read-token';
const LIMIT = 4_096;
const path = `/organizations/${ORG}/chat-sessions`;

interface Answer {
  readonly status: number;
  readonly type: string | undefined;
  readonly body: Record<string, unknown>;
}

function post(base: string, body: Buffer, framing: 'length' | 'chunked'): Promise<Answer> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
    ...(framing === 'chunked'
      ? { 'transfer-encoding': 'chunked' }
      : { 'content-length': String(body.length) }),
  };
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        }),
      );
    });
    // A 413 may come before the body is sent whole, and the server then closes: that is an answer.
    req.on('error', () => undefined);
    if (framing === 'chunked') {
      // Two chunks, split inside the first multi-byte character (if any), so a reader must join them.
      const multiByte = body.findIndex((byte) => byte >= 0x80);
      const half = multiByte >= 0 ? multiByte + 1 : Math.floor(body.length / 2);
      req.write(body.subarray(0, half));
      req.end(body.subarray(half));
    } else {
      req.end(body);
    }
  });
}

const session = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `s-${Math.random().toString(36).slice(2)}`,
    tenantId: 'faq-bot',
    subscriberHandle: 'visitor',
    createdAt: '2026-11-20T09:00:00Z',
    ...extra,
  });

let server: RunningServer;
beforeAll(async () => {
  server = await startObservatoryServer({
    storeUrl: 'memory://',
    port: 0,
    maxBodyBytes: LIMIT,
    auth: { tokens: [{ token: TOKEN, organizationId: ORG }] },
  });
});
afterAll(async () => {
  await server.close();
});

describe.each(['length', 'chunked'] as const)('a session body sent with %s framing', (framing) => {
  it('is stored when it is JSON in UTF-8 within the size limit, multi-byte characters split across chunks', async () => {
    const answer = await post(server.url, Buffer.from(session({ subscriberHandle: 'Ζωή 👩‍🚀' })), framing);
    expect(answer.status).toBe(201);
  });

  it('is refused with 413 over the size limit', async () => {
    const answer = await post(server.url, Buffer.from(session({ summary: 'x'.repeat(LIMIT) })), framing);
    expect(answer).toEqual({
      status: 413,
      type: 'application/problem+json',
      body: {
        type: 'about:blank',
        title: 'Content Too Large',
        status: 413,
        detail: 'The request body is too large',
      },
    });
  });

  it('is refused with 400 when it is not JSON', async () => {
    const answer = await post(server.url, Buffer.from('{"id": "s1",'), framing);
    expect(answer).toEqual({
      status: 400,
      type: 'application/problem+json',
      body: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request body is not valid JSON',
        field: 'body',
      },
    });
  });

  it('is refused with 400 when it is not UTF-8', async () => {
    const text = Buffer.from(session({ subscriberHandle: 'café' }));
    const at = text.indexOf('é');
    const damaged = Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28]), text.subarray(at + 2)]);
    const answer = await post(server.url, damaged, framing);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      field: 'body',
      expected: 'JSON text in UTF-8 (the body holds invalid UTF-8)',
    });
  });

  it('is refused with 400 naming the path of text that cannot be stored', async () => {
    const answer = await post(server.url, Buffer.from(session({ metadata: { note: 'a\u0000b' } })), framing);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      field: 'metadata.note',
      expected: 'text without NUL characters or unpaired surrogates',
    });
  });
});
