import { afterEach, expect, it } from 'vitest';
import { ConflictError } from '../../errors.js';
import { findPostgresBin, startPostgres } from '../../testing/postgres.js';
import type { SqlDriver, SqlRow } from './driver.js';
import { openPgDriver } from './pg-driver.js';
import { openPgliteDriver } from './pglite-driver.js';
import { SqlStore } from './sql-store.js';
import { lockTrendSessions } from './trend-rollup.js';

/** A store on in-memory PGlite whose driver counts the transactions the store opens. */
async function countingStore(): Promise<{ store: SqlStore; transactions: () => number }> {
  const inner = await openPgliteDriver(undefined);
  let transactions = 0;
  const driver: SqlDriver = {
    query: (sql, params) => inner.query(sql, params),
    transaction: (work) => {
      transactions++;
      return inner.transaction(work);
    },
    close: () => inner.close(),
  };
  const store = await SqlStore.open(driver, 'pglite');
  return { store, transactions: () => transactions };
}

let opened: SqlStore | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

it('runs concurrent reports together: 32 sent at once take one transaction', async () => {
  const { store, transactions } = await countingStore();
  opened = store;
  const before = transactions();
  const results = await Promise.all(
    Array.from({ length: 32 }, (_, i) =>
      store.reportMissedQuestion('org', {
        agentId: 'a',
        question: `Q${i % 4}?`,
        sessionId: `s${i % 8}`,
        messageId: `m${i}`,
      }),
    ),
  );
  expect(transactions() - before).toBe(1);
  expect(results.every((r) => r.created)).toBe(true);
  const listed = await store.listMissedQuestions('org', {});
  expect(listed.items.map((q) => [q.question, q.occurrences, q.distinctSessions]).sort()).toEqual([
    ['Q0?', 8, 2],
    ['Q1?', 8, 2],
    ['Q2?', 8, 2],
    ['Q3?', 8, 2],
  ]);
});

it('fails only the report the database refuses; the reports batched with it are stored once each', async () => {
  const { store } = await countingStore();
  opened = store;
  const reports = Array.from({ length: 8 }, (_, i) => ({
    agentId: 'a',
    // PostgreSQL text cannot hold NUL: the statement fails for the whole batch.
    question: i === 5 ? 'bad\u0000?' : 'Good?',
    sessionId: 's',
    messageId: `m${i}`,
  }));
  const settled = await Promise.allSettled(reports.map((r) => store.reportMissedQuestion('org', r)));
  expect(settled.map((s) => s.status)).toEqual(reports.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
  const refused = settled[5] as PromiseRejectedResult;
  expect(refused.reason).not.toBeInstanceOf(ConflictError);
  expect((await store.listMissedQuestions('org', {})).items).toMatchObject([
    { question: 'Good?', occurrences: 7 },
  ]);
});

/** Every node of an `EXPLAIN (ANALYZE, FORMAT JSON)` plan, subplans and CTEs included. */
function planNodes(node: Record<string, unknown>): Record<string, unknown>[] {
  const children = (node.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [node, ...children.flatMap(planNodes)];
}

/** The nodes of the plan an `EXPLAIN (ANALYZE, FORMAT JSON)` answered with. */
function explained(rows: readonly SqlRow[]): Record<string, unknown>[] {
  const document = (rows[0]?.['QUERY PLAN'] ?? []) as { Plan?: Record<string, unknown> }[];
  return planNodes(document[0]?.Plan ?? {});
}

it("reads its own reports' rows of the questions and occurrences, not every row of the organization", async () => {
  // A batch's cost must not grow with the data already stored: with the organization's rows hashed per batch, a
  // batch at a million occurrences would read a million rows.
  const inner = await openPgliteDriver(undefined);
  let statement: { sql: string; params: readonly unknown[] } | undefined;
  const driver: SqlDriver = {
    query: (sql, params) => inner.query(sql, params),
    transaction: (work) =>
      inner.transaction((tx) =>
        work({
          query: (sql, params, options) => {
            if (sql.includes('jsonb_to_recordset')) statement = { sql, params: params ?? [] };
            return tx.query(sql, params, options);
          },
        }),
      ),
    close: () => inner.close(),
  };
  const store = await SqlStore.open(driver, 'pglite');
  opened = store;
  const report = (i: number) => ({
    agentId: 'a',
    question: `Q${i % 50}?`,
    sessionId: `s${i % 400}`,
    messageId: `m${i}`,
  });
  for (let k = 0; k < 2000; k += 100)
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => store.reportMissedQuestion('org', report(k + i))),
    );
  // A batch of 8: 4 new reports of stored questions, 4 repeats.
  await Promise.all(
    [2000, 2001, 2002, 2003, 0, 1, 2, 3].map((i) => store.reportMissedQuestion('org', report(i))),
  );
  const { sql, params } = statement ?? { sql: '', params: [] };
  const nodes = await inner
    .transaction(async (tx) => {
      const rows = await tx.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      throw Object.assign(new Error('rolled back'), { plan: explained(rows) });
    })
    .catch((error: { plan?: Record<string, unknown>[] }) => error.plan ?? []);
  const reads = nodes.filter((node) =>
    ['missed_questions', 'missed_question_occurrences'].includes(String(node['Relation Name'])),
  );
  expect(reads.length).toBeGreaterThan(0);
  for (const node of reads)
    expect(Number(node['Actual Rows']) * Number(node['Actual Loops'])).toBeLessThanOrEqual(8);
});

it.skipIf(findPostgresBin() === undefined)(
  "locks on PostgreSQL its own sessions' trend rows, reading none of the organization's others",
  async () => {
    const postgres = await startPostgres();
    try {
      const driver = await openPgDriver(postgres.url);
      const store = await SqlStore.open(driver, 'postgres');
      try {
        const sessions = Array.from({ length: 2000 }, (_, i) => ({ agentId: 'a', sessionId: `s${i}` }));
        await driver.query(
          `INSERT INTO missed_trend_sessions (org_id, agent_id, session_id, asked)
           SELECT 'org', 'a', 's' || i, '{}' FROM generate_series(0, 1999) i`,
        );
        await driver.query('ANALYZE missed_trend_sessions');
        const batch = sessions.slice(100, 108);
        let statement: { sql: string; params: readonly unknown[] } | undefined;
        const nodes = await driver.transaction(async (tx) => {
          await lockTrendSessions(
            {
              query: (sql, params) => {
                statement = { sql, params: params ?? [] };
                return tx.query(sql, params);
              },
            },
            'org',
            batch,
          );
          const { sql, params } = statement ?? { sql: '', params: [] };
          return explained(await tx.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params));
        });
        const reads = nodes.filter((node) => node['Relation Name'] === 'missed_trend_sessions');
        expect(reads.length).toBeGreaterThan(0);
        for (const node of reads)
          expect(Number(node['Actual Rows']) * Number(node['Actual Loops'])).toBeLessThanOrEqual(
            batch.length,
          );
      } finally {
        await store.close();
      }
    } finally {
      await postgres.stop();
    }
  },
);
