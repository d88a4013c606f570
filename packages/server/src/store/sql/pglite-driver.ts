import { PGlite } from '@electric-sql/pglite';
import type { SqlDriver, SqlQueryable, SqlRow } from './driver.js';

/**
 * Opens PGlite (PostgreSQL compiled to WebAssembly, in-process): in memory when `dataDir` is undefined, else
 * persisted in that directory. PGlite runs one statement at a time, so transactions need no pool.
 *
 * @example
 * ```ts
 * const driver = await openPgliteDriver('./observatory-data');
 * ```
 */
export async function openPgliteDriver(dataDir: string | undefined): Promise<SqlDriver> {
  // relaxedDurability stays off: an acknowledged write must be on disk before the response goes out.
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  const query = async (sql: string, params: readonly unknown[] = []): Promise<SqlRow[]> =>
    (await db.query<SqlRow>(sql, [...params])).rows;
  return {
    query,
    transaction: (work) =>
      db.transaction((tx) => {
        const scoped: SqlQueryable = {
          query: async (sql, params = []) => (await tx.query<SqlRow>(sql, [...params])).rows,
        };
        return work(scoped);
      }),
    close: () => db.close(),
  };
}
