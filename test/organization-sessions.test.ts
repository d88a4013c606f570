import { createObservatoryClient, isObservatoryApiError, type ObservatoryClient } from '@observatory/client';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCheckedFetch } from './support/published-checked-fetch.js';
import { clientPerToken, SCOPED_AUTH } from './support/scoped-tokens.js';

// The published hbf-core operations the chat-session tests do not cover (getMessages_1, update_24,
// addMessageTags, listBySubscriberHandle_1, getTranscriptByRequestIdVariable_1,
// exportById_4), client against the real local
// server over a loopback socket. Every request the client sends and every answer the server gives is checked
// against the published spec.

const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString();

describe('published organization chat-session operations over a loopback socket', () => {
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
    Object.assign(clients, clientPerToken(running.url, checkedFetch));
    await clients['org-token']?.chatSessions.create({
      id: 'faq-1',
      agentId: 'faq-bot',
      contact: { id: 'user-1', name: 'Ann' },
      createdAt: at(0),
      language: 'en',
      tags: ['a'],
      messages: [
        { id: 'm1', role: 'user', text: 'Hi', createdAt: at(1) },
        { id: 'm2', role: 'agent', text: 'Hello!', createdAt: at(2), responseToId: 'm1' },
      ],
    });
    await clients['org-token']?.chatSessions.create({
      id: 'sales-1',
      agentId: 'sales-bot',
      contact: { id: 'user-2' },
      createdAt: at(0),
      messages: [{ id: 's1', role: 'user', text: 'Price?', createdAt: at(1) }],
    });
  });
  afterAll(async () => {
    await running?.close();
  });

  const org = () => clients['org-token'] as ObservatoryClient;
  const scoped = () => clients['faq-token'] as ObservatoryClient;

  async function failure(promise: Promise<unknown>): Promise<{ status: number; problem: unknown }> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isObservatoryApiError(error)) throw new Error(`expected an API error, got ${String(error)}`);
    return { status: error.status, problem: error.problem };
  }

  it('getMessages_1: sessions.messages reads the messages of a session, in order', async () => {
    const messages = await org().sessions.messages('faq-1');
    expect(messages.map((m) => [m.id, m.role, m.text])).toEqual([
      ['m1', 'user', 'Hi'],
      ['m2', 'agent', 'Hello!'],
    ]);
    expect((await scoped().sessions.messages('faq-1')).map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(violations).toEqual([]);
  });

  it("getMessages_1: a scoped token meets another agent's session as absent (404)", async () => {
    const hidden = await failure(scoped().sessions.messages('sales-1'));
    const absent = await failure(scoped().sessions.messages('nope'));
    expect(hidden.status).toBe(404);
    expect(hidden.status).toBe(absent.status);
    expect(violations).toEqual([]);
  });

  it('update_24: sessions.update replaces the fields sent, keeps the others, adds messages by id', async () => {
    const updated = await org().sessions.update('faq-1', {
      tenantId: 'faq-bot',
      subscriberHandle: 'user-1',
      status: 'COMPLETED',
      tags: ['a', 'b'],
      messages: [
        { id: 'm2', message: 'changed?', date: at(2) },
        { id: 'm3', message: 'Bye', date: at(3), isUserInteraction: true },
      ],
    });
    expect(updated).toMatchObject({ id: 'faq-1', status: 'COMPLETED', tags: ['a', 'b'], language: 'en' });
    expect(updated.createdAt).toBe(at(0));
    expect(updated.contact.name).toBe('Ann');
    expect(updated.messages.map((m) => [m.id, m.text])).toEqual([
      ['m1', 'Hi'],
      ['m2', 'Hello!'],
      ['m3', 'Bye'],
    ]);
    // The same session through the published `/chat-sessions` path.
    expect((await org().chatSessions.get('faq-1')).status).toBe('COMPLETED');
    expect(violations).toEqual([]);
  });

  it('update_24: refuses another agent, a body id other than the path, and an unknown session', async () => {
    const moved = await failure(
      org().sessions.update('faq-1', { tenantId: 'sales-bot', subscriberHandle: 'user-1' }),
    );
    expect(moved).toMatchObject({ status: 409, problem: { field: 'agentId' } });
    const otherId = await failure(
      org().sessions.update('faq-1', { id: 'faq-2', tenantId: 'faq-bot', subscriberHandle: 'user-1' }),
    );
    expect(otherId).toMatchObject({ status: 400, problem: { field: 'id' } });
    const absent = await failure(
      org().sessions.update('nope', { tenantId: 'faq-bot', subscriberHandle: 'user-1' }),
    );
    expect(absent.status).toBe(404);
    expect(violations).toEqual([]);
  });

  it("update_24: a scoped token meets another agent's session as absent, and cannot move its own away", async () => {
    const hidden = await failure(
      scoped().sessions.update('sales-1', {
        tenantId: 'sales-bot',
        subscriberHandle: 'user-2',
        status: 'COMPLETED',
      }),
    );
    expect(hidden.status).toBe(404);
    expect((await org().chatSessions.get('sales-1')).status).toBe('ACTIVE');
    const away = await failure(
      scoped().sessions.update('faq-1', { tenantId: 'sales-bot', subscriberHandle: 'user-1' }),
    );
    expect(away.status).toBe(403);
    expect(violations).toEqual([]);
  });

  it('addMessageTags: sessions.tagMessage adds tags to one message, once each, and keeps them', async () => {
    await org().sessions.tagMessage('m1', ['refund', 'vip']);
    await org().sessions.tagMessage('m1', ['vip', 'late']);
    const messages = await org().sessions.messages('faq-1');
    expect(messages.map((m) => [m.id, m.tags])).toEqual([
      ['m1', ['refund', 'vip', 'late']],
      ['m2', undefined],
      ['m3', undefined],
    ]);
    // A later write of the session keeps them (messages merge by id).
    await org().chatSessions.addMessage('faq-1', { id: 'm1', role: 'user', text: 'Hi', createdAt: at(1) });
    expect((await org().chatSessions.get('faq-1')).messages[0]?.tags).toEqual(['refund', 'vip', 'late']);
    expect(violations).toEqual([]);
  });

  it("addMessageTags: a scoped token meets another agent's message as absent (404) and changes nothing", async () => {
    const hidden = await failure(scoped().sessions.tagMessage('s1', ['mine']));
    const absent = await failure(scoped().sessions.tagMessage('nope', ['mine']));
    expect([hidden.status, absent.status]).toEqual([404, 404]);
    expect((await org().sessions.messages('sales-1'))[0]?.tags).toBeUndefined();
    await scoped().sessions.tagMessage('m2', ['scoped']);
    expect((await org().sessions.messages('faq-1'))[1]?.tags).toEqual(['scoped']);
    expect(violations).toEqual([]);
  });

  it('listBySubscriberHandle_1: sessions.listByContact pages the sessions of exactly that contact', async () => {
    const base = { contact: { id: 'handle-1' }, createdAt: at(0) };
    await org().chatSessions.create({ ...base, id: 'h-faq-old', agentId: 'faq-bot', createdAt: at(10) });
    await org().chatSessions.create({ ...base, id: 'h-faq-new', agentId: 'faq-bot', createdAt: at(20) });
    await org().chatSessions.create({ ...base, id: 'h-sales', agentId: 'sales-bot', createdAt: at(30) });
    // Another contact whose id holds this one's: not the same contact.
    await org().chatSessions.create({
      ...base,
      id: 'h-other',
      agentId: 'faq-bot',
      contact: { id: 'handle-10' },
    });
    const ids = async (
      client: ObservatoryClient,
      query: Parameters<ObservatoryClient['sessions']['listByContact']>[1],
    ) => (await client.sessions.listByContact('handle-1', query)).items.map((session) => session.id);

    expect(await ids(org(), {})).toEqual(['h-sales', 'h-faq-new', 'h-faq-old']);
    expect(await ids(org(), { agents: ['faq-bot'] })).toEqual(['h-faq-new', 'h-faq-old']);
    expect(await ids(org(), { sort: { by: 'createdAt', order: 'asc' } })).toEqual([
      'h-faq-old',
      'h-faq-new',
      'h-sales',
    ]);
    const second = await org().sessions.listByContact('handle-1', { page: 1, pageSize: 2 });
    expect([second.items.map((s) => s.id), second.total]).toEqual([['h-faq-old'], 3]);
    // A scoped token sees its agents' sessions only, even when it asks for another agent.
    expect(await ids(scoped(), {})).toEqual(['h-faq-new', 'h-faq-old']);
    expect(await ids(scoped(), { agents: ['sales-bot'] })).toEqual([]);
    expect(await ids(org(), { agents: ['nobody'] })).toEqual([]);
    expect((await org().sessions.listByContact('nobody')).total).toBe(0);
    // The same filter on the organization's list, as a local extension (`subscriberHandle`, unchecked here).
    const plain = createObservatoryClient({
      baseUrl: running.url,
      token: 'org-token',
      organizationId: 'org-1',
    });
    expect((await plain.sessions.list({ contactId: 'handle-1' })).items.map((s) => s.id)).toEqual([
      'h-sales',
      'h-faq-new',
      'h-faq-old',
    ]);
    // Listed whole: with their messages (the operation publishes no include parameter).
    const [ann] = (await org().sessions.listByContact('user-1')).items;
    expect([ann?.id, ann?.messages.map((m) => m.id)]).toEqual(['faq-1', ['m1', 'm2', 'm3']]);
    expect(violations).toEqual([]);
  });

  it('getTranscriptByRequestIdVariable_1: sessions.transcript finds the session by its requestId variable', async () => {
    await org().chatSessions.create({
      id: 'req-old',
      agentId: 'faq-bot',
      agentName: 'FAQ Bot',
      contact: { id: 'user-9', name: 'Ann', email: 'ann@example.com' },
      createdAt: at(40),
      messages: [
        { id: 'r1', role: 'user', text: 'Where is my order?', createdAt: at(41) },
        { id: 'r2', role: 'agent', text: 'On its way.', createdAt: at(42) },
      ],
    });
    await org().chatSessions.addVariables('req-old', { requestId: 'req-42', plan: 'pro' });
    // A newer session holding a longer id (a plain search would find it too) and one of another agent.
    await org().chatSessions.create({
      id: 'req-longer',
      agentId: 'faq-bot',
      contact: { id: 'u' },
      createdAt: at(50),
    });
    await org().chatSessions.addVariables('req-longer', { requestId: 'req-421' });
    await org().chatSessions.create({
      id: 'req-sales',
      agentId: 'sales-bot',
      contact: { id: 'u' },
      createdAt: at(50),
    });
    await org().chatSessions.addVariables('req-sales', { requestId: 'req-7' });

    expect(await org().sessions.transcript('req-42')).toEqual({
      id: 'req-old',
      createdAt: at(40),
      messages: [
        { name: 'Ann', email: 'ann@example.com', message: 'Where is my order?', date: at(41) },
        { name: 'FAQ Bot', message: 'On its way.', date: at(42) },
      ],
    });
    expect((await org().sessions.transcript('req-421')).id).toBe('req-longer');
    expect((await failure(org().sessions.transcript('req-4'))).status).toBe(404);
    // A scoped token meets another agent's session as absent.
    expect((await org().sessions.transcript('req-7')).id).toBe('req-sales');
    expect((await failure(scoped().sessions.transcript('req-7'))).status).toBe(404);
    expect((await scoped().sessions.transcript('req-42')).id).toBe('req-old');
    expect(violations).toEqual([]);
  });

  it('exportById_4: chatSessions.export writes one session as txt, csv or xlsx', async () => {
    const read = async (file: Awaited<ReturnType<ObservatoryClient['chatSessions']['export']>>) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of file.body) chunks.push(chunk);
      return Buffer.concat(chunks);
    };
    const txt = await org().chatSessions.export('faq-1');
    expect(txt.contentType).toMatch(/^text\/plain/);
    const text = (await read(txt)).toString('utf8');
    expect(text).toContain('User: Hi');
    expect(text).toContain('Agent: Hello!');
    const csv = await org().chatSessions.export('faq-1', { fileType: 'csv', separator: ',' });
    expect(csv.contentType).toMatch(/^text\/csv/);
    const [header, row] = (await read(csv)).toString('utf8').split(/\r?\n/);
    expect(header?.split(',').length).toBeGreaterThan(3);
    expect(row).toContain('faq-1');
    const xlsx = await read(await org().chatSessions.export('faq-1', { fileType: 'xlsx' }));
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(violations).toEqual([]);
  });

  it("exportById_4: a scoped token meets another agent's session as absent (404)", async () => {
    const hidden = await failure(scoped().chatSessions.export('sales-1'));
    const absent = await failure(scoped().chatSessions.export('nope'));
    expect([hidden.status, absent.status]).toEqual([404, 404]);
    expect((await scoped().chatSessions.export('faq-1')).contentType).toMatch(/^text\/plain/);
    await expect(org().chatSessions.export('faq-1', { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      field: 'exportOptions.timeZone',
    });
    expect(violations).toEqual([]);
  });

  it('refuses empty, "." and ".." ids before any request', async () => {
    for (const id of ['', '.', '..']) {
      await expect(org().sessions.messages(id)).rejects.toMatchObject({ field: 'id' });
      await expect(
        org().sessions.update(id, { tenantId: 'faq-bot', subscriberHandle: 'user-1' }),
      ).rejects.toMatchObject({ field: 'id' });
      await expect(org().sessions.tagMessage(id, ['a'])).rejects.toMatchObject({ field: 'id' });
      await expect(org().sessions.listByContact(id)).rejects.toMatchObject({ field: 'id' });
      await expect(org().sessions.transcript(id)).rejects.toMatchObject({ field: 'id' });
      await expect(org().chatSessions.export(id)).rejects.toMatchObject({ field: 'id' });
    }
  });
});
