import { afterEach, expect, it } from 'vitest';
import type { SqlDriver } from './driver.js';
import { openPgliteDriver } from './pglite-driver.js';

let driver: SqlDriver | undefined;
afterEach(async () => {
  await driver?.close();
  driver = undefined;
});

const STATEMENT = `SELECT $1::text AS text, $2::jsonb AS doc, $3::timestamptz AS at, $4::integer + 1 AS next,
  $5::boolean AS flag, $6::text IS NULL AS missing`;
const PARAMS = ['Crypto?', JSON.stringify({ a: [1, 'β'] }), '2026-11-25T10:00:00.000Z', 41, true, null];

it('answers a prepared statement with the rows and types a plain query gives, parsing it once', async () => {
  driver = await openPgliteDriver(undefined);
  const plain = await driver.transaction((tx) => tx.query(STATEMENT, PARAMS));
  const prepared = [];
  for (let i = 0; i < 3; i++)
    prepared.push(await driver.transaction((tx) => tx.query(STATEMENT, PARAMS, { prepare: true })));
  expect(plain).toEqual([
    {
      text: 'Crypto?',
      doc: { a: [1, 'β'] },
      at: new Date('2026-11-25T10:00:00.000Z'),
      next: 42,
      flag: true,
      missing: true,
    },
  ]);
  for (const rows of prepared) expect(rows).toEqual(plain);
  // One named statement, run three times (PostgreSQL counts each run's plan, custom or generic).
  const statements = await driver.query(
    'SELECT statement, (generic_plans + custom_plans)::integer AS runs FROM pg_prepared_statements',
  );
  expect(statements).toEqual([{ statement: STATEMENT, runs: 3 }]);
});

it("fails a prepared statement with the database's error, rolls its transaction back and runs it again after", async () => {
  driver = await openPgliteDriver(undefined);
  await driver.query('CREATE TABLE t (id text PRIMARY KEY)');
  const insert = 'INSERT INTO t (id) VALUES ($1) RETURNING id';
  await driver.transaction((tx) => tx.query(insert, ['a'], { prepare: true }));
  const failed = driver.transaction(async (tx) => {
    await tx.query(insert, ['b'], { prepare: true });
    return tx.query(insert, ['a'], { prepare: true });
  });
  await expect(failed).rejects.toMatchObject({ code: '23505' });
  expect(await driver.transaction((tx) => tx.query(insert, ['c'], { prepare: true }))).toEqual([{ id: 'c' }]);
  expect(await driver.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 'a' }, { id: 'c' }]);
});
