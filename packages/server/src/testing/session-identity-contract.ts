import type { Session } from '@observatory/core';
import { expect, it } from 'vitest';
import { AmbiguousSessionError, ConflictError, NotFoundError } from '../errors.js';
import type { ObservatoryStore } from '../store/store.js';
import { sampleSessions } from './fixtures.js';

/**
 * The store contract's cases on a session's identity, (organization, agent, id): two agents hold one id as two
 * sessions; a by-id call resolves among the agents it is given, absent for none, AmbiguousSessionError naming
 * only those agents for several. Registered inside `describeStoreContract`, on its store.
 *
 * @example
 * ```ts
 * describeSessionIdentityCases(() => store, freshOrg);
 * ```
 */
export function describeSessionIdentityCases(store: () => ObservatoryStore, freshOrg: () => string): void {
  /** One session id held by agent-a and agent-b, with a step and a missed question each. */
  const twoHolders = async () => {
    const org = freshOrg();
    const [template] = sampleSessions(1, 77) as [Session];
    const messageId = template.messages.find((m) => m.role === 'user')?.id ?? 'm';
    const of = (agentId: string): Session => ({
      ...template,
      id: 'shared-id',
      agentId,
      tags: [`${agentId}-tag`],
      interactions: [
        { id: 'step', messageId, type: 'llm', timestamp: template.createdAt, payload: { agentId } },
      ],
    });
    for (const agent of ['agent-a', 'agent-b']) {
      expect((await store().upsertSession(org, of(agent))).created).toBe(true);
      await store().reportMissedQuestion(org, {
        agentId: agent,
        question: `${agent} question?`,
        sessionId: 'shared-id',
        messageId,
      });
    }
    return { org, of, messageId };
  };

  it('keeps one session per (agent, id): another agent’s upsert or create of the id is its own session', async () => {
    const { org, of } = await twoHolders();
    await expect(store().createSession(org, of('agent-a'))).rejects.toBeInstanceOf(ConflictError);
    await store().createSession(org, of('agent-c'));
    for (const agent of ['agent-a', 'agent-b', 'agent-c']) {
      const session = await store().getSession(org, 'shared-id', [agent]);
      expect(session).toMatchObject({ id: 'shared-id', agentId: agent, tags: [`${agent}-tag`] });
      expect(session?.interactions.map((s) => s.payload)).toEqual([{ agentId: agent }]);
    }
    const listed = await store().listSessions(org, {}, { page: 0, pageSize: 10 });
    expect(listed.items.map((s) => s.agentId)).toEqual(['agent-c', 'agent-b', 'agent-a']);
    expect(listed.total).toBe(3);
    const streamed: string[] = [];
    for await (const s of store().streamSessions(org, { sort: { by: 'createdAt', order: 'asc' } }))
      streamed.push(s.agentId);
    expect(streamed).toEqual(['agent-a', 'agent-b', 'agent-c']);
  });

  it('resolves a by-id call among the agents given: one is that session, none is absent, several a typed 409', async () => {
    const { org, messageId } = await twoHolders();
    expect(await store().getSession(org, 'shared-id', ['agent-a', 'agent-z'])).toMatchObject({
      agentId: 'agent-a',
    });
    expect(await store().getSession(org, 'shared-id', ['agent-z'])).toBeUndefined();
    expect(await store().getSession(org, 'shared-id', [])).toBeUndefined();
    expect(await store().getSessionAgent(org, 'shared-id', ['agent-b'])).toBe('agent-b');
    const ambiguous = await store()
      .getSession(org, 'shared-id')
      .catch((e: unknown) => e);
    expect(ambiguous).toBeInstanceOf(AmbiguousSessionError);
    expect(ambiguous).toMatchObject({ status: 409, field: 'id', agents: ['agent-a', 'agent-b'] });
    // Every by-id write refuses the ambiguous id, changing nothing.
    const message = {
      id: 'new',
      role: 'user' as const,
      kind: 'text' as const,
      text: 'x',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const step = { id: 'step-2', messageId, type: 'llm', timestamp: '2026-01-01T00:00:00.000Z', payload: {} };
    const snapshot = { messageId: null, takenAt: '2026-01-01T00:00:00.000Z', variables: { v: 1 } };
    const writes: Array<() => Promise<unknown>> = [
      () => store().getSessionAgent(org, 'shared-id', ['agent-a', 'agent-b']),
      () => store().appendMessages(org, 'shared-id', [message]),
      () => store().appendVariableSnapshot(org, 'shared-id', snapshot),
      () => store().appendInteractions(org, 'shared-id', [step]),
      () => store().setTags(org, 'shared-id', ['x']),
      () => store().applyTagOperations(org, 'shared-id', { add: ['x'] }),
      () => store().addMessageTags(org, 'shared-id', messageId, ['x']),
      () => store().updateSession(org, 'shared-id', (s) => ({ ...s, status: 'COMPLETED' })),
      () => store().deleteSession(org, 'shared-id'),
      () => store().deleteInteractions(org, ['shared-id']),
    ];
    for (const write of writes) await expect(write()).rejects.toBeInstanceOf(AmbiguousSessionError);
    // Narrowed to one agent, each write touches that agent's session only.
    await store().appendMessages(org, 'shared-id', [message], ['agent-a']);
    await store().setTags(org, 'shared-id', ['only-a'], ['agent-a']);
    expect(await store().appendInteractions(org, 'shared-id', [step], ['agent-a'])).toBe(1);
    await expect(store().setTags(org, 'shared-id', ['x'], ['agent-z'])).rejects.toBeInstanceOf(NotFoundError);
    const a = await store().getSession(org, 'shared-id', ['agent-a']);
    const b = await store().getSession(org, 'shared-id', ['agent-b']);
    expect([a?.tags, a?.messages.some((m) => m.id === 'new'), a?.interactions.length]).toEqual([
      ['only-a'],
      true,
      2,
    ]);
    expect([b?.tags, b?.messages.some((m) => m.id === 'new'), b?.interactions.length]).toEqual([
      ['agent-b-tag'],
      false,
      1,
    ]);
    expect(await store().deleteInteractions(org, ['shared-id'], ['agent-b'])).toBe(1);
    expect((await store().getSession(org, 'shared-id', ['agent-a']))?.interactions).toHaveLength(2);
  });

  it('deletes one agent’s session of a shared id with its log and occurrences, leaving the other agent’s whole', async () => {
    const { org } = await twoHolders();
    expect(await store().deleteSession(org, 'shared-id', ['agent-z'])).toBe(false);
    expect(await store().deleteSession(org, 'shared-id', ['agent-a'])).toBe(true);
    expect(await store().getSession(org, 'shared-id', ['agent-a'])).toBeUndefined();
    const b = await store().getSession(org, 'shared-id');
    expect([b?.agentId, b?.interactions.length]).toEqual(['agent-b', 1]);
    const questions = await store().listMissedQuestions(org, {});
    expect(questions.items.map((q) => [q.agentId, q.occurrences, q.distinctSessions])).toEqual([
      ['agent-b', 1, 1],
    ]);
  });
}
