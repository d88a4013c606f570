import { PGlite } from '@electric-sql/pglite';
import { compareSessions, matchesSessionQuery, type Session, type SessionQuery } from '@observatory/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSessions } from '../../testing/fixtures.js';
import type { SqlDriver } from './driver.js';
import { openPgliteDriver } from './pglite-driver.js';
import { INSERT_SESSION_ROWS, sessionRowValues } from './session-row.js';
import { TOTAL_CAP } from './sql-sessions.js';
import { SqlStore } from './sql-store.js';

const expectedIds = (sessions: readonly Session[], query: SessionQuery) =>
  sessions
    .filter((s) => matchesSessionQuery(s, query))
    .sort(compareSessions(query.sort))
    .map((s) => s.id);

async function listAll(store: SqlStore, org: string, query: SessionQuery): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 0; ; page++) {
    const result = await store.listSessions(org, query, { page, pageSize: 50 });
    ids.push(...result.items.map((s) => s.id));
    if (result.items.length < 50) return ids;
  }
}

it('searches exactly without pg_trgm, as on a PostgreSQL where the extension may not be created', async () => {
  // PGlite without its pg_trgm bundle: the migration finds no extension and creates no trigram index.
  const db = new PGlite();
  const bare: SqlDriver = {
    query: async (sql, params = []) => (await db.query<Record<string, unknown>>(sql, [...params])).rows,
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async (sql, params = []) => (await tx.query<Record<string, unknown>>(sql, [...params])).rows,
        }),
      ),
    close: () => db.close(),
  };
  const store = await SqlStore.open(bare, 'memory');
  try {
    expect(await bare.query("SELECT 1 FROM pg_indexes WHERE indexname = 'sessions_search_text'")).toEqual([]);
    const sessions = sampleSessions(40, 31);
    for (const session of sessions) await store.upsertSession('org', session);
    for (const query of [
      { search: { term: 'REFUND', mode: 'plain' } },
      { search: { term: 'refund', mode: 'fullWord' } },
    ] as SessionQuery[]) {
      expect(await listAll(store, 'org', query)).toEqual(expectedIds(sessions, query));
    }
  } finally {
    await store.close();
  }
});

describe('session lists on the SQL store', () => {
  let driver: SqlDriver;
  let store: SqlStore;
  beforeAll(async () => {
    driver = await openPgliteDriver(undefined);
    store = await SqlStore.open(driver, 'memory');
  });
  afterAll(async () => {
    await store?.close();
  });

  it('fills the quick-filter and search columns of sessions stored before they existed (migration 4)', async () => {
    const org = 'org-before-migration-4';
    const sessions = sampleSessions(60, 21);
    for (const session of sessions) await store.upsertSession(org, session);
    // The database as schema 3 left it: no fact columns, no record of migration 4.
    await driver.query(
      `ALTER TABLE sessions DROP COLUMN has_fallback, DROP COLUMN has_feedback, DROP COLUMN has_livechat,
         DROP COLUMN has_csat, DROP COLUMN csat_statuses, DROP COLUMN search_text`,
    );
    await driver.query('DELETE FROM schema_migrations WHERE version = 4');
    const upgraded = await SqlStore.open(driver, 'memory');
    const queries: SessionQuery[] = [
      { containsFallback: true },
      { containsFeedback: true },
      { containsLiveChat: true },
      { containsCSATSurvey: true, csatStatuses: ['ANSWERED'] },
      { search: { term: 'ΚΑΛΗΜΈΡΑ', mode: 'plain' } },
      { search: { term: 'refund', mode: 'fullWord' } },
    ];
    for (const query of queries) {
      const expected = expectedIds(sessions, query);
      expect(expected.length).toBeGreaterThan(0);
      expect(await listAll(upgraded, org, query)).toEqual(expected);
    }
  });

  it('counts a total exactly up to TOTAL_CAP past the end of the page, and pages on to every match', async () => {
    const org = 'org-many';
    const [template] = sampleSessions(1, 3) as [Session];
    const count = 2 * TOTAL_CAP + 45;
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    const rows = Array.from({ length: count }, (_, i) => {
      const doc = {
        ...template,
        id: `many-${String(i).padStart(6, '0')}`,
        createdAt: new Date(start + i * 1000).toISOString(),
        // One message each: the rows are many, not large.
        messages: template.messages.slice(0, 1).map((m) => ({
          ...m,
          createdAt: new Date(start + i * 1000).toISOString(),
          category: i % 2 === 0 ? ('FALLBACK' as const) : ('COMMON' as const),
        })),
        interactions: [],
      };
      return { ...sessionRowValues(doc), doc };
    });
    for (let i = 0; i < rows.length; i += 2000) {
      await driver.query(INSERT_SESSION_ROWS, [org, JSON.stringify(rows.slice(i, i + 2000))]);
    }
    const first = await store.listSessions(org, {}, { page: 0, pageSize: 20 });
    expect(first.total).toBe(20 + TOTAL_CAP);
    expect(first.items.map((s) => s.id)).toEqual(
      rows
        .slice(-20)
        .map((r) => r.id)
        .reverse(),
    );
    expect((await store.listSessions(org, {}, { page: 1, pageSize: 20 })).total).toBe(40 + TOTAL_CAP);
    // Near the end the whole count is within reach again: exact.
    const last = await store.listSessions(org, {}, { page: 1, pageSize: TOTAL_CAP });
    expect(last).toMatchObject({ total: count });
    expect(last.items).toHaveLength(TOTAL_CAP);
    // A quick filter (SQL) and a full-word search (core's predicate on candidates) count the same way.
    const fallback = await store.listSessions(org, { containsFallback: true }, { page: 0, pageSize: 20 });
    expect(fallback.total).toBe(20 + TOTAL_CAP);
    const word = template.messages[0]?.text.split(' ')[0] as string;
    const searched = await store.listSessions(
      org,
      { search: { term: word, mode: 'fullWord' } },
      { page: 2, pageSize: 20 },
    );
    expect(searched.total).toBe(60 + TOTAL_CAP);
    // The client's rule, paging while (page + 1) × pageSize < total, reaches every session, also at the largest
    // page size.
    let seen = 0;
    for (let page = 0; ; page++) {
      const result = await store.listSessions(org, {}, { page, pageSize: 1000 });
      seen += result.items.length;
      if ((page + 1) * 1000 >= result.total) break;
    }
    expect(seen).toBe(count);
    // Thousands of rows written and counted on an in-memory PGlite: seconds alone, a minute on a loaded machine.
  }, 300_000);
});
