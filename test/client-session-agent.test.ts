import { isObservatoryApiError } from '@observatory/client';
import type { SessionInput } from '@observatory/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from './support/local-server.js';

// Session ids are unique per agent: the client's by-id methods take `agentId` to choose among the agents
// holding an id, and without it an id two agents hold is a 409 whose problem names them.

const local = useLocalServer({ token: 'session-agent-token' });
const at = '2026-11-25T10:00:00.000Z';
const sessionOf = (agentId: string): SessionInput => ({
  id: 'shared',
  agentId,
  contact: { id: `${agentId}-user` },
  createdAt: at,
  messages: [{ id: 'm1', role: 'user', text: `${agentId} asks`, createdAt: at }],
});

beforeAll(async () => {
  for (const agent of ['faq-bot', 'sales-bot']) await local.client.ingest.upsertSession(sessionOf(agent));
});

describe('by-id client methods and a session id two agents hold', () => {
  it('answers 409 naming the agents without agentId, and the chosen session with it', async () => {
    const error = await local.client.sessions.get('shared').catch((e: unknown) => e);
    expect(isObservatoryApiError(error) && error.status).toBe(409);
    expect(isObservatoryApiError(error) && error.problem).toMatchObject({
      field: 'id',
      agents: ['faq-bot', 'sales-bot'],
    });
    const chosen = await local.client.sessions.get('shared', {}, { agentId: 'sales-bot' });
    expect([chosen.agentId, chosen.messages.map((m) => m.text)]).toEqual(['sales-bot', ['sales-bot asks']]);
    expect((await local.client.chatSessions.get('shared', {}, { agentId: 'faq-bot' })).agentId).toBe(
      'faq-bot',
    );
  });

  it('writes to the chosen agent’s session only', async () => {
    await local.client.sessions.setTags('shared', ['vip'], { agentId: 'faq-bot' });
    await local.client.chatSessions.addMessage(
      'shared',
      { id: 'm2', role: 'agent', text: 'faq-bot answers', createdAt: at },
      { agentId: 'faq-bot' },
    );
    const faq = await local.client.sessions.get('shared', {}, { agentId: 'faq-bot' });
    const sales = await local.client.sessions.get('shared', {}, { agentId: 'sales-bot' });
    expect([faq.tags, faq.messages.length]).toEqual([['vip'], 2]);
    expect([sales.tags, sales.messages.length]).toEqual([[], 1]);
    await local.client.chatSessions.delete('shared', { agentId: 'sales-bot' });
    expect((await local.client.sessions.get('shared')).agentId).toBe('faq-bot');
  });
});
