import type { Session } from '@observatory/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSessions } from '../../testing/fixtures.js';
import { findPostgresBin, startPostgres, type TestPostgres } from '../../testing/postgres.js';
import type { SqlDriver } from './driver.js';
import { openPgDriver } from './pg-driver.js';
import { autovacuumPass } from './pglite-autovacuum.js';
import { openPgliteDriver } from './pglite-driver.js';
import { INSERT_SESSION_ROWS, sessionRowValues } from './session-row.js';
import { SqlStore } from './sql-store.js';

// The session list filters status inside the stored document (`doc ->> 'status'`). Without statistics on that
// expression the planner assumes 0.5 % of the rows match, so a month of one deployment's completed sessions (a
// third of the table) was read by a full scan and a sort (173 ms at 100,000 sessions, findings 22) instead of
// walking the creation-time index until the page is full (15 ms). PGlite has no autovacuum worker: unless the
// driver analyzes by itself, an embedded store never has statistics at all.
const COUNT = 3_000;

async function seed(driver: SqlDriver): Promise<void> {
  const sessions: Session[] = sampleSessions(COUNT, 19).map((session, i) => ({
    ...session,
    status: i % 3 === 0 ? 'ACTIVE' : 'COMPLETED',
  }));
  const rows = sessions.map((session) => ({ ...sessionRowValues(session), doc: session }));
  await driver.query(INSERT_SESSION_ROWS, ['org', JSON.stringify(rows)]);
}

async function estimatedRows(driver: SqlDriver, status: string): Promise<number> {
  const [row] = await driver.query(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM sessions WHERE org_id = $1 AND doc ->> 'status' = $2`,
    ['org', status],
  );
  const plan = Object.values(row ?? {})[0] as [{ Plan: { 'Plan Rows': number } }];
  return plan[0].Plan['Plan Rows'];
}

async function expectStatusEstimates(driver: SqlDriver): Promise<void> {
  // Two thirds are COMPLETED, one third ACTIVE: within a factor of 1.5 of the truth either way.
  expect(await estimatedRows(driver, 'COMPLETED')).toBeGreaterThan((COUNT * 2) / 3 / 1.5);
  expect(await estimatedRows(driver, 'ACTIVE')).toBeGreaterThan(COUNT / 3 / 1.5);
}

describe('the embedded engine (PGlite) analyzes and vacuums by itself', () => {
  it('analyzes a table past autovacuum’s threshold on its own timer, so a status filter is estimated', async () => {
    const driver = await openPgliteDriver(undefined, 50);
    const store = await SqlStore.open(driver, 'memory');
    try {
      await seed(driver);
      // Waits on the state, not a time: a pass of the loop (every 50 ms) analyzes the 3,000 new rows.
      await expect
        .poll(() => estimatedRows(driver, 'COMPLETED'), { timeout: 60_000, interval: 50 })
        .toBeGreaterThan((COUNT * 2) / 3 / 1.5);
      await expectStatusEstimates(driver);
    } finally {
      await store.close();
    }
  });

  it('runs only what PostgreSQL’s thresholds call for, and nothing once the tables are settled', async () => {
    const driver = await openPgliteDriver(undefined, 3_600_000);
    const store = await SqlStore.open(driver, 'memory');
    try {
      await seed(driver);
      const first = await autovacuumPass(driver);
      expect(first).toContain('VACUUM (ANALYZE) sessions');
      expect(await autovacuumPass(driver)).toEqual([]);
      // 10 % of 3,000 plus 50 changed rows call for an analyze; dead rows under 20 % plus 50 no vacuum.
      await driver.query(
        `UPDATE sessions SET doc = jsonb_set(doc, '{status}', '"ACTIVE"') WHERE ctid IN (SELECT ctid FROM sessions LIMIT 400)`,
      );
      expect(await autovacuumPass(driver)).toEqual(['ANALYZE sessions']);
    } finally {
      await store.close();
    }
  });
});

const bin = findPostgresBin();

describe.skipIf(bin === undefined && process.env.CI !== 'true')('planner statistics on PostgreSQL', () => {
  let server: TestPostgres;
  let driver: SqlDriver;
  let store: SqlStore;
  beforeAll(async () => {
    if (bin === undefined) throw new Error('PostgreSQL binaries not found: install the "postgresql" package');
    server = await startPostgres(bin);
    driver = await openPgDriver(server.url);
    store = await SqlStore.open(driver, 'postgres');
    await seed(driver);
    // What autovacuum's daemon does within its naptime of a minute.
    await driver.query('ANALYZE sessions');
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('estimates a status filter from the stored statuses, not the planner default', async () => {
    await expectStatusEstimates(driver);
  });
});
