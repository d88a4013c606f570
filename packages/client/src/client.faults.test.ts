import { gzipSync } from 'node:zlib';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createObservatoryClient } from './client.js';
import {
  isObservatoryApiError,
  isObservatoryError,
  isObservatoryNetworkError,
  isObservatoryTimeoutError,
  isObservatoryValidationError,
} from './errors/errors.js';

const baseUrl = 'http://127.0.0.1:4320';
const token = 'secret-token-do-not-leak';
const sessionsUrl = `${baseUrl}/organizations/org-1/chat-sessions`;
const wireSession = (id: string) => ({
  id,
  tenantId: 'faq-bot',
  subscriberHandle: 'u1',
  containsUserInteraction: true,
  createdAt: '2026-11-25T10:00:00Z',
});
const server = setupServer();
const client = (
  options: { timeout?: number; retry?: number; maxPages?: number; iteratePageSize?: number } = {},
) =>
  createObservatoryClient({
    baseUrl,
    token,
    organizationId: 'org-1',
    retry: { limit: options.retry ?? 2, baseDelayMs: 1, maxDelayMs: 5 },
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }),
    ...(options.iteratePageSize === undefined ? {} : { iteratePageSize: options.iteratePageSize }),
  });
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const noToken = (error: unknown) => {
  expect(JSON.stringify(error)).not.toContain(token);
  expect(String(error)).not.toContain(token);
  expect(String((error as Error).cause ?? '')).not.toContain(token);
};

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('fault injection', () => {
  it('times out every attempt and throws ObservatoryTimeoutError after the retries', async () => {
    let attempts = 0;
    server.use(
      http.get(sessionsUrl, async () => {
        attempts++;
        await delay(500);
        return HttpResponse.json([]);
      }),
    );
    const error = await caught(client({ timeout: 50, retry: 1 }).sessions.list());
    expect(isObservatoryTimeoutError(error) && error.timeoutMs).toBe(50);
    expect(attempts).toBe(2);
    noToken(error);
  });

  it('retries a reset connection, then throws ObservatoryNetworkError with its cause', async () => {
    let attempts = 0;
    server.use(
      http.get(sessionsUrl, () => {
        attempts++;
        return HttpResponse.error();
      }),
    );
    const error = await caught(client({ retry: 2 }).sessions.list());
    expect(isObservatoryNetworkError(error)).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(attempts).toBe(3);
    noToken(error);
  });

  it('waits Retry-After on 429, then succeeds', async () => {
    const seen: number[] = [];
    server.use(
      http.get(sessionsUrl, () => {
        seen.push(Date.now());
        if (seen.length === 1)
          return new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } });
        return HttpResponse.json({ items: [wireSession('s1')], page: 0, pageSize: 20, total: 1 });
      }),
    );
    const page = await client().sessions.list();
    expect(page.items.map((s) => s.id)).toEqual(['s1']);
    expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs', async () => {
    server.use(
      http.get(
        sessionsUrl,
        () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '3600' } }),
      ),
    );
    const error = await caught(client().sessions.list());
    expect(isObservatoryApiError(error) && error.status).toBe(429);
  });

  it('retries a 500 and returns the following success', async () => {
    let attempts = 0;
    server.use(
      http.get(sessionsUrl, () => {
        attempts++;
        return attempts === 1
          ? HttpResponse.json({ title: 'boom' }, { status: 500 })
          : HttpResponse.json({ items: [], page: 0, pageSize: 20, total: 0 });
      }),
    );
    expect((await client().sessions.list()).total).toBe(0);
    expect(attempts).toBe(2);
  });

  it('raises ObservatoryValidationError for malformed JSON, without retrying', async () => {
    let attempts = 0;
    server.use(
      http.get(sessionsUrl, () => {
        attempts++;
        return new HttpResponse('{"items": [', { headers: { 'content-type': 'application/json' } });
      }),
    );
    const error = await caught(client().sessions.list());
    if (!isObservatoryValidationError(error)) throw error;
    expect(error.message).toMatch(/not valid JSON \(11 chars\)/);
    expect(error.request).toEqual({ method: 'GET', url: `${sessionsUrl}?page=0&pageSize=20` });
    expect(attempts).toBe(1);
  });

  it('accepts unknown extra fields at every level of a response', async () => {
    server.use(
      http.get(sessionsUrl, () =>
        HttpResponse.json({
          items: [{ ...wireSession('s1'), futureField: { nested: [1] }, metadata: { newKey: 'x' } }],
          page: 0,
          pageSize: 20,
          total: 1,
          cursor: 'next',
        }),
      ),
    );
    const page = await client().sessions.list();
    expect(page.items.map((s) => [s.id, s.agentId])).toEqual([['s1', 'faq-bot']]);
  });

  it('raises ObservatoryValidationError with the issues and the request for a schema-breaking body', async () => {
    server.use(
      http.get(sessionsUrl, () =>
        HttpResponse.json({
          items: [{ ...wireSession('s1'), duration: 'long' }],
          page: 0,
          pageSize: 20,
          total: 1,
        }),
      ),
    );
    const error = await caught(client().sessions.list({ agents: ['faq-bot'] }));
    if (!isObservatoryValidationError(error)) throw error;
    expect(error.issues.some((issue) => issue.path.join('.').endsWith('duration'))).toBe(true);
    expect(error.request).toMatchObject({ method: 'GET' });
    expect(error.request?.url).toContain('tenantsFilter=faq-bot');
  });

  it('reads what the spec lets a session leave out with the documented fallbacks, and keeps unknown statuses', async () => {
    // The spec requires only subscriberHandle and containsUserInteraction of a session (tenantId is write-only).
    server.use(
      http.get(`${sessionsUrl}/s1`, () =>
        HttpResponse.json({
          subscriberHandle: '',
          containsUserInteraction: true,
          duration: -5,
          csatSurveys: [{ id: '', status: 'SKIPPED' }],
          messages: [
            { id: 'm1', message: 'Hi', isUserInteraction: true, date: '2026-11-25T10:00:00+02:00' },
            { message: 'Hello' },
          ],
        }),
      ),
    );
    const session = await client().sessions.get('s1');
    expect(session).toMatchObject({
      id: 's1',
      agentId: 'unknown',
      contact: { id: 'unknown' },
      createdAt: '2026-11-25T08:00:00.000Z',
      durationMs: 0,
      csatSurveys: [{ id: 's1#csat0', status: 'SKIPPED' }],
      messages: [
        { id: 'm1', createdAt: '2026-11-25T08:00:00.000Z' },
        { id: 's1#1', createdAt: '2026-11-25T08:00:00.000Z' },
      ],
    });
  });

  it('names the JSON path of the offending value in the answer', async () => {
    server.use(
      http.get(`${sessionsUrl}/s1`, () =>
        HttpResponse.json({
          ...wireSession('s1'),
          messages: [
            { id: 'm1', date: '2026-11-25T10:00:00Z' },
            { id: 'm2', date: 'yesterday' },
          ],
        }),
      ),
      http.get(`${baseUrl}/organizations/org-1/missed-questions/q1/occurrences`, () =>
        HttpResponse.json({ id: 'o1', sessionId: 's1', date: 'soon' }),
      ),
      http.get(sessionsUrl, () =>
        HttpResponse.json({ items: [wireSession('s1'), { ...wireSession('s2'), tags: ['a', 7] }] }),
      ),
    );
    const messages = await caught(client().sessions.get('s1'));
    // What was expected there reads as words after "expected", not zod's "Invalid ISO datetime".
    expect(String(messages)).toMatch(
      / at \$\.messages\[1\]\.date: expected an ISO 8601 date-time with Z or an offset, such as 2026-11-01T09:30:00Z$/,
    );
    const occurrence = await caught(client().missedQuestions.occurrences('q1'));
    expect(String(occurrence)).toContain(' at $.date: expected an ISO 8601 date-time');
    const list = await caught(client().sessions.list());
    expect(String(list)).toMatch(/ at \$\.items\[1\]\.tags\[1\]: expected a string$/);
  });

  it('throws ObservatoryApiError for a 401 at once, with the problem and request id, never the token', async () => {
    let attempts = 0;
    server.use(
      http.get(sessionsUrl, () => {
        attempts++;
        return HttpResponse.json(
          { status: 'error', error: 'Invalid token' },
          { status: 401, headers: { 'x-request-id': 'req-42' } },
        );
      }),
    );
    const error = await caught(client().sessions.list());
    if (!isObservatoryApiError(error)) throw error;
    expect(error).toMatchObject({
      status: 401,
      requestId: 'req-42',
      method: 'GET',
      problem: { error: 'Invalid token' },
    });
    expect(attempts).toBe(1);
    noToken(error);
  });

  it('iterate stops on an empty last page even when total claims more', async () => {
    const requested: number[] = [];
    server.use(
      http.get(sessionsUrl, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        requested.push(page);
        const items = page === 0 ? [wireSession('a'), wireSession('b')] : [];
        return HttpResponse.json({ items, page, pageSize: 2, total: 99 });
      }),
    );
    const ids: string[] = [];
    for await (const session of client({ iteratePageSize: 2 }).sessions.iterate()) ids.push(session.id);
    expect(ids).toEqual(['a', 'b']);
    expect(requested).toEqual([0, 1]);
  });

  it('iterate stops on a short page of a bare array (total unknown)', async () => {
    const requested: number[] = [];
    server.use(
      http.get(sessionsUrl, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        requested.push(page);
        return HttpResponse.json(page === 0 ? [wireSession('a'), wireSession('b')] : [wireSession('c')]);
      }),
    );
    const ids: string[] = [];
    for await (const session of client({ iteratePageSize: 2 }).sessions.iterate()) ids.push(session.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(requested).toEqual([0, 1]);
  });

  it('iterate follows a server that caps the page size below the one asked for', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    server.use(
      http.get(sessionsUrl, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        const items = all.slice(page * 2, page * 2 + 2).map(wireSession);
        return HttpResponse.json({ items, page, pageSize: 2, total: all.length });
      }),
    );
    const ids: string[] = [];
    for await (const session of client({ iteratePageSize: 100 }).sessions.iterate()) ids.push(session.id);
    expect(ids).toEqual(all);
  });

  it('iterate hard-stops after maxPages when the server keeps returning full pages', async () => {
    server.use(http.get(sessionsUrl, () => HttpResponse.json([wireSession('x'), wireSession('y')])));
    const walk = async () => {
      for await (const _ of client({ iteratePageSize: 2, maxPages: 3 }).sessions.iterate());
    };
    const error = await caught(walk());
    expect(isObservatoryError(error) && error.message).toMatch(/3 pages/);
  });

  it('iterate honours an aborted signal between pages', async () => {
    server.use(http.get(sessionsUrl, () => HttpResponse.json([wireSession('x'), wireSession('y')])));
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = async () => {
      for await (const session of client({ iteratePageSize: 2 }).sessions.iterate(
        {},
        { signal: controller.signal },
      )) {
        seen.push(session.id);
        controller.abort(new Error('stop'));
      }
    };
    await expect(walk()).rejects.toThrow('stop');
    expect(seen.length).toBeLessThanOrEqual(2);
  });

  it('a per-call timeout overrides the client timeout', async () => {
    server.use(
      http.get(sessionsUrl, async () => {
        await delay(500);
        return HttpResponse.json([]);
      }),
    );
    const error = await caught(client({ timeout: 10_000, retry: 0 }).sessions.list({}, { timeout: 30 }));
    expect(isObservatoryTimeoutError(error) && error.timeoutMs).toBe(30);
  });

  it('a per-call signal aborts the request in flight with its reason, without retrying', async () => {
    let attempts = 0;
    server.use(
      http.get(sessionsUrl, async () => {
        attempts++;
        await delay(500);
        return HttpResponse.json([]);
      }),
    );
    const reason = new Error('user cancelled');
    const error = await caught(client({ retry: 2 }).sessions.list({}, { signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 20);
    expect(await caught(client({ retry: 2 }).sessions.list({}, { signal: controller.signal }))).toBe(reason);
    expect(attempts).toBe(1);
  });

  it('refuses an empty, "." or ".." id before sending anything: each would address another route', async () => {
    const sent: string[] = [];
    const recording = createObservatoryClient({
      baseUrl,
      dataManagerUrl: 'http://127.0.0.1:4321',
      token,
      organizationId: 'org-1',
      retry: 0,
      fetch: async (request) => {
        sent.push(`${request.method} ${request.url}`);
        return new Response('{}');
      },
    });
    for (const id of ['', '.', '..']) {
      const calls = [
        recording.sessions.get(id),
        recording.sessions.setTags(id, ['a']),
        // An empty export id is refused earlier, as `exportOptions.sessionId`.
        ...(id === '' ? [] : [recording.sessions.export({}, { sessionId: id })]),
        recording.missedQuestions.get(id),
        recording.missedQuestions.update(id, { status: 'RESOLVED' }),
        recording.missedQuestions.occurrences(id),
        recording.missedQuestions.details(id),
      ];
      for (const call of calls) {
        expect(await caught(call)).toMatchObject({
          name: 'ObservatoryInputError',
          field: 'id',
          expected: 'a non-empty id other than "." and ".."',
        });
      }
    }
    expect(sent).toEqual([]);
  });

  it('sets no status on a question whose answer lacks its agent or wording, rather than send a stand-in back', async () => {
    // The PATCH takes a whole MissedQuestionDto (tenantId and question required); the GET answer may omit both.
    for (const answer of [
      { occurrences: 3, question: 'Do you ship to Cyprus?' },
      { occurrences: 3, tenantId: 'faq' },
    ]) {
      const sent: string[] = [];
      const recording = createObservatoryClient({
        baseUrl,
        token,
        organizationId: 'org-1',
        retry: 0,
        fetch: async (request) => {
          sent.push(request.method);
          return Response.json(answer);
        },
      });
      const error = await caught(recording.missedQuestions.update('q1', { status: 'RESOLVED' }));
      expect(error).toMatchObject({ name: 'ObservatoryValidationError' });
      expect(String((error as Error).message)).toMatch('question' in answer ? /tenantId/ : /question/);
      expect(sent).toEqual(['GET']);
    }
  });

  it('refuses an export format the platform does not have, naming the field', async () => {
    const error = await caught(client().sessions.export({}, { fileType: 'pdf' as 'csv' }));
    expect(error).toMatchObject({ name: 'ObservatoryInputError', field: 'exportOptions.fileType' });
  });

  it('hands an export over while the server is still sending it: never buffered whole', async () => {
    let finish: () => void = () => undefined;
    const rest = new Promise<void>((resolve) => {
      finish = resolve;
    });
    server.use(
      http.get(`${sessionsUrl}/export`, () => {
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode('id;agent\n'));
            // The rest is sent only once the caller has read the first chunk.
            await rest;
            controller.enqueue(encoder.encode('s1;faq-bot\n'));
            controller.close();
          },
        });
        return new HttpResponse(body, { headers: { 'content-type': 'text/csv' } });
      }),
    );
    const file = await client().sessions.export({}, { fileType: 'csv' });
    const reader = file.body.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('id;agent\n');
    finish();
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += decoder.decode(chunk.value);
    expect(text).toBe('s1;faq-bot\n');
    expect(file.contentType).toBe('text/csv');
    expect(file.size).toBeUndefined();
  });

  it("gives an export's size from Content-Length, unless the length is of content-encoded bytes", async () => {
    const csv = 'id;agent\ns1;faq-bot\n';
    server.use(
      http.get(`${sessionsUrl}/export`, ({ request }) => {
        const encoded = new URL(request.url).searchParams.get('fileType') === 'txt';
        return new HttpResponse(encoded ? gzipSync(csv) : csv, {
          headers: {
            'content-type': 'text/csv',
            'content-length': String(encoded ? gzipSync(csv).length : Buffer.byteLength(csv)),
            ...(encoded ? { 'content-encoding': 'gzip' } : {}),
          },
        });
      }),
    );
    const plain = await client().sessions.export({}, { fileType: 'csv' });
    expect(plain.size).toBe(Buffer.byteLength(csv));
    expect(await new Response(plain.body).text()).toBe(csv);
    const gzipped = await client().sessions.export({}, { fileType: 'txt' });
    expect(gzipped.size).toBeUndefined();
    expect(await new Response(gzipped.body).text()).toBe(csv);
  });

  it('retries a report with the same Idempotency-Key derived from (sessionId, messageId)', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${baseUrl}/organizations/org-1/missed-questions`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        if (keys.length === 1) return HttpResponse.error();
        return HttpResponse.json(
          { id: 'q1', tenantId: 'faq-bot', question: 'Do you ship?', occurrences: 1 },
          { status: 201 },
        );
      }),
    );
    const report = { tenantId: 'faq-bot', question: 'Do you ship?', sessionId: 's1', messageId: 'm1' };
    await client().missedQuestions.report(report);
    await client().missedQuestions.report({ ...report, question: 'Do you ship??' });
    await client().missedQuestions.report({ ...report, messageId: 'm2' });
    expect(keys).toHaveLength(4);
    expect(keys[0]).toMatch(/^mq-[0-9a-f]{64}$/);
    expect(new Set(keys.slice(0, 3)).size).toBe(1);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('encodes path segments so an id cannot escape its segment', async () => {
    let pathname = '';
    server.use(
      http.get(`${baseUrl}/organizations/org-1/chat-sessions/*`, ({ request }) => {
        pathname = new URL(request.url).pathname;
        return HttpResponse.json(wireSession('a/../b?c'));
      }),
    );
    await client().sessions.get('a/../b?c');
    expect(pathname).toBe('/organizations/org-1/chat-sessions/a%2F..%2Fb%3Fc');
  });

  it('treats occurrences given as a single object or { items } as a list', async () => {
    const occurrence = {
      id: 'o1',
      date: '2026-11-25T10:00:00Z',
      sessionId: 's1',
      messageId: 'm1',
      tenantId: 'faq-bot',
      question: 'Q?',
    };
    const url = `${baseUrl}/organizations/org-1/missed-questions/q1/occurrences`;
    server.use(http.get(url, () => HttpResponse.json(occurrence), { once: true }));
    expect(await client().missedQuestions.occurrences('q1')).toHaveLength(1);
    server.use(
      http.get(url, () =>
        HttpResponse.json({ items: [occurrence, { ...occurrence, id: 'o2', messageId: 'm2' }] }),
      ),
    );
    expect((await client().missedQuestions.occurrences('q1')).map((o) => o.messageId)).toEqual(['m1', 'm2']);
  });

  it('reads analytics without the optional questions/answered extensions', async () => {
    server.use(
      http.get(`${baseUrl}/organizations/org-1/analytics/missed-questions`, () =>
        HttpResponse.json({
          totalQuestions: 10,
          totalMissedQuestions: 2,
          missedQuestionsPercentage: 20,
          histogram: [{ string_date: '2026-11-25', count: 2 }],
          missedQuestions: [{ name: 'Q?', count: 2 }],
        }),
      ),
    );
    const stats = await client().analytics.missedQuestions({
      startDate: '2026-11-25T00:00:00Z',
      endDate: '2026-11-26T00:00:00Z',
      timeZone: 'UTC',
    });
    expect(stats.histogram).toEqual([{ date: '2026-11-25', missed: 2 }]);
    expect(stats.topMissedQuestions).toEqual([{ question: 'Q?', count: 2 }]);
  });
});
