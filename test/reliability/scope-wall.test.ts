import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAs } from '../support/call-as.js';

// A token scoped to agent-a meets agent-b's ids on every route: it must get exactly the answer it gets for ids
// that do not exist, and change nothing of agent-b's.

const ADMIN = 'scope-admin-token';
const AGENT_A = 'scope-agent-a-token';
const AGENT_B = 'scope-agent-b-token';
const org = '/organizations/acme';
const dm = '/orgs/acme';
/** The published routes: the organization is the token's. */
const pub = '/chat-sessions';
const B_SESSION = 'b-session';
const B_MESSAGE = 'b-message-1';
const B_TIME = '2026-11-20T09:15:00.000Z';
const MISSING = 'no-such-id';

let server: RunningServer;
const call = callAs(() => server.url);
/** agent-b's data as the organization's admin sees it. */
const snapshotOfB = async () => [
  await call(AGENT_B, 'GET', `${org}/chat-sessions/${B_SESSION}?includeMessages=true`),
  await call(ADMIN, 'GET', `${org}/missed-questions?tenantsFilter=agent-b&pageSize=100`),
  await call(ADMIN, 'GET', `${dm}/events/${B_MESSAGE}/interactions`),
  await call(ADMIN, 'GET', `${dm}/events/${B_MESSAGE}/session-variables`),
];
let bQuestionId = '';

beforeAll(async () => {
  server = await startObservatoryServer({
    storeUrl: 'memory://',
    port: 0,
    auth: {
      tokens: [
        { token: ADMIN, organizationId: 'acme' },
        { token: AGENT_A, organizationId: 'acme', agents: ['agent-a'] },
        { token: AGENT_B, organizationId: 'acme', agents: ['agent-b'] },
      ],
    },
  });
  for (const [id, agent] of [
    [B_SESSION, 'agent-b'],
    ['a-session', 'agent-a'],
  ] as const) {
    const prefix = id === B_SESSION ? 'b' : 'a';
    const created = await call(ADMIN, 'POST', `${org}/chat-sessions`, {
      id,
      tenantId: agent,
      subscriberHandle: `${prefix}-user`,
      createdAt: '2026-11-20T09:00:00Z',
      tags: [`${prefix}-tag`],
      messages: [1, 2, 3].map((n) => ({
        id: `${prefix}-message-${n}`,
        message: `${agent} private question ${n}?`,
        isUserInteraction: true,
        date: `2026-11-20T09:${n === 1 ? '15' : `2${n}`}:00Z`,
      })),
    });
    expect(created.status).toBe(201);
    const step = await call(ADMIN, 'POST', `${org}/chat-sessions/${id}/interactions`, {
      id: `${prefix}-step`,
      sessionId: id,
      hbfEventId: `${prefix}-message-1`,
      timestamp: '2026-11-20T09:15:01Z',
      type: 'NLP',
      payload: {},
    });
    expect(step.status, step.text).toBe(201);
    const vars = await call(
      ADMIN,
      'POST',
      `${org}/chat-sessions/${id}/variables?hbfEventId=${prefix}-message-1`,
      [{ name: 'secret', value: `${agent}-value` }],
    );
    expect(vars.status).toBe(204);
    const final = await call(ADMIN, 'POST', `${org}/chat-sessions/${id}/variables`, [
      { name: 'requestId', value: `${prefix}-request` },
    ]);
    expect(final.status).toBe(204);
  }
  const reported = await call(ADMIN, 'POST', `${org}/missed-questions`, {
    missedQuestion: { tenantId: 'agent-b', question: 'agent-b private question 2?' },
    sessionId: B_SESSION,
    messageId: 'b-message-2',
  });
  expect(reported.status).toBe(201);
  bQuestionId = (JSON.parse(reported.text) as { id: string }).id;
});
afterAll(async () => {
  await server?.close();
});

