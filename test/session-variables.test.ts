import { createObservatoryClient } from '@observatory/client';
import { describe, expect, it } from 'vitest';
import { useLocalServer } from './support/local-server.js';

// A runtime records the variables each workflow run left (one snapshot per user message), through the client,
// against the real local server; reading the session back with its snapshots gives them per message.
const local = useLocalServer({ token: 'variables-token', organizationId: 'acme' });
const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString();
const messages = [
  { id: 'm1', role: 'user' as const, text: 'Where is order ORD-7?', createdAt: at(0) },
  { id: 'm2', role: 'agent' as const, text: 'On its way.', createdAt: at(1) },
  { id: 'm3', role: 'user' as const, text: 'Thanks', createdAt: at(30) },
];

function reader() {
  // The snapshots are read from hbf-data-manager's operation, served by the same local server.
  return createObservatoryClient({
    baseUrl: local.url,
    dataManagerUrl: local.url,
    token: local.token,
    organizationId: local.organizationId,
  });
}

describe('recording the variables of each workflow run', () => {
  it('keeps the variable snapshots of a session given to ingest.upsertSession, per message', async () => {
    await local.client.ingest.upsertSession({
      id: 's-upsert',
      agentId: 'shop',
      contact: { id: 'u1' },
      createdAt: at(0),
      messages,
      variableSnapshots: [
        { messageId: 'm1', takenAt: at(1), variables: { orderId: 'ORD-7', language: 'en' } },
        { messageId: 'm3', takenAt: at(31), variables: { orderId: 'ORD-7', language: 'en', thanked: true } },
      ],
    });
    const session = await reader().sessions.get('s-upsert', { include: ['messages', 'variableSnapshots'] });
    expect(session.variableSnapshots.map((snapshot) => [snapshot.messageId, snapshot.variables])).toEqual([
      ['m1', { orderId: 'ORD-7', language: 'en' }],
      ['m3', { orderId: 'ORD-7', language: 'en', thanked: true }],
    ]);
  });

  it('records one run’s variables with ingest.recordVariables and the message it ran for', async () => {
    await local.client.ingest.upsertSession({
      id: 's-record',
      agentId: 'shop',
      contact: { id: 'u2' },
      createdAt: at(0),
      messages,
    });
    await local.client.ingest.recordVariables('s-record', { orderId: 'ORD-9' }, { messageId: 'm1' });
    await local.client.ingest.recordVariables(
      's-record',
      { orderId: 'ORD-9', escalations: 1 },
      { messageId: 'm3' },
    );
    const session = await reader().sessions.get('s-record', { include: ['messages', 'variableSnapshots'] });
    expect(session.variableSnapshots.map((snapshot) => [snapshot.messageId, snapshot.variables])).toEqual([
      ['m1', { orderId: 'ORD-9' }],
      ['m3', { orderId: 'ORD-9', escalations: 1 }],
    ]);
  });

  it('names the field when the variables are not an object', async () => {
    await expect(
      local.client.ingest.recordVariables('s-record', 'ORD-9' as never, { messageId: 'm1' }),
    ).rejects.toThrow(/variables/);
  });
});
