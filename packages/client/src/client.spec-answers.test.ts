import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createObservatoryClient, type ObservatoryClient } from './client.js';
import { publishedAnswers } from './testing/spec-answers.js';

// Every answer the published spec allows, for every operation the client implements, is accepted: answers are
// drawn from the spec's own JSON Schemas, each checked valid by an independent validator, and served by a fetch.
// 1,000 answers per operation by default (about half a minute in all); OBSERVATORY_SPEC_RUNS sets another count.
const RUNS = Number(process.env.OBSERVATORY_SPEC_RUNS ?? 1000);
const answers = await publishedAnswers();
const baseUrl = 'http://platform.test';
const dataManagerUrl = 'http://data-manager.test';

type Route = readonly [method: string, pattern: RegExp, operationId: string];
const ROUTES: readonly Route[] = [
  ['GET', /^\/orgs\/org-1\/events\/[^/]+\/interactions$/, 'InteractionsController_getByEvent'],
  [
    'GET',
    /^\/orgs\/org-1\/events\/[^/]+\/session-variables$/,
    'InteractionsController_getSessionVariablesAtEvent',
  ],
  ['GET', /^\/organizations\/org-1\/chat-sessions$/, 'list_25'],
  ['GET', /^\/organizations\/org-1\/chat-sessions\/[^/]+$/, 'get_21'],
  ['GET', /^\/organizations\/org-1\/chat-sessions\/[^/]+\/messages$/, 'getMessages_1'],
  ['PATCH', /^\/organizations\/org-1\/chat-sessions\/[^/]+$/, 'update_24'],
  ['POST', /^\/organizations\/org-1\/tags$/, 'createTag'],
  ['GET', /^\/organizations\/org-1\/tags$/, 'listTags_1'],
  ['POST', /^\/analytics\/messages\/[^/]+\/tags$/, 'addMessageTags'],
  ['GET', /^\/organizations\/org-1\/chat-sessions\/transcript\/[^/]+$/, 'getTranscriptByRequestIdVariable_1'],
  // listBySubscriberHandle_1 publishes no answer schema: it is answered as the other session list is.
  ['GET', /^\/organizations\/org-1\/chat-sessions\/subscribers\/handle\/[^/]+$/, 'list_25'],
  ['GET', /^\/organizations\/org-1\/missed-questions$/, 'listMissedQuestions_1'],
  ['POST', /^\/organizations\/org-1\/missed-questions$/, 'createMissedQuestion_1'],
  [
    'GET',
    /^\/organizations\/org-1\/missed-questions\/[^/]+\/occurrences$/,
    'findMissedQuestionOccurrences_1',
  ],
  ['GET', /^\/organizations\/org-1\/missed-questions\/[^/]+$/, 'findMissedQuestion_1'],
  ['PATCH', /^\/organizations\/org-1\/missed-questions\/[^/]+$/, 'updateMissedQuestion_1'],
  ['GET', /^\/organizations\/org-1\/analytics\/missed-questions$/, 'missedQuestions'],
  ['GET', /^\/orgs\/org-1\/interactions$/, 'InteractionsController_list'],
  [
    'DELETE',
    /^\/chat-sessions\/[^/]+\/interactions$/,
    'InteractionsDeleteController_deleteSessionInteractions',
  ],
  [
    'POST',
    /^\/chat-sessions\/interactions\/bulk-delete$/,
    'InteractionsDeleteController_bulkDeleteSessionInteractions',
  ],
  ['GET', /^\/chat-sessions$/, 'list_33'],
  ['POST', /^\/chat-sessions$/, 'create_31'],
  ['PATCH', /^\/chat-sessions\/batch\/complete$/, 'batchSetStatusCompleted'],
  ['GET', /^\/chat-sessions\/[^/]+$/, 'get_30'],
  ['PUT', /^\/chat-sessions\/[^/]+$/, 'upsert_1'],
  ['PATCH', /^\/chat-sessions\/[^/]+$/, 'update_31'],
  ['DELETE', /^\/chat-sessions\/[^/]+$/, 'delete_27'],
  ['POST', /^\/chat-sessions\/[^/]+\/messages$/, 'addMessage'],
  ['POST', /^\/chat-sessions\/[^/]+\/messages\/batch$/, 'addMessages'],
  ['POST', /^\/chat-sessions\/[^/]+\/variables$/, 'addVariables'],
];

