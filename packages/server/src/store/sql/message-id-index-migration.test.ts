import type { Session } from '@observatory/core';
import { expect, it } from 'vitest';
import { sampleSessions } from '../../testing/fixtures.js';
import { SCHEMA_VERSIONS } from './migrations.js';
import { openPgliteDriver } from './pglite-driver.js';
import { SqlStore } from './sql-store.js';

const ORG = 'org-schema-9';

it('reopens a version-9 database with the message-id index of the ids alone (migration 10), finding sessions by message id', async () => {
  const driver = await openPgliteDriver(undefined);
  const [a, b] = sampleSessions(2, 9) as [Session, Session];
  // `shared` is a message id both sessions hold (the earlier by time answers); `only` one of the other's alone.
  const shared = a.messages[0]?.id as string;
  const only = 'only-in-one';
  const [first, later] = [
    { ...a, agentId: 'agent-a' },
    {
      ...b,
      agentId: 'agent-b',
      messages: [{ ...(b.messages[0] as Session['messages'][number]), id: shared }, ...b.messages.slice(1)],
    },
  ].sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt) || (x.id < y.id ? -1 : 1)) as [
    Session,
    Session,
  ];
  later.messages.push({ ...(later.messages[0] as Session['messages'][number]), id: only });
  const before = await SqlStore.open(driver, 'pglite');
  await before.upsertSession(ORG, first);
  await before.upsertSession(ORG, later);
  // The database as a build of version 9 left it: the index of whole messages, no version 10.
  for (const statement of [
    'DROP INDEX sessions_by_message_id',
    "CREATE INDEX sessions_message_ids ON sessions USING gin ((doc -> 'messages') jsonb_path_ops)",
    'DELETE FROM schema_migrations WHERE version = 10',
  ]) {
    await driver.query(statement);
  }
  const store = await SqlStore.open(driver, 'pglite');
  try {
    const versions = await driver.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((row) => Number(row.version))).toEqual(SCHEMA_VERSIONS);
    const indexes = await driver.query(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'sessions' AND indexname LIKE '%message%'",
    );
    expect(indexes.map((row) => row.indexname)).toEqual(['sessions_by_message_id']);
    expect(String(indexes[0]?.indexdef)).toContain('jsonb_path_query_array');
    expect((await store.findSessionByMessage(ORG, shared))?.id).toBe(first.id);
    expect((await store.findSessionByMessage(ORG, only))?.id).toBe(later.id);
    expect((await store.findSessionByMessage(ORG, shared, [later.agentId]))?.id).toBe(later.id);
    expect(await store.findSessionByMessage(ORG, only, [first.agentId])).toBeUndefined();
    // A message's text, role or time is no id: only ids are matched, as before.
    expect(await store.findSessionByMessage(ORG, first.messages[0]?.text as string)).toBeUndefined();
    expect(await store.findSessionByMessage(ORG, 'user')).toBeUndefined();
  } finally {
    await store.close();
  }
  // Two openings of a fresh PGlite: seconds each on a loaded machine.
}, 60_000);
