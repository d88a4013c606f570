import { createObservatoryClient, type ObservatoryClient } from '@observatory/client';
import { Session, sessionToWire } from '@observatory/core';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpecValidator } from '../packages/client/src/testing/spec-validator.js';
import { SPEC_DIVERGENCES } from '../packages/server/src/http/spec-divergences.js';
import {
  type AnswerViolation,
  publishedAnswerChecker,
  publishedResponseValidator,
} from '../packages/server/src/testing/published-spec.js';

// The local server behind a validating "proxy" of the published specs: every request the client sends to a
// published operation and every answer it receives over a loopback socket is checked against
// spec/helvia-openapi/, and any violation not listed in SPEC_DIVERGENCES (the two lists of docs/http-api.md)
// fails the test.
const token = 'conformance-token';
const org = 'acme';
const check = await publishedAnswerChecker();
const validateRequest = await createSpecValidator();
const validateAnswer = await publishedResponseValidator();
// The documented pages (SPEC_DIVERGENCES): each item is still held to the schema of one answer.
const PAGED_ITEM_OPERATION: Readonly<Record<string, string>> = {
  list_25: 'get_21',
  listBySubscriberHandle_1: 'get_21',
  list_33: 'get_30',
  findMissedQuestionOccurrences_1: 'findMissedQuestionOccurrences_1',
};
const seen = new Set<string>();
const violations: AnswerViolation[] = [];

async function checkedFetch(input: Request): Promise<Response> {
  const pathname = new URL(input.url).pathname;
  // hbf-data-manager's paths: under /orgs/, and the interaction-log deletes under /chat-sessions.
  const service =
    pathname.startsWith('/orgs/') || /^\/chat-sessions\/.*interactions/.test(pathname)
      ? 'dataManager'
      : 'core';
  const sent = input.clone();
  const response = await fetch(input);
  const text = await response.clone().text();
  const url = new URL(input.url);
  const result = check(
    input.method,
    url.pathname,
    response.status,
    response.headers.get('content-type') ?? '',
    text,
  );
  if (result.operationId !== undefined && response.ok) seen.add(result.operationId);
  violations.push(...result.violations);
  const itemOperation = PAGED_ITEM_OPERATION[result.operationId ?? ''];
  const items = itemOperation === undefined ? undefined : (JSON.parse(text) as { items?: unknown }).items;
  if (Array.isArray(items)) {
    items.forEach((item, index) => {
      for (const error of validateAnswer(itemOperation as string, 200, item)) {
        const [where = '', ...message] = error.split(' ');
        violations.push({
          operationId: result.operationId as string,
          where: `/items/${index}${where}`,
          message: message.join(' '),
        });
      }
    });
  }
  // Requests are checked where they are published ones: the ingest paths are local extensions.
  if (result.operationId !== undefined) {
    const operationId = result.operationId;
    // A request's violations are listed as `request <where>`, e.g. `request /query/timeZone`.
    for (const error of (await validateRequest(sent, service))?.errors ?? []) {
      const [where = '', ...message] = error.split(' ');
      violations.push({ operationId, where: `request ${where}`, message: message.join(' ') });
    }
  }
  return response;
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute)).toISOString();
// One session with every part the spec describes: a named agent, a live chat, a CSAT survey, variables of every
// JSON type, an interaction log.
const session = Session.parse({
  id: 'conf-1',
  agentId: 'faq-bot',
  agentName: 'FAQ Bot',
  deployment: { id: 'web', name: 'Webchat' },
  contact: { id: 'user-1', name: 'Ann' },
  channel: 'webchat',
  status: 'COMPLETED',
  createdAt: at(0),
  durationMs: 600_000,
  tags: ['billing'],
  messages: [
    { id: 'u1', role: 'user', text: 'Do you ship to Cyprus?', createdAt: at(0) },
    { id: 'a1', role: 'agent', text: 'Let me find someone.', createdAt: at(1), responseToId: 'u1' },
    {
      id: 'lc',
      role: 'system',
      kind: 'event',
      createdAt: at(2),
      event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' },
    },
    { id: 'h1', role: 'agent', text: 'Hi, Maria here.', createdAt: at(3), liveChatSender: 'AGENT' },
    { id: 'u2', role: 'user', text: 'Thanks', createdAt: at(4), liveChatSender: 'END_USER' },
  ],
  csatSurveys: [{ id: 'csat-1', status: 'ANSWERED', scores: { overall: 5 } }],
  liveChats: [
    { conversationId: 'c-1', lastEventType: 'LIVECHAT_TERMINATED', agents: ['maria'], durationMs: 120_000 },
  ],
});

