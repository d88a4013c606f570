import { createObservatoryClient } from '@observatory/client';
import { describe, expect, it } from 'vitest';
import { useLocalServer } from './support/local-server.js';
import { rawRequest } from './support/raw-request.js';

// A runtime records a finished conversation with its trace: `client.ingest.upsertSession` sends the session and
// its interaction log in one request, written in one transaction by the real local server; reading the session
// back gives both.
const local = useLocalServer({ token: 'recording-token', organizationId: 'acme' });
const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString();
const messages = [
  { id: 'm1', role: 'user' as const, text: 'Where is order ORD-7?', createdAt: at(0) },
  { id: 'm2', role: 'agent' as const, text: 'On its way.', createdAt: at(2), responseToId: 'm1' },
];
const steps = [
  { id: 'llm-1', messageId: 'm1', type: 'llm', timestamp: at(1), payload: { model: 'x', promptTokens: 12 } },
  { id: 'search-1', messageId: 'm1', type: 'search', timestamp: at(1), payload: { hits: 3 } },
];

/** A client that reads the log back through hbf-data-manager's operations, served by the same local server. */
function reader() {
  return createObservatoryClient({
    baseUrl: local.url,
    dataManagerUrl: local.url,
    token: local.token,
    organizationId: local.organizationId,
  });
}

/** A client of the local server that counts the requests it sends. */
function countingClient() {
  const sent: string[] = [];
  const client = createObservatoryClient({
    baseUrl: local.url,
    token: local.token,
    organizationId: local.organizationId,
    retry: 0,
    fetch: (input: Request, init?: RequestInit) => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    },
  });
  return { client, sent };
}

describe('recording a session with its trace', () => {
  it('sends the session and its interaction log in one request, and stores both', async () => {
    const { client, sent } = countingClient();
    await client.ingest.upsertSession({
      id: 's-trace',
      agentId: 'shop',
      contact: { id: 'u1' },
      createdAt: at(0),
      messages,
      interactions: steps,
    });
    expect(sent).toEqual(['POST /organizations/acme/chat-sessions']);
    const stored = await reader().sessions.get('s-trace', { include: ['messages', 'interactions'] });
    expect(stored.messages.map((message) => message.id)).toEqual(['m1', 'm2']);
    expect(stored.interactions.map((step) => [step.id, step.messageId, step.type, step.payload])).toEqual([
      ['llm-1', 'm1', 'llm', { model: 'x', promptTokens: 12 }],
      ['search-1', 'm1', 'search', { hits: 3 }],
    ]);
  });

  it('adds the steps of a repeated upsert once (by id), beside the new ones', async () => {
    const session = { id: 's-retry', agentId: 'shop', contact: { id: 'u2' }, createdAt: at(0), messages };
    await local.client.ingest.upsertSession({ ...session, interactions: steps });
    const later = { id: 'llm-2', messageId: 'm1', type: 'llm', timestamp: at(3), payload: { model: 'y' } };
    await local.client.ingest.upsertSession({ ...session, interactions: [...steps, later] });
    const stored = await reader().sessions.get('s-retry', { include: ['interactions'] });
    expect(stored.interactions.map((step) => step.id)).toEqual(['llm-1', 'search-1', 'llm-2']);
  });

  it('reads back only its own steps when another session has a message of the same id', async () => {
    const other = { id: 's-other', agentId: 'shop', contact: { id: 'u4' }, createdAt: at(0), messages };
    const theirs = { id: 'their-llm', messageId: 'm1', type: 'llm', timestamp: at(1), payload: {} };
    await local.client.ingest.upsertSession({ ...other, interactions: [theirs] });
    const stored = await reader().sessions.get('s-trace', { include: ['interactions'] });
    expect(stored.interactions.map((step) => step.id)).toEqual(['llm-1', 'search-1']);
  });

  it('places a message written late by its time, before the later ones already stored', async () => {
    const session = { id: 's-late', agentId: 'shop', contact: { id: 'u5' }, createdAt: at(0) };
    const first = messages[0] as (typeof messages)[number];
    const later = { id: 'm3', role: 'user' as const, text: 'Still there?', createdAt: at(9) };
    await local.client.ingest.upsertSession({ ...session, messages: [first, later] });
    await local.client.ingest.upsertSession({
      ...session,
      messages: [messages[1] as (typeof messages)[number]],
    });
    const stored = await local.client.sessions.get('s-late');
    expect(stored.messages.map((message) => message.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('refuses a step that names another session, naming the field, and stores nothing', async () => {
    const answer = await rawRequest(
      Number(new URL(local.url).port),
      'POST',
      '/organizations/acme/chat-sessions',
      {
        token: local.token,
        body: {
          id: 's-stray',
          tenantId: 'shop',
          subscriberHandle: 'u3',
          createdAt: at(0),
          interactions: [
            {
              id: 'x1',
              hbfEventId: 'm1',
              sessionId: 'another-session',
              timestamp: at(1),
              type: 'LLM',
              payload: {},
            },
          ],
        },
      },
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.json)).toContain('interactions.0.sessionId');
    await expect(local.client.sessions.get('s-stray')).rejects.toMatchObject({ status: 404 });
  });
});
