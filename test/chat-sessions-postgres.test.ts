import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findPostgresBin,
  startPostgres,
  type TestPostgres,
} from '../packages/server/src/testing/postgres.js';

// Concurrent first writes of one session id on PostgreSQL, where transactions really overlap (PGlite runs them
// one at a time). In CI missing binaries fail the suite; elsewhere it is skipped with a note.
const bin = findPostgresBin();
if (bin === undefined && process.env.CI === 'true') {
  throw new Error(
    'PostgreSQL binaries not found under /usr/lib/postgresql: install the "postgresql" package',
  );
}
if (bin === undefined) console.warn('Skipping: install PostgreSQL (apt-get install postgresql) to run it');

describe.skipIf(bin === undefined)('published chat-session writes racing on PostgreSQL', () => {
  let postgres: TestPostgres;
  let running: RunningServer;
  beforeAll(async () => {
    postgres = await startPostgres(bin);
    running = await startObservatoryServer({
      storeUrl: postgres.url,
      port: 0,
      hostname: '127.0.0.1',
      auth: { tokens: [{ token: 't', organizationId: 'org-1' }] },
    });
  });
  afterAll(async () => {
    await running?.close();
    await postgres?.stop();
  });

  const send = (method: string, path: string, body: unknown) =>
    fetch(`${running.url}${path}`, {
      method,
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const session = (id: string, n: number) => ({
    id,
    tenantId: 'faq-bot',
    subscriberHandle: 'u',
    createdAt: '2026-11-25T10:00:00.000Z',
    messages: [
      { id: `m${n}`, message: `Hi ${n}`, date: '2026-11-25T10:00:01.000Z', isUserInteraction: true },
    ],
  });

  it('creates one session when 16 creates of the same new id race: one 201, fifteen 409', async () => {
    const statuses = await Promise.all(
      Array.from(
        { length: 16 },
        async (_, n) => (await send('POST', '/chat-sessions', session('race-c', n))).status,
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    const stored = await running.store.getSession('org-1', 'race-c');
    expect(stored?.messages).toHaveLength(1);
  });

  it('keeps every message when 16 upserts of the same new id race', async () => {
    const statuses = await Promise.all(
      Array.from(
        { length: 16 },
        async (_, n) => (await send('PUT', '/chat-sessions/race-u', session('race-u', n))).status,
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const stored = await running.store.getSession('org-1', 'race-u');
    expect(stored?.messages.map((m) => m.id).sort()).toEqual(
      Array.from({ length: 16 }, (_, n) => `m${n}`).sort(),
    );
  });
});