/** A client whose every request is answered with the body drawn for its operation (or `fallback`). */
function clientAnswering(bodies: Readonly<Record<string, unknown>>): ObservatoryClient {
  return createObservatoryClient({
    baseUrl,
    dataManagerUrl,
    token: 'spec-token',
    organizationId: 'org-1',
    retry: 0,
    fetch: async (input) => {
      const url = new URL(input.url);
      const route = ROUTES.find(([method, pattern]) => method === input.method && pattern.test(url.pathname));
      if (route === undefined) throw new Error(`unrouted ${input.method} ${url.pathname}`);
      const operationId = route[2];
      if (!(operationId in bodies)) throw new Error(`no answer drawn for ${operationId}`);
      const body = bodies[operationId];
      const status = answers.status(operationId);
      // An operation declaring no body is answered without one, as is a 204 whatever it declares (addMessageTags
      // declares a body on its 204, which HTTP does not carry).
      if (body === undefined || status === 204) return new Response(null, { status });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  });
}

/** Draws answers for `operations`, checks each one valid against the spec, then runs `call` against them. */
async function acceptsEvery(
  operations: readonly string[],
  call: (client: ObservatoryClient) => Promise<unknown>,
  fixed: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const drawn = fc.record(Object.fromEntries(operations.map((id) => [id, answers.arbitrary(id)])));
  await fc.assert(
    fc.asyncProperty(drawn, async (bodies) => {
      for (const id of operations) expect(answers.validate(id, bodies[id]), id).toEqual([]);
      await call(clientAnswering({ ...fixed, ...bodies }));
    }),
    { numRuns: RUNS },
  );
}

// A session with one user message, so that `get` asks hbf-data-manager about it.
const sessionWithOneTurn = {
  id: 's1',
  subscriberHandle: 'u1',
  containsUserInteraction: true,
  messages: [{ id: 'm1', message: 'Hi', date: '2026-11-25T10:00:00Z', isUserInteraction: true }],
};

describe('every schema-valid answer of the published spec is accepted', () => {
  it('get_21: sessions.get', async () => {
    await acceptsEvery(['get_21'], (client) => client.sessions.get('s1'));
  });

  it('list_25: sessions.list', async () => {
    await acceptsEvery(['list_25'], (client) => client.sessions.list({ include: ['messages', 'liveChats'] }));
  });

  it('hbf-data-manager getByEvent and getSessionVariablesAtEvent: sessions.get with the log', async () => {
    await acceptsEvery(
      ['InteractionsController_getByEvent', 'InteractionsController_getSessionVariablesAtEvent'],
      (client) => client.sessions.get('s1', { include: ['interactions', 'variableSnapshots'] }),
      { get_21: sessionWithOneTurn },
    );
  });

  it('getMessages_1: sessions.messages', async () => {
    await acceptsEvery(['getMessages_1'], (client) => client.sessions.messages('s1'));
  });

  it('update_24: sessions.update', async () => {
    await acceptsEvery(['update_24'], (client) =>
      client.sessions.update('s1', { tenantId: 'faq-bot', subscriberHandle: 'user-1', status: 'COMPLETED' }),
    );
  });

  it('createTag: tags.create', async () => {
    await acceptsEvery(['createTag'], (client) =>
      client.tags.create({ scope: 'CHAT_SESSIONS', label: 'refund' }),
    );
  });

  it('listTags_1: tags.list', async () => {
    await acceptsEvery(['listTags_1'], (client) => client.tags.list({ scope: 'CHAT_SESSIONS' }));
  });

  it('addMessageTags: sessions.tagMessage (the body the spec declares on its 204 is read as none)', async () => {
    await acceptsEvery(['addMessageTags'], (client) => client.sessions.tagMessage('m1', ['refund']));
  });

  it('listBySubscriberHandle_1: sessions.listByContact (no schema published: answers of list_25)', async () => {
    await acceptsEvery(['list_25'], (client) => client.sessions.listByContact('user-1'));
  });

  it('getTranscriptByRequestIdVariable_1: sessions.transcript', async () => {
    await acceptsEvery(['getTranscriptByRequestIdVariable_1'], (client) =>
      client.sessions.transcript('req-42'),
    );
  });

  it('listMissedQuestions_1: missedQuestions.list', async () => {
    await acceptsEvery(['listMissedQuestions_1'], (client) => client.missedQuestions.list());
  });

  it('findMissedQuestion_1: missedQuestions.get', async () => {
    await acceptsEvery(['findMissedQuestion_1'], (client) => client.missedQuestions.get('q1'));
  });

  it('updateMissedQuestion_1: missedQuestions.update', async () => {
    // The question read first must carry what the PATCH sends back (its agent and wording); one that lacks them
    // stops the update loudly (client.faults.test.ts). Every answer of the PATCH itself is accepted.
    await acceptsEvery(
      ['updateMissedQuestion_1'],
      (client) => client.missedQuestions.update('q1', { status: 'RESOLVED' }),
      { findMissedQuestion_1: { occurrences: 2, tenantId: 'faq-bot', question: 'Do you ship to Cyprus?' } },
    );
  });

  it('createMissedQuestion_1: missedQuestions.report', async () => {
    await acceptsEvery(['createMissedQuestion_1'], (client) =>
      client.missedQuestions.report({
        tenantId: 'faq-bot',
        question: 'Ship?',
        sessionId: 's1',
        messageId: 'm1',
      }),
    );
  });

  it('findMissedQuestionOccurrences_1: missedQuestions.occurrences', async () => {
    await acceptsEvery(['findMissedQuestionOccurrences_1', 'findMissedQuestion_1'], (client) =>
      client.missedQuestions.occurrences('q1'),
    );
  });

  it('missedQuestions: analytics.missedQuestions', async () => {
    await acceptsEvery(['missedQuestions'], (client) =>
      client.analytics.missedQuestions({
        startDate: '2026-11-01T00:00:00Z',
        endDate: '2026-12-01T00:00:00Z',
        timeZone: 'UTC',
      }),
    );
  });

  it('list_33: chatSessions.list', async () => {
    await acceptsEvery(['list_33'], (client) =>
      client.chatSessions.list({ include: ['messages', 'liveChats'] }),
    );
  });

  it('get_30: chatSessions.get', async () => {
    await acceptsEvery(['get_30'], (client) => client.chatSessions.get('s1'));
  });

  it('create_31: chatSessions.create', async () => {
    await acceptsEvery(['create_31'], (client) =>
      client.chatSessions.create({
        agentId: 'faq-bot',
        contact: { id: 'u1' },
        createdAt: '2026-11-25T10:00:00Z',
      }),
    );
  });

  it('upsert_1: chatSessions.upsert', async () => {
    await acceptsEvery(['upsert_1'], (client) =>
      client.chatSessions.upsert({
        id: 's1',
        agentId: 'faq-bot',
        contact: { id: 'u1' },
        createdAt: '2026-11-25T10:00:00Z',
      }),
    );
  });

  it('update_31: chatSessions.update', async () => {
    await acceptsEvery(['update_31'], (client) =>
      client.chatSessions.update('s1', { tenantId: 'faq-bot', subscriberHandle: 'u1', status: 'COMPLETED' }),
    );
  });

  it('the 204 operations: chatSessions.addMessage, addMessages, addVariables, complete, delete', async () => {
    const message = { id: 'm2', role: 'agent', text: 'Hello', createdAt: '2026-11-25T10:00:01Z' } as const;
    await acceptsEvery(
      ['addMessage', 'addMessages', 'addVariables', 'batchSetStatusCompleted', 'delete_27'],
      async (client) => {
        await client.chatSessions.addMessage('s1', message);
        await client.chatSessions.addMessages('s1', [message]);
        await client.chatSessions.addVariables('s1', { plan: 'pro' });
        await client.chatSessions.complete(['s1']);
        await client.chatSessions.delete('s1');
      },
    );
  });

  it('InteractionsController_list: interactions.list', async () => {
    await acceptsEvery(['InteractionsController_list'], (client) => client.interactions.list());
  });

  it('the 202 operations of hbf-data-manager: interactions.deleteForSession, deleteForSessions', async () => {
    await acceptsEvery(
      [
        'InteractionsDeleteController_deleteSessionInteractions',
        'InteractionsDeleteController_bulkDeleteSessionInteractions',
      ],
      async (client) => {
        await client.interactions.deleteForSession('s1');
        await client.interactions.deleteForSessions(['s1', 's2']);
      },
    );
  });
});