let server: RunningServer;
let client: ObservatoryClient;

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await checkedFetch(
    new Request(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

beforeAll(async () => {
  server = await startObservatoryServer({
    storeUrl: 'memory://',
    port: 0,
    auth: { tokens: [{ token, organizationId: org }] },
  });
  client = createObservatoryClient({
    baseUrl: server.url,
    dataManagerUrl: server.url,
    token,
    organizationId: org,
    retry: 0,
    fetch: checkedFetch,
  });
  const base = `/organizations/${org}/chat-sessions/${session.id}`;
  await send('POST', `/organizations/${org}/chat-sessions`, sessionToWire(session));
  await send('POST', `${base}/variables?hbfEventId=u1`, [
    { name: 'text', value: 'ORD-1' },
    { name: 'count', value: 2 },
    { name: 'flag', value: true },
    { name: 'items', value: ['a'] },
    { name: 'address', value: { city: 'Nicosia' } },
    { name: 'none', value: null },
  ]);
  await send('POST', `${base}/interactions`, [
    {
      id: 'i1',
      hbfEventId: 'u1',
      sessionId: session.id,
      timestamp: at(0),
      type: 'LLM_REQUEST',
      payload: { model: 'x' },
      duration: 812.5,
    },
  ]);
});
afterAll(async () => {
  await server?.close();
});

describe('the local server answers as the published specs say, but for the documented divergences', () => {
  it('gives no undocumented violation across every published operation it serves', async () => {
    await client.sessions.list({ include: ['messages', 'liveChats'] });
    await client.sessions.get(session.id, {
      include: ['messages', 'liveChats', 'summary', 'interactions', 'variableSnapshots'],
    });
    await client.sessions.messages(session.id);
    await client.tags.create({ scope: 'CHAT_SESSIONS', label: 'refund' });
    await client.tags.list();
    await client.sessions.tagMessage('u1', ['refund']);
    await client.sessions.listByContact('user-1');
    await send('POST', `/organizations/${org}/chat-sessions/${session.id}/variables`, [
      { name: 'requestId', value: 'req-42' },
    ]);
    await client.sessions.transcript('req-42');
    await client.sessions.update(session.id, {
      tenantId: 'faq-bot',
      subscriberHandle: 'user-1',
      language: 'en',
    });
    await send('GET', `/orgs/${org}/interactions`);
    await client.sessions.setTags(session.id, ['billing', 'escalated']);
    for (const file of [
      await client.sessions.export({}, { fileType: 'csv' }),
      await client.sessions.export({}, { sessionId: session.id, fileType: 'txt' }),
      await client.chatSessions.export(session.id, { fileType: 'csv' }),
    ]) {
      for await (const _ of file.body) {
        // Read to the end.
      }
    }
    const reported = await client.missedQuestions.report({
      tenantId: 'faq-bot',
      question: 'Do you ship to Cyprus?',
      sessionId: session.id,
      messageId: 'u1',
    });
    await client.missedQuestions.list();
    await client.missedQuestions.update(reported.id, { status: 'RESOLVED' });
    await client.missedQuestions.details(reported.id);
    for await (const _ of (await client.missedQuestions.export()).body) {
      // Read to the end.
    }
    await client.analytics.missedQuestions({ startDate: at(0), endDate: at(60), timeZone: 'Europe/Athens' });
    // The published chat-session routes, on a session of their own.
    const recorded = await client.chatSessions.create({
      agentId: 'faq-bot',
      contact: { id: 'user-2' },
      createdAt: at(10),
      messages: [{ id: 'cs-u1', role: 'user', text: 'Hello', createdAt: at(10) }],
    });
    await client.chatSessions.addMessage(recorded.id, {
      id: 'cs-a1',
      role: 'agent',
      text: 'Hi!',
      createdAt: at(11),
    });
    await client.chatSessions.addMessages(recorded.id, [
      { id: 'cs-u2', role: 'user', text: 'Bye', createdAt: at(12) },
      { id: 'cs-a2', role: 'agent', text: 'Bye!', createdAt: at(13) },
    ]);
    await client.chatSessions.addVariables(recorded.id, { plan: 'pro' });
    await client.chatSessions.get(recorded.id);
    await client.chatSessions.list({ agentId: 'faq-bot', include: ['messages', 'liveChats'] });
    await client.chatSessions.update(recorded.id, {
      tenantId: 'faq-bot',
      subscriberHandle: 'user-2',
      tags: ['greeting'],
    });
    await client.chatSessions.complete([recorded.id]);
    await client.interactions.list();
    await client.interactions.deleteForSession(recorded.id);
    await client.interactions.deleteForSessions([recorded.id, 'nope']);
    await client.chatSessions.upsert({ ...session, id: 'conf-2', messages: [] });
    await client.chatSessions.delete('conf-2');
    // Refusals are answers too.
    const refusals = [
      [`/organizations/${org}/chat-sessions/nope`, token],
      [`/organizations/${org}/missed-questions/nope`, token],
      [`/organizations/${org}/chat-sessions?pageSize=100000`, token],
      [`/organizations/${org}/chat-sessions`, 'not-a-token'],
      ['/organizations/globex/chat-sessions', token],
    ] as const;
    const statuses = [];
    for (const [path, bearer] of refusals) {
      const refused = await checkedFetch(
        new Request(`${server.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } }),
      );
      statuses.push(refused.status);
    }
    const malformed = await checkedFetch(
      new Request(`${server.url}/chat-sessions/interactions/bulk-delete`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionIds: [''] }),
      }),
    );
    statuses.push(malformed.status);
    expect(statuses).toEqual([404, 404, 400, 401, 403, 400]);

    expect([...seen].sort()).toEqual([
      'InteractionsController_getByEvent',
      'InteractionsController_getSessionVariablesAtEvent',
      'InteractionsController_list',
      'InteractionsDeleteController_bulkDeleteSessionInteractions',
      'InteractionsDeleteController_deleteSessionInteractions',
      'addMessage',
      'addMessageTags',
      'addMessages',
      'addVariables',
      'batchSetStatusCompleted',
      'createMissedQuestion_1',
      'createTag',
      'create_31',
      'delete_27',
      'exportById_3',
      'exportById_4',
      'export_4',
      'export_5',
      'findMissedQuestionOccurrences_1',
      'findMissedQuestion_1',
      'getMessages_1',
      'getTranscriptByRequestIdVariable_1',
      'get_21',
      'get_30',
      'listBySubscriberHandle_1',
      'listMissedQuestions_1',
      'listTags_1',
      'list_25',
      'list_33',
      'missedQuestions',
      'updateMissedQuestion_1',
      'updateTags_1',
      'update_24',
      'update_31',
      'upsert_1',
    ]);
    const undocumented = violations.filter(
      (violation) =>
        !SPEC_DIVERGENCES.some(
          (divergence) =>
            (divergence.operationIds.includes(violation.operationId) ||
              divergence.operationIds.includes('*')) &&
            divergence.where.some((where) =>
              new RegExp(`^${where.replace(/\*/g, '[^/]+')}$`).test(violation.where),
            ),
        ),
    );
    expect(undocumented).toEqual([]);
  });
});
