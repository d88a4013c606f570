import { createObservatoryClient, isObservatoryApiError, type ObservatoryClient } from '@observatory/client';
import { omittedSessionParts } from '@observatory/core';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCheckedFetch } from './support/published-checked-fetch.js';
import { rawRequest } from './support/raw-request.js';
import { clientPerToken, SCOPED_AUTH } from './support/scoped-tokens.js';

// The published `/chat-sessions` operations, client against the real local server over a loopback socket. Every
// request the client sends and every answer the server gives is checked against the published spec.

const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString();

describe('published chat-session operations over a loopback socket', () => {
  let running: RunningServer;
  const violations: string[] = [];
  const clients: Record<string, ObservatoryClient> = {};

  beforeAll(async () => {
    running = await startObservatoryServer({
      storeUrl: 'memory://',
      port: 0,
      hostname: '127.0.0.1',
      auth: SCOPED_AUTH,
    });
    const checkedFetch = await publishedCheckedFetch(violations);
    // Setup beyond the published session routes (interaction log, missed questions) goes unchecked.
    clients.plain = createObservatoryClient({
      baseUrl: running.url,
      token: 'org-token',
      organizationId: 'org-1',
    });
    Object.assign(clients, clientPerToken(running.url, checkedFetch));
  });
  afterAll(async () => {
    await running?.close();
  });

  const org = () => clients['org-token'] as ObservatoryClient;
  const scoped = () => clients['faq-token'] as ObservatoryClient;
  const plain = () => clients.plain as ObservatoryClient;

  async function failure(promise: Promise<unknown>): Promise<{ status: number; problem: unknown }> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isObservatoryApiError(error)) throw new Error(`expected an API error, got ${String(error)}`);
    return { status: error.status, problem: error.problem };
  }

  it('list_33 pages the sessions of an agent, by status and last activity, newest first', async () => {
    const base = { agentId: 'list-bot', contact: { id: 'u' } };
    await org().chatSessions.create({
      ...base,
      id: 'l1',
      createdAt: at(0),
      messages: [{ id: 'm1', role: 'user', text: 'Hi', createdAt: at(10) }],
    });
    await org().chatSessions.create({ ...base, id: 'l2', createdAt: at(20) });
    await org().chatSessions.create({ ...base, id: 'l3', agentId: 'list-other', createdAt: at(30) });
    await org().chatSessions.create({ ...base, id: 'l4', agentId: 'faq-bot', createdAt: at(40) });
    await org().chatSessions.complete(['l2']);
    const ids = async (query: Parameters<ObservatoryClient['chatSessions']['list']>[0]) =>
      (await org().chatSessions.list(query)).items.map((session) => session.id);

    expect(await ids({ agentId: 'list-bot' })).toEqual(['l2', 'l1']);
    expect(await ids({ agentId: 'list-bot', status: 'COMPLETED' })).toEqual(['l2']);
    expect(await ids({ agentId: 'list-bot', status: 'ACTIVE' })).toEqual(['l1']);
    // l1 was last active at its message (10 s), l2 at its creation (20 s).
    expect(await ids({ agentId: 'list-bot', lastActivityBefore: at(15) })).toEqual(['l1']);
    expect(await ids({ agentId: 'list-bot', lastActivityBefore: at(10) })).toEqual([]);
    const second = await org().chatSessions.list({ agentId: 'list-bot', page: 1, pageSize: 1 });
    expect([second.items.map((s) => s.id), second.total]).toEqual([['l1'], 2]);

    const light = (await org().chatSessions.list({ agentId: 'list-bot', status: 'ACTIVE' })).items[0];
    expect(light?.messages).toEqual([]);
    expect(light && omittedSessionParts(light)).toEqual(['messages', 'liveChats']);
    const full = await org().chatSessions.list({
      agentId: 'list-bot',
      status: 'ACTIVE',
      include: ['messages'],
    });
    expect(full.items[0]?.messages.map((m) => m.id)).toEqual(['m1']);

    const scopedPage = await scoped().chatSessions.list({ agentId: 'list-bot' });
    expect([scopedPage.items, scopedPage.total]).toEqual([[], 0]);
    const own = await scoped().chatSessions.list({ pageSize: 100 });
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((session) => session.agentId === 'faq-bot')).toBe(true);
    expect(violations).toEqual([]);
  });

  it('create_31 makes up an id when none is given, and refuses an id already taken with a 409 naming id', async () => {
    const created = await org().chatSessions.create({
      agentId: 'faq-bot',
      contact: { id: 'user-1' },
      createdAt: at(0),
      messages: [{ id: 'm1', role: 'user', text: 'Hi', createdAt: at(1) }],
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.messages.map((m) => m.text)).toEqual(['Hi']);

    await org().chatSessions.create({ id: 'c1', agentId: 'faq-bot', contact: { id: 'u' }, createdAt: at(0) });
    const again = await failure(
      org().chatSessions.create({ id: 'c1', agentId: 'faq-bot', contact: { id: 'u' }, createdAt: at(0) }),
    );
    expect(again).toMatchObject({ status: 409, problem: { field: 'id' } });
    expect(violations).toEqual([]);
  });

  it('get_30 answers the session with the parts asked for', async () => {
    await org().chatSessions.create({
      id: 'g1',
      agentId: 'faq-bot',
      contact: { id: 'u' },
      createdAt: at(0),
      messages: [{ id: 'm1', role: 'user', text: 'Hello', createdAt: at(1) }],
    });
    expect((await org().chatSessions.get('g1')).messages.map((m) => m.id)).toEqual(['m1']);
    const light = await org().chatSessions.get('g1', { include: [] });
    expect(light.messages).toEqual([]);
    expect(omittedSessionParts(light)).toEqual(['messages', 'liveChats']);
    expect(await failure(org().chatSessions.get('nope'))).toMatchObject({ status: 404 });
    expect(violations).toEqual([]);
  });

  it('addMessage and addMessages append in order, skipping ids already stored', async () => {
    await org().chatSessions.create({ id: 'a1', agentId: 'faq-bot', contact: { id: 'u' }, createdAt: at(0) });
    await org().chatSessions.addMessage('a1', { id: 'm1', role: 'user', text: 'One', createdAt: at(1) });
    await org().chatSessions.addMessages('a1', [
      { id: 'm1', role: 'user', text: 'One again', createdAt: at(1) },
      { id: 'm2', role: 'agent', text: 'Two', createdAt: at(2) },
      { id: 'm3', role: 'user', text: 'Three', createdAt: at(3) },
    ]);
    await org().chatSessions.addMessage('a1', {
      id: 'm2',
      role: 'agent',
      text: 'Two again',
      createdAt: at(2),
    });
    const session = await org().chatSessions.get('a1');
    expect(session.messages.map((m) => `${m.id}:${m.role}:${m.text}`)).toEqual([
      'm1:user:One',
      'm2:agent:Two',
      'm3:user:Three',
    ]);
    expect(violations).toEqual([]);
  });

  it('addVariables records a snapshot, for a user message or as the final values', async () => {
    await org().chatSessions.create({
      id: 'v1',
      agentId: 'faq-bot',
      contact: { id: 'u' },
      createdAt: at(0),
      messages: [{ id: 'v1-m1', role: 'user', text: 'Plan?', createdAt: at(1) }],
    });
    // `hbfEventId` is a local extension the client never sends: a runtime's own request.
    const atMessage = await fetch(`${running.url}/chat-sessions/v1/variables?hbfEventId=v1-m1`, {
      method: 'POST',
      headers: { authorization: 'Bearer org-token', 'content-type': 'application/json' },
      body: JSON.stringify([{ name: 'plan', value: 'pro' }]),
    });
    expect(atMessage.status).toBe(204);
    await org().chatSessions.addVariables('v1', { plan: 'trial' });
    await org().chatSessions.addVariables('v1', { plan: 'team', seats: '5' });
    const stored = await running.store.getSession('org-1', 'v1');
    expect(stored?.variableSnapshots.map((s) => [s.messageId, s.variables])).toEqual([
      ['v1-m1', { plan: 'pro' }],
      [null, { plan: 'team', seats: '5' }],
    ]);
    expect(violations).toEqual([]);
  });

  it('batchSetStatusCompleted completes the sessions named, and skips unknown ids', async () => {
    for (const id of ['b1', 'b2', 'b3'])
      await org().chatSessions.create({ id, agentId: 'faq-bot', contact: { id: 'u' }, createdAt: at(0) });
    await org().chatSessions.complete(['b1', 'b2', 'unknown']);
    const statuses = await Promise.all(
      ['b1', 'b2', 'b3'].map(async (id) => (await org().chatSessions.get(id)).status),
    );
    expect(statuses).toEqual(['COMPLETED', 'COMPLETED', 'ACTIVE']);
    expect(violations).toEqual([]);
  });

  it('upsert_1 creates, then replaces fields while keeping and merging messages by id', async () => {
    const first = await org().chatSessions.upsert({
      id: 'u1',
      agentId: 'faq-bot',
      contact: { id: 'user-9' },
      createdAt: at(0),
      tags: ['billing'],
      messages: [{ id: 'm1', role: 'user', text: 'Refund?', createdAt: at(1) }],
    });
    expect(first.tags).toEqual(['billing']);
    const second = await org().chatSessions.upsert({
      id: 'u1',
      agentId: 'faq-bot',
      contact: { id: 'user-9' },
      createdAt: at(0),
      tags: ['refund'],
      messages: [{ id: 'm2', role: 'agent', text: 'Sure', createdAt: at(2) }],
    });
    expect(second.tags).toEqual(['refund']);
    expect(second.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(violations).toEqual([]);
  });

  it('update_31 replaces the fields sent and keeps the others', async () => {
    await org().chatSessions.create({
      id: 'p1',
      agentId: 'faq-bot',
      contact: { id: 'user-3', name: 'Ann' },
      createdAt: at(0),
      language: 'en',
      tags: ['a'],
      messages: [{ id: 'm1', role: 'user', text: 'Hi', createdAt: at(1) }],
    });
    const updated = await org().chatSessions.update('p1', {
      tenantId: 'faq-bot',
      subscriberHandle: 'user-3',
      status: 'COMPLETED',
      tags: ['a', 'b'],
    });
    expect(updated).toMatchObject({
      status: 'COMPLETED',
      tags: ['a', 'b'],
      language: 'en',
      createdAt: at(0),
    });
    expect(updated.contact.name).toBe('Ann');
    expect(updated.messages.map((m) => m.id)).toEqual(['m1']);
    const moved = await failure(
      org().chatSessions.update('p1', { tenantId: 'sales-bot', subscriberHandle: 'user-3' }),
    );
    expect(moved).toMatchObject({ status: 409, problem: { field: 'agentId' } });
    expect(violations).toEqual([]);
  });

  it('delete_27 takes the interaction log and the missed-question occurrences with the session', async () => {
    for (const id of ['d1', 'd2']) {
      await org().chatSessions.create({
        id,
        agentId: 'faq-bot',
        contact: { id: 'u' },
        createdAt: at(0),
        messages: [{ id: `${id}-m1`, role: 'user', text: 'Opening hours?', createdAt: at(1) }],
      });
    }
    await plain().ingest.recordInteractions('d1', [
      { id: 'st1', messageId: 'd1-m1', type: 'node', timestamp: at(2), payload: {} },
    ]);
    // "Opening hours?" is missed in both sessions; "Parking?" only in the deleted one.
    await plain().missedQuestions.report({
      tenantId: 'faq-bot',
      question: 'Opening hours?',
      sessionId: 'd1',
      messageId: 'd1-m1',
    });
    await plain().missedQuestions.report({
      tenantId: 'faq-bot',
      question: 'Opening hours?',
      sessionId: 'd2',
      messageId: 'd2-m1',
    });
    await plain().missedQuestions.report({
      tenantId: 'faq-bot',
      question: 'Parking?',
      sessionId: 'd1',
      messageId: 'd1-m2',
    });

    await org().chatSessions.delete('d1');

    expect(await failure(org().chatSessions.get('d1'))).toMatchObject({ status: 404 });
    expect(await running.store.listInteractions('org-1', { messageId: 'd1-m1' })).toEqual([]);
    const questions = (await plain().missedQuestions.list({ pageSize: 100 })).items;
    expect(questions.map((q) => [q.question, q.occurrences])).toEqual([['Opening hours?', 1]]);
    expect((await org().chatSessions.get('d2')).id).toBe('d2');
    expect(await failure(org().chatSessions.delete('d1'))).toMatchObject({ status: 404 });
    expect(violations).toEqual([]);
  });

  describe('a token scoped to faq-bot, before a session of sales-bot', () => {
    beforeAll(async () => {
      await org().chatSessions.create({
        id: 'sales-1',
        agentId: 'sales-bot',
        contact: { id: 'u' },
        createdAt: at(0),
        tags: ['vip'],
        messages: [{ id: 'sm1', role: 'user', text: 'Price?', createdAt: at(1) }],
      });
    });

    it('reads, changes and deletes nothing of it, each answered exactly as for an id that does not exist', async () => {
      const message = { id: 'x1', role: 'user' as const, text: 'Hi', createdAt: at(5) };
      const attempts = (id: string) => [
        scoped().chatSessions.get(id),
        scoped().chatSessions.addMessage(id, message),
        scoped().chatSessions.addMessages(id, [message]),
        scoped().chatSessions.addVariables(id, { plan: 'free' }),
        scoped().chatSessions.update(id, { tenantId: 'faq-bot', subscriberHandle: 'u', status: 'COMPLETED' }),
        scoped().chatSessions.delete(id),
      ];
      const hidden = await Promise.all(attempts('sales-1').map(failure));
      const absent = await Promise.all(attempts('no-such-session').map(failure));
      expect(hidden.map((f) => f.status)).toEqual([404, 404, 404, 404, 404, 404]);
      const scrub = (f: { problem: unknown }) =>
        JSON.stringify(f.problem).replaceAll('no-such-session', 'sales-1');
      expect(hidden.map(scrub)).toEqual(absent.map(scrub));

      await scoped().chatSessions.complete(['sales-1']);
      const stored = await org().chatSessions.get('sales-1');
      expect(stored).toMatchObject({ status: 'ACTIVE', tags: ['vip'] });
      expect(stored.messages.map((m) => m.id)).toEqual(['sm1']);
      expect(stored.variableSnapshots).toEqual([]);
      expect(violations).toEqual([]);
    });

    it('creates its own session under an id another agent holds, learning nothing of that one', async () => {
      // Session ids are unique per agent: sales-1 is sales-bot's, and faq-bot may hold a sales-1 of its own.
      const input = { id: 'sales-1', agentId: 'faq-bot', contact: { id: 'u' }, createdAt: at(0) };
      const created = await scoped().chatSessions.create(input);
      expect([created.agentId, created.contact.id]).toEqual(['faq-bot', 'u']);
      expect((await scoped().chatSessions.upsert(input)).agentId).toBe('faq-bot');
      expect(await failure(scoped().chatSessions.create(input))).toMatchObject({ status: 409 });
      expect((await scoped().chatSessions.get('sales-1')).agentId).toBe('faq-bot');
      expect((await org().chatSessions.get('sales-1', {}, { agentId: 'sales-bot' })).agentId).toBe(
        'sales-bot',
      );
      expect(await failure(org().chatSessions.get('sales-1'))).toMatchObject({ status: 409 });
      await org().chatSessions.delete('sales-1', { agentId: 'faq-bot' });
      expect((await org().chatSessions.get('sales-1')).agentId).toBe('sales-bot');
    });

    it('may not create a session for another agent (403)', async () => {
      const input = { id: 'new-sales', agentId: 'sales-bot', contact: { id: 'u' }, createdAt: at(0) };
      expect(await failure(scoped().chatSessions.create(input))).toMatchObject({ status: 403 });
      expect(await failure(scoped().chatSessions.upsert(input))).toMatchObject({ status: 403 });
    });

    it('a token of another organization does not find it', async () => {
      const other = clients['other-org-token'] as ObservatoryClient;
      expect(await failure(other.chatSessions.get('sales-1'))).toMatchObject({ status: 404 });
    });
  });

  it("refuses ids '', '.' and '..' in the client before any request", async () => {
    const calls: string[] = [];
    const client = createObservatoryClient({
      baseUrl: running.url,
      token: 'org-token',
      organizationId: 'org-1',
      fetch: async (input, init) => {
        calls.push(new Request(input, init).url);
        return fetch(input, init);
      },
    });
    const message = { id: 'x', role: 'user' as const, createdAt: at(0) };
    const body = { tenantId: 'faq-bot', subscriberHandle: 'u' };
    for (const id of ['', '.', '..']) {
      const attempts = [
        () => client.chatSessions.get(id),
        () => client.chatSessions.addMessage(id, message),
        () => client.chatSessions.addMessages(id, [message]),
        () => client.chatSessions.addVariables(id, { plan: 'pro' }),
        () => client.chatSessions.upsert({ id, agentId: 'faq-bot', contact: { id: 'u' }, createdAt: at(0) }),
        () => client.chatSessions.update(id, body),
        () => client.chatSessions.delete(id),
      ];
      // The session's own id is checked as input first (`session.id`), other ids by the path rule (`id`).
      for (const attempt of attempts)
        await expect(attempt()).rejects.toMatchObject({ field: expect.stringMatching(/^(session\.)?id$/) });
    }
    expect(calls).toEqual([]);
  });

  it("answers a raw request with an id of '.' or '..' (even %2E%2E) with a 400 naming id", async () => {
    const raw = (method: string, path: string, body: unknown) =>
      rawRequest(running.port, method, path, { token: 'org-token', body });
    const session = { tenantId: 'faq-bot', subscriberHandle: 'u' };
    const message = { message: 'Hi', date: at(0) };
    for (const [method, path, body] of [
      ['DELETE', '/chat-sessions/%2E%2E', undefined],
      ['PUT', '/chat-sessions/%2e', session],
      ['PATCH', '/chat-sessions/..', session],
      ['POST', '/chat-sessions/./messages', message],
      ['POST', '/chat-sessions/%2E%2E/messages/batch', [message]],
      ['POST', '/chat-sessions/../variables', []],
    ] as const) {
      const answer = await raw(method, path, body);
      expect([path, answer.status, answer.json.field]).toEqual([path, 400, 'id']);
    }
  });

  it('answers errors as problem+json, naming the field of a body the spec refuses', async () => {
    const res = await fetch(`${running.url}/chat-sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer org-token', 'content-type': 'application/json' },
      body: JSON.stringify({ subscriberHandle: 'u' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ field: 'tenantId' });
    const unauthenticated = await fetch(`${running.url}/chat-sessions/g1`);
    expect(unauthenticated.status).toBe(401);
  });
});
