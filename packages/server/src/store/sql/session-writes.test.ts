import type { Session, TraceStep } from '@observatory/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../errors.js';
import { sampleSessions } from '../../testing/fixtures.js';
import { findPostgresBin, startPostgres, type TestPostgres } from '../../testing/postgres.js';
import { openStore } from '../open-store.js';
import type { ObservatoryStore } from '../store.js';

const bin = findPostgresBin();

// Several first writes of one session at once, each with messages of its own: one creates it, the others merge
// into it, whichever path (create or upsert) each takes. On PostgreSQL they really run at the same time.
function describeWrites(name: string, open: () => Promise<ObservatoryStore>) {
  describe(`concurrent session writes: ${name}`, () => {
    let store: ObservatoryStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('keeps every message of concurrent first writes, creating the session once', async () => {
      const [template] = sampleSessions(1, 8) as [Session];
      const writers = 8;
      const versions = Array.from({ length: writers }, (_, i) => ({
        ...template,
        messages: [{ ...(template.messages[0] as Session['messages'][number]), id: `w${i}` }],
      }));
      const results = await Promise.all(
        versions.map((version, i) =>
          i % 2 === 0
            ? store.upsertSession('org', version).then((r) => r.created)
            : store.createSession('org', version).then(
                () => true,
                (error: unknown) => {
                  if (!(error instanceof ConflictError)) throw error;
                  return store.upsertSession('org', version).then((r) => r.created);
                },
              ),
        ),
      );
      expect(results.filter((created) => created)).toHaveLength(1);
      const stored = await store.getSession('org', template.id);
      expect(stored?.messages.map((m) => m.id).sort()).toEqual(versions.map((_, i) => `w${i}`).sort());
    });

    it('answers a created session with its log as a read gives it, and a second creation writes no step', async () => {
      const [template] = sampleSessions(1, 10) as [Session];
      const at = (seconds: number) => new Date(Date.parse(template.createdAt) + seconds * 1000).toISOString();
      const step = (id: string, seconds: number, model = 'x'): TraceStep => ({
        id,
        messageId: template.messages[0]?.id ?? 'm',
        type: 'llm',
        timestamp: at(seconds),
        payload: { model },
      });
      // Sent out of order, one id twice (the first kept), equal times ordered by id byte-wise (`B` before `a`).
      const steps = [step('late', 9), step('b', 1), step('a', 1), step('B', 1), step('b', 2, 'repeat')];
      const created = await store.createSession('org', { ...template, interactions: steps });
      expect(created.interactions.map((s) => s.id)).toEqual(['B', 'a', 'b', 'late']);
      expect(created.interactions.find((s) => s.id === 'b')?.payload).toEqual({ model: 'x' });
      expect(created).toEqual(await store.getSession('org', template.id));
      await expect(
        store.createSession('org', { ...template, interactions: [step('other', 3)] }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await store.getSession('org', template.id))?.interactions).toEqual(created.interactions);
    });

    it('appends interaction steps once each, only to a session that exists and the agents given may see', async () => {
      const [session] = sampleSessions(1, 9) as [Session];
      await store.upsertSession('org', session);
      const step = (id: string): TraceStep => ({
        id,
        messageId: session.messages[0]?.id ?? 'm',
        type: 'llm',
        timestamp: session.createdAt,
        payload: {},
      });
      expect(await store.appendInteractions('org', session.id, [step('a'), step('b'), step('a')])).toBe(2);
      expect(
        await store.appendInteractions('org', session.id, [step('b'), step('c')], [session.agentId]),
      ).toBe(1);
      await expect(
        store.appendInteractions('org', session.id, [step('d')], ['another-agent']),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.appendInteractions('org', 'missing', [step('e')])).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect((await store.getSession('org', session.id))?.interactions.map((s) => s.id)).toEqual([
        'a',
        'b',
        'c',
      ]);
    });
  });
}

describeWrites('memory://', () => openStore('memory://'));

describe.skipIf(bin === undefined)('on PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres(bin);
  });
  afterAll(async () => {
    await server?.stop();
  });
  describeWrites('postgres://', async () => openStore(await server.createDatabase('writes')));
});