/** Every route, once with agent-b's id (`id`) and once with an id that does not exist. */
const routes = (id: (b: string) => string): Array<[string, string, string, unknown?]> => [
  ['GET', 'list by uuid', `${org}/chat-sessions?uuid=${id(B_SESSION)}`],
  ['GET', 'list by agent', `${org}/chat-sessions?tenantsFilter=${id('agent-b')}`],
  ['GET', 'export by agent', `${org}/chat-sessions/export?tenantsFilter=${id('agent-b')}&fileType=csv`],
  ['GET', 'export one', `${org}/chat-sessions/export/${id(B_SESSION)}`],
  ['GET', 'get session', `${org}/chat-sessions/${id(B_SESSION)}?includeMessages=true`],
  ['GET', 'get messages', `${org}/chat-sessions/${id(B_SESSION)}/messages`],
  ['POST', 'append message', `${org}/chat-sessions/${id(B_SESSION)}/messages`, { id: 'x', message: 'hi' }],
  ['PATCH', 'replace tags', `${org}/chat-sessions/${id(B_SESSION)}/tags`, ['x']],
  ['POST', 'tag operations', `${org}/chat-sessions/${id(B_SESSION)}/tags`, { add: ['x'] }],
  [
    'POST',
    'append batch',
    `${org}/chat-sessions/${id(B_SESSION)}/messages/batch`,
    [{ id: 'y', message: 'hi' }],
  ],
  ['POST', 'variables', `${org}/chat-sessions/${id(B_SESSION)}/variables`, [{ name: 'v', value: 1 }]],
  [
    'POST',
    'interactions',
    `${org}/chat-sessions/${id(B_SESSION)}/interactions`,
    {
      id: 'z',
      sessionId: id(B_SESSION),
      hbfEventId: 'm',
      timestamp: '2026-11-20T10:00:00Z',
      type: 'NLP',
      payload: {},
    },
  ],
  ['GET', 'list questions', `${org}/missed-questions?tenantsFilter=${id('agent-b')}`],
  ['GET', 'export questions', `${org}/missed-questions/export?tenantsFilter=${id('agent-b')}`],
  ['GET', 'get question', `${org}/missed-questions/${id(bQuestionId)}`],
  ['PATCH', 'question status', `${org}/missed-questions/${id(bQuestionId)}`, { status: 'RESOLVED' }],
  ['GET', 'occurrences', `${org}/missed-questions/${id(bQuestionId)}/occurrences`],
  [
    'GET',
    'analytics',
    `${org}/analytics/missed-questions?startDate=2026-11-01&endDate=2026-11-30&timeZone=UTC&tenantsFilter=${id('agent-b')}`,
  ],
  ['GET', 'event interactions', `${dm}/events/${id(B_MESSAGE)}/interactions`],
  ['GET', 'event variables', `${dm}/events/${id(B_MESSAGE)}/session-variables`],
  ['GET', 'published list by agent', `${pub}?tenantId=${id('agent-b')}&includeMessages=true`],
  ['GET', 'published list by filter', `${pub}?tenantsFilter=${id('agent-b')}&includeMessages=true`],
  ['GET', 'published list by uuid', `${pub}?uuid=${id(B_SESSION)}&includeMessages=true`],
  ['GET', 'published get', `${pub}/${id(B_SESSION)}?includeMessages=true`],
  ['PATCH', 'published update', `${pub}/${id(B_SESSION)}`, { tenantId: 'agent-a', subscriberHandle: 'x' }],
  ['DELETE', 'published delete', `${pub}/${id(B_SESSION)}`],
  [
    'POST',
    'published message',
    `${pub}/${id(B_SESSION)}/messages`,
    { id: 'p1', message: 'hi', date: '2026-11-20T10:00:00Z' },
  ],
  [
    'POST',
    'published messages batch',
    `${pub}/${id(B_SESSION)}/messages/batch`,
    [{ id: 'p2', message: 'hi', date: '2026-11-20T10:00:00Z' }],
  ],
  ['POST', 'published variables', `${pub}/${id(B_SESSION)}/variables`, [{ name: 'v', value: 1 }]],
  ['PATCH', 'published batch complete', `${pub}/batch/complete`, { ids: [id(B_SESSION)] }],
  ['DELETE', 'delete interactions', `${pub}/${id(B_SESSION)}/interactions`],
  ['POST', 'bulk-delete interactions', `${pub}/interactions/bulk-delete`, { sessionIds: [id(B_SESSION)] }],
  [
    'PATCH',
    'organization update',
    `${org}/chat-sessions/${id(B_SESSION)}`,
    { tenantId: 'agent-a', subscriberHandle: 'x' },
  ],
  ['POST', 'message tags', `/analytics/messages/${id(B_MESSAGE)}/tags`, ['x']],
  ['GET', 'sessions of a contact', `${org}/chat-sessions/subscribers/handle/${id('b-user')}`],
  [
    'GET',
    'sessions of a contact by agent',
    `${org}/chat-sessions/subscribers/handle/b-user?tenantIds=${id('agent-b')}`,
  ],
  ['GET', 'transcript by requestId', `${org}/chat-sessions/transcript/${id('b-request')}`],
  ['GET', 'published export one', `${pub}/export/${id(B_SESSION)}`],
  ['GET', 'organization tags', `${org}/tags?search=${id('b-tag')}`],
  // The agent named with `tenantId` (the by-id routes' choice among the agents holding an id).
  ['GET', 'get naming agent-b', `${org}/chat-sessions/${id(B_SESSION)}?tenantId=${id('agent-b')}`],
  ['GET', 'published get naming agent-b', `${pub}/${id(B_SESSION)}?tenantId=${id('agent-b')}`],
  ['DELETE', 'published delete naming agent-b', `${pub}/${id(B_SESSION)}?tenantId=${id('agent-b')}`],
  [
    'POST',
    'variables naming agent-b',
    `${org}/chat-sessions/${id(B_SESSION)}/variables?tenantId=${id('agent-b')}`,
    [{ name: 'v', value: 1 }],
  ],
  [
    'POST',
    'bulk-delete naming agent-b',
    `${pub}/interactions/bulk-delete?tenantId=${id('agent-b')}`,
    { sessionIds: [id(B_SESSION)] },
  ],
];

