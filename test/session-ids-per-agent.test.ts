import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAs } from './support/call-as.js';

// Session ids are unique per agent: an organization-wide token meets an id two agents hold. Every by-id route
// then answers 409 naming both (and, for a token scoped to several agents, only those among its own), and
// `tenantId` chooses one; an id one agent holds works without it.

const ADMIN = 'ids-admin-token';
const AB = 'ids-agents-a-b-token';
const org = '/organizations/acme';
const pub = '/chat-sessions';
const DATE = '2026-11-20T10:00:00Z';

let server: RunningServer;
const call = callAs(() => server.url);
const create = async (id: string, agent: string) => {
  const made = await call(ADMIN, 'POST', `${org}/chat-sessions`, {
    id,
    tenantId: agent,
    subscriberHandle: `${agent}-user`,
    createdAt: '2026-11-20T09:00:00Z',
    tags: [`${agent}-tag`],
    messages: [
      { id: 'm1', message: `${agent} says hello`, isUserInteraction: true, date: '2026-11-20T09:01:00Z' },
    ],
  });
  expect(made.status, made.text).toBe(201);
  const step = await call(ADMIN, 'POST', `${org}/chat-sessions/${id}/interactions?tenantId=${agent}`, {
    id: 'step-1',
    sessionId: id,
    hbfEventId: 'm1',
    timestamp: '2026-11-20T09:01:01Z',
    type: 'NLP',
    payload: {},
  });
  expect(step.status, step.text).toBe(201);
};
/** A session as the organization's admin reads it through `tenantId`, with its interaction log. */
const stateOf = async (id: string, agent: string) => [
  await call(ADMIN, 'GET', `${org}/chat-sessions/${id}?tenantId=${agent}&includeMessages=true`),
  await call(ADMIN, 'GET', `/orgs/acme/events/m1/interactions`),
];

/** Every route that addresses a session by id, with its success status; `q` is the query (`?tenantId=…`). */
const ROUTES: Array<[string, string, (id: string, q: string) => string, unknown, number]> = [
  ['get', 'GET', (id, q) => `${org}/chat-sessions/${id}${q}`, undefined, 200],
  ['messages', 'GET', (id, q) => `${org}/chat-sessions/${id}/messages${q}`, undefined, 200],
  ['export one', 'GET', (id, q) => `${org}/chat-sessions/export/${id}${q}`, undefined, 200],
  ['replace tags', 'PATCH', (id, q) => `${org}/chat-sessions/${id}/tags${q}`, ['x'], 200],
  [
    'update',
    'PATCH',
    (id, q) => `${org}/chat-sessions/${id}${q}`,
    { tenantId: 'agent-a', subscriberHandle: 'x' },
    200,
  ],
  [
    'append message',
    'POST',
    (id, q) => `${org}/chat-sessions/${id}/messages${q}`,
    { id: 'n1', message: 'hi', date: DATE },
    201,
  ],
  [
    'append batch',
    'POST',
    (id, q) => `${org}/chat-sessions/${id}/messages/batch${q}`,
    [{ id: 'n2', message: 'hi', date: DATE }],
    201,
  ],
  [
    'variables',
    'POST',
    (id, q) => `${org}/chat-sessions/${id}/variables${q}`,
    [{ name: 'v', value: 1 }],
    204,
  ],
  ['tag operations', 'POST', (id, q) => `${org}/chat-sessions/${id}/tags${q}`, { add: ['x'] }, 200],
  ['published get', 'GET', (id, q) => `${pub}/${id}${q}`, undefined, 200],
  ['published export one', 'GET', (id, q) => `${pub}/export/${id}${q}`, undefined, 200],
  [
    'published update',
    'PATCH',
    (id, q) => `${pub}/${id}${q}`,
    { tenantId: 'agent-a', subscriberHandle: 'x' },
    200,
  ],
  [
    'published message',
    'POST',
    (id, q) => `${pub}/${id}/messages${q}`,
    { id: 'p1', message: 'hi', date: DATE },
    204,
  ],
  [
    'published batch',
    'POST',
    (id, q) => `${pub}/${id}/messages/batch${q}`,
    [{ id: 'p2', message: 'hi', date: DATE }],
    204,
  ],
  ['published variables', 'POST', (id, q) => `${pub}/${id}/variables${q}`, [{ name: 'v', value: 1 }], 204],
  ['batch complete', 'PATCH', (_id, q) => `${pub}/batch/complete${q}`, 'ids', 204],
  ['delete interactions', 'DELETE', (id, q) => `${pub}/${id}/interactions${q}`, undefined, 202],
  ['bulk-delete interactions', 'POST', (_id, q) => `${pub}/interactions/bulk-delete${q}`, 'sessionIds', 202],
  ['published delete', 'DELETE', (id, q) => `${pub}/${id}${q}`, undefined, 204],
];
const bodyFor = (body: unknown, id: string) =>
  body === 'ids' ? { ids: [id] } : body === 'sessionIds' ? { sessionIds: [id] } : body;
