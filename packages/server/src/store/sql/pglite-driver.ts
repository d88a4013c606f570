import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SqlDriver, SqlQueryable, SqlRow } from './driver.js';
import { AUTOVACUUM_INTERVAL_MS, startAutovacuum } from './pglite-autovacuum.js';
import { preparedStatements } from './pglite-prepared.js';

/**
 * Opens PGlite (PostgreSQL compiled to WebAssembly, in-process): in memory when `dataDir` is undefined, else
 * persisted in that directory. PGlite runs one statement at a time, so transactions need no pool. PGlite has no
 * autovacuum worker, so the driver runs PostgreSQL's autovacuum rules itself every `autovacuumIntervalMs`
 * (pglite-autovacuum.ts): without it no table is ever analyzed and the planner guesses every filter. A statement
 * run with `prepare` inside a transaction is a named prepared statement (pglite-prepared.ts).
 *
 * @example
 * ```ts
 * const driver = await openPgliteDriver('./observatory-data');
 * ```
 */
export async function openPgliteDriver(
  dataDir: string | undefined,
  autovacuumIntervalMs = AUTOVACUUM_INTERVAL_MS,
): Promise<SqlDriver> {
  // relaxedDurability stays off: an acknowledged write must be on disk before the response goes out.
  // pg_trgm: the trigram index of transcript search (migration 4).
  const options = { extensions: { pg_trgm } };
  const db = dataDir === undefined ? new PGlite(options) : new PGlite(dataDir, options);
  await db.waitReady;
  const query = async (sql: string, params: readonly unknown[] = []): Promise<SqlRow[]> =>
    (await db.query<SqlRow>(sql, [...params])).rows;
  const autovacuum = startAutovacuum({ query }, autovacuumIntervalMs);
  const statements = preparedStatements(db);
  return {
    query,
    transaction: (work) =>
      db.transaction((tx) => {
        const scoped: SqlQueryable = {
          query: async (sql, params = [], options) =>
            options?.prepare
              ? statements.query(sql, params)
              : (await tx.query<SqlRow>(sql, [...params])).rows,
        };
        return work(scoped);
      }),
    close: async () => {
      await autovacuum.stop();
      await db.close();
    },
  };
}