describe('an agent-scoped token against another agent’s ids', () => {
  it('gets on every route exactly the answer it gets for ids that do not exist, and changes nothing', async () => {
    const before = await snapshotOfB();
    const foreign = routes((b) => b);
    const missing = routes((b) => (b === 'agent-b' ? 'no-such-agent' : MISSING));
    const differences: string[] = [];
    for (const [index, [method, name, path, body]] of foreign.entries()) {
      const [, , missingPath, missingBody] = missing[index] ?? [];
      const got = await call(AGENT_A, method, path, body);
      const expected = await call(AGENT_A, method, missingPath ?? '', missingBody);
      // The answers may differ only by the id the caller sent itself.
      const normalize = (text: string) =>
        text
          .replaceAll(B_SESSION, '<id>')
          .replaceAll(B_MESSAGE, '<id>')
          .replaceAll(bQuestionId, '<id>')
          .replaceAll('no-such-agent', '<id>')
          .replaceAll('agent-b', '<id>')
          .replaceAll('b-request', '<id>')
          .replaceAll(MISSING, '<id>');
      if (got.status !== expected.status || normalize(got.text) !== normalize(expected.text)) {
        differences.push(
          `${name}: ${got.status} ${got.text.slice(0, 200)} <> ${expected.status} ${expected.text.slice(0, 200)}`,
        );
      }
      expect(got.text).not.toContain('agent-b private');
      expect(got.text).not.toContain('agent-b-value');
    }
    const unchanged = JSON.stringify(await snapshotOfB()) === JSON.stringify(before);
    console.log(
      `reliability: scope wall: ${foreign.length} routes tried with another agent's ids and with absent ones, ` +
        `${differences.length} answered differently, ${unchanged ? 0 : 1} cross-scope writes`,
    );
    expect(differences).toEqual([]);
    expect(unchanged).toBe(true);
  });

  it('reports into another agent’s session as into one that does not exist, and that agent’s own report still counts', async () => {
    const report = (tenantId: string, sessionId: string, messageId: string, question: string) =>
      call(tenantId === 'agent-a' ? AGENT_A : ADMIN, 'POST', `${org}/missed-questions`, {
        missedQuestion: { tenantId, question },
        sessionId,
        messageId,
      });
    // Into agent-b's session: answered as for a session that does not exist (the time is "now", not the
    // message's own time, which would tell that the message exists).
    const into = await report('agent-a', B_SESSION, B_MESSAGE, 'Probe one?');
    const nowhere = await report('agent-a', MISSING, B_MESSAGE, 'Probe two?');
    expect(into.status).toBe(nowhere.status);
    expect(into.status).toBe(201);
    expect(into.text).not.toContain(B_TIME);
    // A message agent-b already reported: still as if it did not exist, not a 409 telling it does.
    const taken = await report('agent-a', B_SESSION, 'b-message-2', 'Probe three?');
    expect(taken.status, taken.text).toBe(201);
    // agent-b's own report of the message agent-a probed is new to agent-b, and counted.
    const own = await report('agent-b', B_SESSION, B_MESSAGE, 'agent-b private question 1?');
    expect(own.status, own.text).toBe(201);
    expect(JSON.parse(own.text)).toMatchObject({ occurrence: { date: B_TIME } });
    const listed = await call(ADMIN, 'GET', `${org}/missed-questions?tenantsFilter=agent-b&pageSize=100`);
    const items = (JSON.parse(listed.text) as { items: Array<{ question: string; occurrences: number }> })
      .items;
    expect(items.map((q) => [q.question, q.occurrences]).sort()).toEqual([
      ['agent-b private question 1?', 1],
      ['agent-b private question 2?', 1],
    ]);
  });

  it('finds its own event even when another agent’s session holds a message with the same id', async () => {
    for (const [id, agent, created] of [
      ['b-shared', 'agent-b', '2026-11-01T00:00:00Z'],
      ['a-shared', 'agent-a', '2026-11-02T00:00:00Z'],
    ] as const) {
      const made = await call(ADMIN, 'POST', `${org}/chat-sessions`, {
        id,
        tenantId: agent,
        subscriberHandle: 'u',
        createdAt: created,
        messages: [{ id: 'shared-message', message: 'hello', isUserInteraction: true, date: created }],
      });
      expect(made.status).toBe(201);
      const vars = await call(
        ADMIN,
        'POST',
        `${org}/chat-sessions/${id}/variables?hbfEventId=shared-message`,
        [{ name: 'owner', value: agent }],
      );
      expect(vars.status).toBe(204);
    }
    const own = await call(AGENT_A, 'GET', `${dm}/events/shared-message/session-variables`);
    expect(own.status, own.text).toBe(200);
    expect(own.text).toContain('a-shared');
    expect(own.text).not.toContain('agent-b');
  });

  it('creates its own session under an id agent-b holds, on every route that creates, and leaves agent-b’s alone', async () => {
    // Session ids are unique per agent: an id agent-b holds is free for agent-a, and taking it tells nothing.
    const held = ['b-held-ingest', 'b-held-create', 'b-held-upsert'];
    for (const id of held) {
      const made = await call(ADMIN, 'POST', `${org}/chat-sessions`, {
        id,
        tenantId: 'agent-b',
        subscriberHandle: 'b-user',
        createdAt: '2026-11-20T09:00:00Z',
        messages: [
          {
            id: `${id}-m`,
            message: 'agent-b private held?',
            isUserInteraction: true,
            date: '2026-11-20T09:01:00Z',
          },
        ],
      });
      expect(made.status, made.text).toBe(201);
    }
    const bView = async () =>
      Promise.all(held.map((id) => call(AGENT_B, 'GET', `${pub}/${id}?includeMessages=true`)));
    const before = [await snapshotOfB(), await bView()];
    const body = (id: string) => ({
      id,
      tenantId: 'agent-a',
      subscriberHandle: 'intruder',
      createdAt: '2026-11-20T09:00:00Z',
      messages: [
        { id: 'intruder-1', message: 'mine now?', isUserInteraction: true, date: '2026-11-20T09:01:00Z' },
      ],
    });
    const answers = {
      'ingest POST': [await call(AGENT_A, 'POST', `${org}/chat-sessions`, body('b-held-ingest')), 201],
      'published create': [await call(AGENT_A, 'POST', pub, body('b-held-create')), 201],
      'published upsert': [await call(AGENT_A, 'PUT', `${pub}/b-held-upsert`, body('b-held-upsert')), 200],
    } as const;
    for (const [route, [answer, status]] of Object.entries(answers)) {
      expect({ route, status: answer.status }, answer.text).toEqual({ route, status });
      expect(JSON.parse(answer.text)).toMatchObject({ tenantId: 'agent-a', subscriberHandle: 'intruder' });
      expect(answer.text).not.toContain('agent-b');
    }
    // The one conflict left: an id agent-a's own session holds.
    const ownTaken = await call(AGENT_A, 'POST', pub, body('a-session'));
    expect(ownTaken.status, ownTaken.text).toBe(409);
    expect(JSON.parse(ownTaken.text)).toMatchObject({
      field: 'id',
      expected: 'an id no chat session of this agent has yet',
    });
    // Both sessions exist; each scoped token sees its own only, and agent-b's is untouched.
    for (const id of held) {
      const mine = await call(AGENT_A, 'GET', `${pub}/${id}?includeMessages=true`);
      expect(mine.status, mine.text).toBe(200);
      expect(JSON.parse(mine.text)).toMatchObject({ id, tenantId: 'agent-a', subscriberHandle: 'intruder' });
      expect(mine.text).not.toContain('agent-b');
      const listed = await call(AGENT_A, 'GET', `${org}/chat-sessions?uuid=${id}&includeMessages=true`);
      expect((JSON.parse(listed.text) as { items: Array<{ tenantId: string }> }).items).toMatchObject([
        { tenantId: 'agent-a' },
      ]);
    }
    expect([await snapshotOfB(), await bView()]).toEqual(before);
    for (const answer of before[1] ?? [])
      expect(JSON.parse(answer.text)).toMatchObject({ tenantId: 'agent-b' });
  });

  it('a report naming a question id of agent-b gets the answer of an id taken by its own other question', async () => {
    const before = await snapshotOfB();
    const report = (id: string, question: string, messageId: string) =>
      call(AGENT_A, 'POST', `${org}/missed-questions`, {
        missedQuestion: { id, tenantId: 'agent-a', question },
        sessionId: 'a-session',
        messageId,
      });
    const first = await report('a-question', 'agent-a question 1?', 'a-message-1');
    expect(first.status, first.text).toBe(201);
    const own = await report('a-question', 'agent-a other question?', 'a-message-2');
    const foreign = await report(bQuestionId, 'agent-a other question?', 'a-message-2');
    expect(own.status, own.text).toBe(409);
    expect({ status: foreign.status, text: foreign.text }).toEqual({ status: own.status, text: own.text });
    expect(foreign.text).not.toContain('agent-b');
    expect(await snapshotOfB()).toEqual(before);
  });
});