const slug = (name: string) => name.replaceAll(' ', '-');
const stepOf = (id: string) => ({
  id: 'step-2',
  sessionId: id,
  hbfEventId: 'm1',
  timestamp: DATE,
  type: 'NLP',
  payload: {},
});

beforeAll(async () => {
  server = await startObservatoryServer({
    storeUrl: 'memory://',
    port: 0,
    hostname: '127.0.0.1',
    auth: {
      tokens: [
        { token: ADMIN, organizationId: 'acme' },
        { token: AB, organizationId: 'acme', agents: ['agent-a', 'agent-b'] },
      ],
    },
  });
  for (const [name] of [...ROUTES, ['interactions']]) {
    await create(`${slug(name ?? '')}-single`, 'agent-a');
    await create(`${slug(name ?? '')}-shared`, 'agent-a');
    await create(`${slug(name ?? '')}-shared`, 'agent-b');
  }
  await create('three-holders', 'agent-a');
  await create('three-holders', 'agent-b');
  await create('three-holders', 'agent-c');
});
afterAll(async () => {
  await server?.close();
});

describe('an organization-wide token and a session id two agents hold', () => {
  for (const [name, method, path, body, status] of ROUTES) {
    it(`${name}: one holder works without tenantId; two are a 409 naming both; tenantId chooses one`, async () => {
      const single = `${slug(name)}-single`;
      const shared = `${slug(name)}-shared`;
      const alone = await call(ADMIN, method, path(single, ''), bodyFor(body, single));
      expect(alone.status, alone.text).toBe(status);
      const before = { a: await stateOf(shared, 'agent-a'), b: await stateOf(shared, 'agent-b') };
      const both = await call(ADMIN, method, path(shared, ''), bodyFor(body, shared));
      expect(both.status, both.text).toBe(409);
      expect(JSON.parse(both.text)).toMatchObject({ field: 'id', agents: ['agent-a', 'agent-b'] });
      // The 409 changed nothing.
      expect({ a: await stateOf(shared, 'agent-a'), b: await stateOf(shared, 'agent-b') }).toEqual(before);
      const chosen = await call(ADMIN, method, path(shared, '?tenantId=agent-a'), bodyFor(body, shared));
      expect(chosen.status, chosen.text).toBe(status);
      if (method === 'GET') {
        expect(chosen.text).toContain('agent-a');
        expect(chosen.text).not.toContain('agent-b');
      }
      // agent-b's session is untouched, whatever the chosen one's route did to agent-a's.
      const [bAfter] = await stateOf(shared, 'agent-b');
      expect(bAfter).toEqual(before.b[0]);
    });
  }

  it('interactions: two holders are a 409, tenantId adds the step to the chosen session only', async () => {
    const shared = 'interactions-shared';
    const both = await call(ADMIN, 'POST', `${org}/chat-sessions/${shared}/interactions`, stepOf(shared));
    expect(both.status, both.text).toBe(409);
    expect(JSON.parse(both.text)).toMatchObject({ field: 'id', agents: ['agent-a', 'agent-b'] });
    const chosen = await call(
      ADMIN,
      'POST',
      `${org}/chat-sessions/${shared}/interactions?tenantId=agent-b`,
      stepOf(shared),
    );
    expect(chosen.status, chosen.text).toBe(201);
    const single = await call(
      ADMIN,
      'POST',
      `${org}/chat-sessions/interactions-single/interactions`,
      stepOf('interactions-single'),
    );
    expect(single.status, single.text).toBe(201);
  });

  it('lists both holders by uuid, and names only the agents within a token scoped to several', async () => {
    const listed = await call(ADMIN, 'GET', `${org}/chat-sessions?uuid=three-holders`);
    const items = (JSON.parse(listed.text) as { items: Array<{ tenantId: string }> }).items;
    expect(items.map((s) => s.tenantId)).toEqual(['agent-a', 'agent-b', 'agent-c']);
    const scoped = await call(AB, 'GET', `${pub}/three-holders`);
    expect(scoped.status, scoped.text).toBe(409);
    expect(JSON.parse(scoped.text)).toMatchObject({ field: 'id', agents: ['agent-a', 'agent-b'] });
    expect(scoped.text).not.toContain('agent-c');
    const outside = await call(AB, 'GET', `${pub}/three-holders?tenantId=agent-c`);
    const missing = await call(AB, 'GET', `${pub}/no-such-session?tenantId=agent-c`);
    expect(outside.status).toBe(404);
    expect(outside.text.replace('three-holders', 'no-such-session')).toBe(missing.text);
    const chosen = await call(AB, 'GET', `${pub}/three-holders?tenantId=agent-b`);
    expect(JSON.parse(chosen.text)).toMatchObject({ id: 'three-holders', tenantId: 'agent-b' });
  });

  it('refuses a tenantId that is no agent id with a 400 naming it', async () => {
    const bad = await call(ADMIN, 'GET', `${pub}/three-holders?tenantId=${'x'.repeat(200)}`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ field: 'tenantId' });
  });
});
